using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using TenantSafety.Analyzers.Tests.Packaging;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>
/// <c>tenant-safety report</c> on the sample regenerates the seed audit: its 44 tables without a team_id index, its 12
/// with one, its hot tables, and the findings of every rule with file and line.
/// </summary>
[Collection(SampleReportCollection.Name)]
public sealed class SampleReportTests(SampleReportFixture report, ITestOutputHelper output)
{
    [Fact]
    public void Json_lists_exactly_the_audits_44_tables_without_a_team_id_index_and_its_12_with_one()
    {
        output.WriteLine(report.Json.Describe(20));
        var tables = Tables();

        var missing = tables.Where(t => t.TenantKey is not null && !t.TenantKeyIndexed).Select(t => t.Table).Order(StringComparer.Ordinal);
        var indexed = tables.Where(t => t.TenantKey is not null && t.TenantKeyIndexed).Select(t => t.Table).Order(StringComparer.Ordinal);
        Assert.Equal(SeedAudit.TablesMissingTeamIdIndex, missing);
        Assert.Equal(SeedAudit.TablesWithTeamIdIndex, indexed);

        var summary = report.JsonReport.RootElement.GetProperty("summary");
        Assert.Equal(56, summary.GetProperty("tenantTables").GetInt32());
        Assert.Equal(44, summary.GetProperty("tenantTablesWithoutTenantKeyIndex").GetInt32());
    }

    [Fact]
    public void Json_tables_carry_the_audits_index_names_hot_tables_and_parents()
    {
        var tables = Tables();
        var teamIdIndexes = report.JsonReport.RootElement.GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("indexes").EnumerateArray())
            .Where(i => i.GetProperty("columns")[0].GetString() == "team_id")
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("unique").GetBoolean());
        Assert.Equal(SeedAudit.TeamIdIndexes.OrderBy(p => p.Key, StringComparer.Ordinal), teamIdIndexes.OrderBy(p => p.Key, StringComparer.Ordinal));

        Assert.Equal(SeedAudit.HotTables, tables.Where(t => t.Hot).Select(t => t.Table).Order(StringComparer.Ordinal));
        Assert.Equal(
            SeedAudit.ScopedThroughCampaign,
            tables.Where(t => t.ScopedThrough == "campaigns (campaign_id)").Select(t => t.Table).Order(StringComparer.Ordinal));
        Assert.Equal(["campaigns", "personas"], tables.Where(t => t.TenantFilter).Select(t => t.Table).Order(StringComparer.Ordinal));

        // The keyless lead_funnel view is no table; teams is not a tenant table.
        Assert.DoesNotContain(tables, t => t.Table == "lead_funnel");
        Assert.Contains(tables, t => t.Table == "teams" && t.TenantKey is null && t.ScopedThrough is null);
        Assert.Equal(59, tables.Count);
    }

    [Fact]
    public void Json_findings_have_rule_file_line_and_message()
    {
        var findings = report.JsonReport.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            var file = finding.GetProperty("file").GetString()!;
            Assert.Matches("^TSA[0-9]{4}$", finding.GetProperty("id").GetString()!);
            Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, file)), $"{file} does not exist (paths are relative to the working directory).");
            Assert.True(finding.GetProperty("line").GetInt32() > 0);
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        }

        // The sample exercises every rule; TSA1007 is off by default.
        Assert.Equal(
            ["TSA1001", "TSA1002", "TSA1003", "TSA1004", "TSA1005", "TSA1006", "TSA2001", "TSA2002", "TSA2003", "TSA2004", "TSA3001", "TSA3002"],
            findings.Select(f => f.GetProperty("id").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(3, findings.Count(f => f.GetProperty("id").GetString() == "TSA1004" && f.GetProperty("file").GetString() == "samples/Outreach/Jobs/PurgeJobs.cs"));
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "TSA3001" && f.GetProperty("file").GetString()!.EndsWith("_AddPersonaPhoneNumberIndex.cs", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "TSA3002" && f.GetProperty("file").GetString()!.EndsWith("_AddLeadEmailIndex.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.GetProperty("file").GetString()!.EndsWith("_AddOutreachLogRetentionIndex.cs", StringComparison.Ordinal));

        var missingIndexes = findings.Where(f => f.GetProperty("id").GetString() == "TSA2001").ToList();
        Assert.Equal(44, missingIndexes.Count);
        Assert.Contains(missingIndexes, f => f.GetProperty("file").GetString() == "samples/Outreach/Model/Entities/Messaging.cs" && f.GetProperty("message").GetString()!.Contains("'Message'", StringComparison.Ordinal));

        // The README's index findings: the three redundant team_id indexes (an [Index] that HasIndex names in
        // OnModelCreating is one index, not a duplicate), and the composite indexes of hot-table queries (a
        // primary-key lookup such as CampaignQueueWorker.MarkSendingAsync needs none).
        Assert.Equal(
            ["samples/Outreach/Model/Configurations/LeadConfiguration.cs", "samples/Outreach/Model/Configurations/LeadLabelConfiguration.cs", "samples/Outreach/Model/Configurations/TeamInvitationConfiguration.cs"],
            findings.Where(f => f.GetProperty("id").GetString() == "TSA2004").Select(f => f.GetProperty("file").GetString()!).Order(StringComparer.Ordinal));
        var composite = findings.Where(f => f.GetProperty("id").GetString() == "TSA2002").Select(f => f.GetProperty("message").GetString()!).ToList();
        Assert.Equal(6, composite.Count);
        Assert.DoesNotContain(composite, message => message.Contains("(TeamId, Id)", StringComparison.Ordinal));

        var unscoped = findings.Single(f => f.GetProperty("id").GetString() == "TSA1001" && f.GetProperty("file").GetString() == "samples/Outreach/Services/LeadService.cs" && f.GetProperty("line").GetInt32() == 10);
        Assert.Contains("'Lead'", unscoped.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The nightly export's justified suppression is reported apart, not as a finding.
        var suppressed = Assert.Single(report.JsonReport.RootElement.GetProperty("suppressedFindings").EnumerateArray());
        Assert.Equal("samples/Outreach/Services/AdminExportService.cs", suppressed.GetProperty("file").GetString());
        Assert.DoesNotContain(findings, f => f.GetProperty("file").GetString() == "samples/Outreach/Services/AdminExportService.cs");
    }

    [Fact]
    public void Json_recommends_one_concurrent_team_id_index_per_table_without_one_and_rls_for_every_tenant_table()
    {
        var required = report.JsonReport.RootElement.GetProperty("requiredIndexes").EnumerateArray().ToList();
        Assert.Equal(SeedAudit.TablesMissingTeamIdIndex, required.Select(r => r.GetProperty("table").GetString()!).Order(StringComparer.Ordinal));
        var messages = required.Single(r => r.GetProperty("table").GetString() == "messages");
        Assert.Equal("P0", messages.GetProperty("priority").GetString());
        Assert.Equal("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_messages_team_id ON messages (team_id);", messages.GetProperty("sql").GetString());
        Assert.Equal("builder.HasIndex(m => m.TeamId);", messages.GetProperty("efCore").GetString());
        Assert.Equal("samples/Outreach/Model/Configurations/MessageConfiguration.cs", messages.GetProperty("file").GetString());
        Assert.Equal("P1", required.Single(r => r.GetProperty("table").GetString() == "personas").GetProperty("priority").GetString());

        var policies = report.JsonReport.RootElement.GetProperty("rowLevelSecurity").EnumerateArray().ToList();
        Assert.Equal(SeedAudit.TenantTables.Order(StringComparer.Ordinal), policies.Select(p => p.GetProperty("table").GetString()!).Order(StringComparer.Ordinal));
        var leads = policies.Single(p => p.GetProperty("table").GetString() == "leads").GetProperty("sql").GetString()!;
        Assert.Contains("ALTER TABLE leads ENABLE ROW LEVEL SECURITY;", leads, StringComparison.Ordinal);
        Assert.Contains("USING (team_id = NULLIF(current_setting('app.team_id', true), '')::uuid)", leads, StringComparison.Ordinal);
        Assert.Contains("WITH CHECK (team_id = NULLIF(current_setting('app.team_id', true), '')::uuid)", leads, StringComparison.Ordinal);

        var partitions = report.JsonReport.RootElement.GetProperty("partitioningCandidates").EnumerateArray().Select(p => p.GetProperty("table").GetString()).ToList();
        Assert.Contains("messages", partitions);
        Assert.Contains("outreach_logs", partitions);
        Assert.Contains("intelligence_log", partitions);
        Assert.Contains("campaign_executions", partitions);
        Assert.DoesNotContain("campaign_queue", partitions);
    }

    [Fact]
    public void Json_recommends_the_audits_composite_indexes_from_the_query_shapes()
    {
        var composites = report.JsonReport.RootElement.GetProperty("compositeIndexes").EnumerateArray()
            .Select(c => c.GetProperty("sql").GetString()!)
            .ToList();
        output.WriteLine(string.Join(Environment.NewLine, composites));

        // The seed's composite indexes on hot tables; its sixth, leads (team_id, status), is on a tier-3 table the sample does not list as hot.
        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_messages_team_id_status ON messages (team_id, status);", composites);
        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_inbox_items_team_id_current_bucket ON inbox_items (team_id, current_bucket);", composites);
        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_scheduled_events_team_id_status ON scheduled_events (team_id, status);", composites);
        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_campaign_queue_team_id_priority_scheduled_at ON campaign_queue (team_id, priority DESC, scheduled_at);", composites);
        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_intelligence_log_team_id_event_type ON intelligence_log (team_id, event_type);", composites);
        Assert.DoesNotContain(composites, sql => sql.Contains(" ON leads ", StringComparison.Ordinal));

        var queue = report.JsonReport.RootElement.GetProperty("compositeIndexes").EnumerateArray()
            .First(c => c.GetProperty("table").GetString() == "campaign_queue");
        Assert.Equal("builder.HasIndex(c => new { c.TeamId, c.Priority, c.ScheduledAt }).IsDescending(false, true, false);", queue.GetProperty("efCore").GetString());
    }

    [Fact]
    public void Fail_on_warning_exits_1_and_output_writes_the_report_to_the_file_only()
    {
        Assert.Equal(1, report.Json.ExitCode);
        Assert.Equal(string.Empty, report.Json.StandardOutput.Trim());
        Assert.True(File.Exists(report.JsonPath));
        Assert.Contains("at or above 'warning'", report.Json.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_is_the_seed_audit_regenerated_with_progress_on_stderr()
    {
        output.WriteLine(report.Markdown.Describe(10));
        Assert.Equal(0, report.Markdown.ExitCode);
        var markdown = report.Markdown.StandardOutput;

        Assert.StartsWith("# PERFORMANCE AND SCALE SAFETY", markdown, StringComparison.Ordinal);
        foreach (var section in new[]
        {
            "## Executive Summary", "## Index Analysis", "### Tables WITH team_id Index (12 tables, 15 indexes) ✅",
            "### Tables MISSING team_id Index (44) 🔴", "## Hot Tables Analysis", "## Required Indexes", "## Composite Index Recommendations",
            "## Partitioning Recommendations", "## Cross-Tenant Query Risk", "### Tenant query filters", "## Row-Level Security",
        })
        {
            Assert.Contains(section, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| Tables with team_id INDEX | 12 | ⚠️ 44 missing |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Hot tables identified | 9 |", markdown, StringComparison.Ordinal);
        Assert.Equal(44, Regex.Matches(markdown, "^CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_[a-z_]+_team_id ON [a-z_]+ \\(team_id\\);$", RegexOptions.Multiline).Count);
        Assert.Equal(56, Regex.Matches(markdown, "^CREATE POLICY tenant_isolation ON ", RegexOptions.Multiline).Count);
        Assert.Contains("| TSA1001 | samples/Outreach/Services/LeadService.cs:10 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| campaign_executions | campaigns (campaign_id) | ✅ inherited via FK |", markdown, StringComparison.Ordinal);

        // Progress goes to stderr, so the report can be redirected.
        Assert.Contains("Loading samples/Outreach/Outreach.csproj with MSBuild", report.Markdown.StandardError, StringComparison.Ordinal);
        Assert.Contains("TenantSafety analyzers on Outreach", report.Markdown.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_holds_every_finding_and_marks_the_suppressed_one()
    {
        Assert.True(report.Sarif.Succeeded, report.Sarif.Describe());
        var root = report.SarifReport.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        var rules = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("TSA1001", rules);
        Assert.Contains("TSA2001", rules);

        // No address anyone cannot open: the tool's, like the rules' help links, waits for a public one.
        Assert.Equal(RuleDescriptors.HelpLinkBase.Length > 0, driver.TryGetProperty("informationUri", out _));
        Assert.DoesNotContain("github.com", report.Sarif.StandardOutput, StringComparison.Ordinal);

        var results = run.GetProperty("results").EnumerateArray().ToList();
        var findings = report.JsonReport.RootElement.GetProperty("findings").GetArrayLength();
        Assert.Equal(findings + 1, results.Count);
        var suppressed = Assert.Single(results, r => r.TryGetProperty("suppressions", out _));
        Assert.Equal(
            "samples/Outreach/Services/AdminExportService.cs",
            suppressed.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.All(results, r => Assert.True(r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() > 0));
    }

    private List<TableRow> Tables() =>
        report.JsonReport.RootElement.GetProperty("tables").EnumerateArray()
            .Select(t => new TableRow(
                t.GetProperty("table").GetString()!,
                t.GetProperty("tenantKey").ValueKind == JsonValueKind.Null ? null : t.GetProperty("tenantKey").GetString(),
                t.GetProperty("tenantKeyIndexed").GetBoolean(),
                t.GetProperty("hot").GetBoolean(),
                t.GetProperty("tenantFilter").GetBoolean(),
                t.GetProperty("scopedThrough").ValueKind == JsonValueKind.Null ? null : t.GetProperty("scopedThrough").GetString()))
            .ToList();

    private sealed record TableRow(string Table, string? TenantKey, bool TenantKeyIndexed, bool Hot, bool TenantFilter, string? ScopedThrough);
}
