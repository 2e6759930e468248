using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>
/// The seed audit's sections the report regenerates beyond indexes and queries, on the sample: the FK-index row,
/// team-based partitioning, Connection Pooling (from the registration and appsettings*.json), Query Performance
/// Monitoring, Scale Projections with index size estimates, and the Checklist — in Markdown, JSON and SARIF.
/// </summary>
[Collection(SampleReportCollection.Name)]
public sealed class SampleReportSectionsTests(SampleReportFixture report, ITestOutputHelper output)
{
    /// <summary>The password in the sample's appsettings.json: it must appear in no report.</summary>
    private const string SamplePassword = "outreach-dev-password";

    private JsonElement Root => report.JsonReport.RootElement;

    [Fact]
    public void The_executive_summary_counts_tables_with_every_reference_indexed_as_the_seeds_FK_INDEX_row()
    {
        var summary = Root.GetProperty("summary");
        Assert.Equal(28, summary.GetProperty("tablesWithReferences").GetInt32());
        Assert.Equal(23, summary.GetProperty("tablesWithEveryReferenceIndexed").GetInt32());

        // The unindexed references are the reference-like columns TSA2003 reports: the seed's "FK indexes: partial".
        var unindexed = Root.GetProperty("foreignKeyIndexes").EnumerateArray()
            .Select(u => $"{u.GetProperty("table").GetString()}.{u.GetProperty("column").GetString()} {u.GetProperty("kind").GetString()}")
            .ToList();
        Assert.Equal(
            ["campaign_executions.lead_id TSA2003", "campaign_queue.lead_id TSA2003", "intelligence_log.lead_id TSA2003", "messages.campaign_id TSA2003", "outreach_logs.lead_id TSA2003"],
            unindexed);
        Assert.Contains("| Tables with FK INDEX | 23 of 28 tables with references | ⚠️ 5 references without an index |", report.Markdown.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Team_based_partitioning_names_the_tenant_tables_others_hang_off_and_not_the_append_only_ones()
    {
        var candidates = Root.GetProperty("tenantPartitioningCandidates").EnumerateArray().ToList();
        Assert.Equal(["campaigns", "leads", "personas"], candidates.Select(c => c.GetProperty("table").GetString()!));
        Assert.All(candidates, c => Assert.Equal("team_id", c.GetProperty("partitionKey").GetString()));
        var leads = candidates.Single(c => c.GetProperty("table").GetString() == "leads");
        Assert.Equal(
            ["appointments", "inbox_items", "lead_activities", "messages", "unified_lead_cards"],
            leads.GetProperty("referencedBy").EnumerateArray().Select(t => t.GetString()!));

        // Time-based candidates are unchanged, and a table is never both.
        var byTime = Root.GetProperty("partitioningCandidates").EnumerateArray().Select(p => p.GetProperty("table").GetString()).ToList();
        Assert.DoesNotContain(candidates, c => byTime.Contains(c.GetProperty("table").GetString()));

        var markdown = report.Markdown.StandardOutput;
        Assert.Contains("### Candidates for Team-Based Partitioning", markdown, StringComparison.Ordinal);
        Assert.Contains("| leads | team_id (LIST or HASH) | Referenced by 5 tables of the tenant (appointments, inbox_items, lead_activities, messages, unified_lead_cards)", markdown, StringComparison.Ordinal);
        Assert.Contains(") PARTITION BY HASH (team_id);", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_pooling_reads_the_registration_the_design_time_factory_and_both_appsettings_files()
    {
        var pooling = Root.GetProperty("connectionPooling");
        var registrations = pooling.GetProperty("registrations").EnumerateArray().ToList();
        Assert.Equal(2, registrations.Count);

        var app = registrations.Single(r => !r.GetProperty("designTime").GetBoolean());
        Assert.Equal("AddDbContext", app.GetProperty("kind").GetString());
        Assert.Equal("OutreachDbContext", app.GetProperty("context").GetString());
        Assert.Equal("samples/Outreach/Hosting/OutreachServices.cs", app.GetProperty("file").GetString());
        Assert.Equal(17, app.GetProperty("line").GetInt32());
        Assert.Equal("connection string", app.GetProperty("provider").GetString());
        Assert.False(app.GetProperty("retryOnFailure").GetBoolean());
        var source = Assert.Single(app.GetProperty("connectionSources").EnumerateArray());
        Assert.Equal("configuration", source.GetProperty("kind").GetString());
        Assert.Equal("Outreach", source.GetProperty("name").GetString());

        // The design-time factory: OUTREACH_DB, else a literal whose settings are read.
        var designTime = registrations.Single(r => r.GetProperty("designTime").GetBoolean());
        Assert.Equal("DbContextOptionsBuilder", designTime.GetProperty("kind").GetString());
        Assert.Equal(["environment OUTREACH_DB", "literal "], designTime.GetProperty("connectionSources").EnumerateArray().Select(s => $"{s.GetProperty("kind").GetString()} {s.GetProperty("name").GetString()}"));

        var context = Assert.Single(pooling.GetProperty("contexts").EnumerateArray());
        Assert.Equal(["ITenantContext"], context.GetProperty("constructorServices").EnumerateArray().Select(s => s.GetString()!));

        var strings = pooling.GetProperty("connectionStrings").EnumerateArray().ToDictionary(c => c.GetProperty("file").GetString()!);
        Assert.Equal(["samples/Outreach/appsettings.Production.json", "samples/Outreach/appsettings.json"], strings.Keys.Order(StringComparer.Ordinal));
        var development = strings["samples/Outreach/appsettings.json"].GetProperty("settings");
        Assert.True(development.GetProperty("hasPassword").GetBoolean());
        Assert.False(development.GetProperty("values").TryGetProperty("Password", out _));
        var production = strings["samples/Outreach/appsettings.Production.json"].GetProperty("settings");
        Assert.True(production.GetProperty("pgBouncer").GetBoolean());
        Assert.Equal("50", production.GetProperty("values").GetProperty("Maximum Pool Size").GetString());
    }

    [Fact]
    public void Connection_pooling_recommends_retries_a_pool_size_and_PgBouncer_settings_with_their_source_lines()
    {
        var recommendations = Root.GetProperty("connectionPooling").GetProperty("recommendations").EnumerateArray()
            .Select(r => (Level: r.GetProperty("level").GetString()!, Text: r.GetProperty("text").GetString()!, Where: $"{r.GetProperty("file").GetString()}:{r.GetProperty("line")}"))
            .ToList();
        output.WriteLine(string.Join('\n', recommendations));

        // A context that takes the tenant in its constructor stays per request: pooling it would share tenants.
        Assert.Contains(recommendations, r => r.Level == "ok" && r.Text.StartsWith("AddDbContext<OutreachDbContext>", StringComparison.Ordinal) && r.Text.Contains("ITenantContext", StringComparison.Ordinal));
        Assert.Contains(recommendations, r => r.Level == "warning" && r.Text.Contains("EnableRetryOnFailure", StringComparison.Ordinal) && r.Where == "samples/Outreach/Hosting/OutreachServices.cs:17");
        Assert.Contains(recommendations, r => r.Level == "warning" && r.Text.Contains("Maximum Pool Size", StringComparison.Ordinal) && r.Where == "samples/Outreach/appsettings.json:3");
        Assert.Contains(recommendations, r => r.Level == "warning" && r.Text.Contains("No Reset On Close=true", StringComparison.Ordinal) && r.Where == "samples/Outreach/appsettings.Production.json:3");
        Assert.Contains(recommendations, r => r.Level == "warning" && r.Text.Contains("Max Auto Prepare=20", StringComparison.Ordinal));
        Assert.DoesNotContain(recommendations, r => r.Level == "risk");
        Assert.Equal(6, recommendations.Count);

        var markdown = report.Markdown.StandardOutput;
        Assert.Contains("## Connection Pooling", markdown, StringComparison.Ordinal);
        Assert.Contains("| OutreachDbContext | AddDbContext | connection string from `ConnectionStrings:Outreach` | ❌ none | samples/Outreach/Hosting/OutreachServices.cs:17 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size=20;Minimum Pool Size=0;Timeout=15;Connection Idle Lifetime=300;No Reset On Close=true;Max Auto Prepare=0", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void No_report_prints_a_password_from_appsettings()
    {
        Assert.DoesNotContain(SamplePassword, report.Markdown.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(SamplePassword, report.Markdown.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(SamplePassword, File.ReadAllText(report.JsonPath), StringComparison.Ordinal);
        Assert.DoesNotContain(SamplePassword, report.Sarif.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("set (hidden)", report.Markdown.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_performance_monitoring_has_the_seeds_metrics_and_the_sql_to_enable_pg_stat_statements()
    {
        var monitoring = Root.GetProperty("monitoring");
        Assert.Contains("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;", monitoring.GetProperty("enableSql").GetString(), StringComparison.Ordinal);
        Assert.Contains("ORDER BY total_exec_time DESC", monitoring.GetProperty("slowestStatementsSql").GetString(), StringComparison.Ordinal);
        var metrics = monitoring.GetProperty("metrics").EnumerateArray()
            .Select(m => $"{m.GetProperty("name").GetString()} {m.GetProperty("target").GetString()} {m.GetProperty("alertThreshold").GetString()}")
            .ToList();
        Assert.Equal(
            ["Query latency p99 <100ms >500ms", "Connection count <80% pool >90% pool", "Index hit ratio >99% <95%", "Table scan ratio <1% >5%", "Dead tuple ratio <5% >10%"],
            metrics);

        // Without a database nothing is measured.
        Assert.All(monitoring.GetProperty("metrics").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("measured").ValueKind));
        Assert.Equal(JsonValueKind.Null, Root.GetProperty("database").ValueKind);
        Assert.Contains("| Index hit ratio | >99% | <95% |", report.Markdown.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("## Live Database", report.Markdown.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_projections_use_the_seeds_defaults_and_size_indexes_from_their_column_types()
    {
        var scale = Root.GetProperty("scaleProjection");
        Assert.Equal(100, scale.GetProperty("assumptions").GetProperty("tenants").GetInt64());
        Assert.Equal(10_000, scale.GetProperty("assumptions").GetProperty("rowsPerTenant").GetInt64());

        // The hot tables and the team-partitioning candidates, at 100 × 10,000 rows.
        var tables = scale.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(
            SeedAudit.HotTables.Concat(["campaigns", "leads", "personas"]).Order(StringComparer.Ordinal),
            tables.Select(t => t.GetProperty("table").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(tables, t => Assert.Equal(1_000_000, t.GetProperty("projectedRows").GetInt64()));

        var indexes = scale.GetProperty("indexes").EnumerateArray().ToList();
        Assert.Equal(15, indexes.Count(i => i.GetProperty("kind").GetString() == "existing"));
        Assert.Equal(44, indexes.Count(i => i.GetProperty("kind").GetString()!.StartsWith("required", StringComparison.Ordinal)));
        Assert.Equal(6, indexes.Count(i => i.GetProperty("kind").GetString() == "composite"));

        // uuid: an 8-byte header + 16 bytes = 24, + a 4-byte line pointer = 28 bytes; 262 a leaf page at 90% of 8,152
        // bytes; 3,817 leaves + 19 internal pages + the root + the metapage = 3,838 pages of 8 KiB.
        var messages = indexes.Single(i => i.GetProperty("index").GetString() == "ix_messages_team_id");
        Assert.Equal(28, messages.GetProperty("leafEntryBytes").GetInt32());
        Assert.Equal(3_838L * 8192, messages.GetProperty("estimatedBytes").GetInt64());
        Assert.True(messages.GetProperty("deduplicatedBytes").GetInt64() < messages.GetProperty("estimatedBytes").GetInt64() / 3);

        // (uuid, integer, timestamptz): 8 + 16, the integer at 24, the timestamp aligned to 32, 40 bytes + 4.
        var queue = indexes.Single(i => i.GetProperty("index").GetString() == "ix_campaign_queue_team_id_priority_scheduled_at");
        Assert.Equal(44, queue.GetProperty("leafEntryBytes").GetInt32());
        Assert.Equal(JsonValueKind.Null, queue.GetProperty("deduplicatedBytes").ValueKind);

        var markdown = report.Markdown.StandardOutput;
        foreach (var heading in new[] { "## Scale Projections", "### Assumptions", "### Projected Table Sizes", "### Index Size Estimates" })
        {
            Assert.Contains(heading, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| ix_messages_team_id | messages | (team_id) | required (P0) | 1,000,000 | 28 bytes | ~30 MiB | ~7.5 MiB |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_carries_the_whole_audit_in_its_run_properties_with_the_scale_options_it_was_given()
    {
        var properties = report.SarifReport.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("tenantSafety");
        foreach (var section in new[] { "tables", "requiredIndexes", "compositeIndexes", "tenantPartitioningCandidates", "rowLevelSecurity", "connectionPooling", "monitoring", "scaleProjection", "checklist" })
        {
            Assert.True(properties.TryGetProperty(section, out _), $"SARIF lacks {section}.");
        }

        var scale = properties.GetProperty("scaleProjection");
        Assert.Equal(200, scale.GetProperty("assumptions").GetProperty("tenants").GetInt64());
        var messages = scale.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "messages");
        Assert.Equal(50_000, messages.GetProperty("rowsPerTenant").GetInt64());
        Assert.Equal(10_000_000, messages.GetProperty("projectedRows").GetInt64());
        Assert.Equal(2_000_000, scale.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "leads").GetProperty("projectedRows").GetInt64());
    }

    [Fact]
    public void The_checklist_ticks_nothing_on_the_sample_and_says_why_for_each_item()
    {
        var items = Root.GetProperty("checklist").EnumerateArray()
            .Select(i => (Group: i.GetProperty("group").GetString()!, Item: i.GetProperty("item").GetString()!, Done: i.GetProperty("done").GetBoolean(), Reason: i.GetProperty("reason").GetString()!))
            .ToList();
        Assert.Equal(8, items.Count(i => i.Group == "Before Production"));
        Assert.Equal(4, items.Count(i => i.Group == "Ongoing"));
        Assert.All(items, i => Assert.False(i.Done, i.Item));
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));

        string Reason(string item) => items.Single(i => i.Item == item).Reason;
        Assert.StartsWith("44 of 56 tenant tables have no index led by team_id", Reason("All team_id columns have indexes"), StringComparison.Ordinal);
        Assert.StartsWith("6 composite indexes", Reason("Hot tables have composite indexes"), StringComparison.Ordinal);
        Assert.StartsWith("54 of 56 tenant tables have no tenant query filter", Reason("RLS policies enabled"), StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size", Reason("Connection pooling configured"), StringComparison.Ordinal);
        Assert.Equal("Known only with --database.", Reason("pg_stat_statements enabled"));
        Assert.Contains("does not retry", Reason("Failover tested"), StringComparison.Ordinal);

        var markdown = report.Markdown.StandardOutput;
        Assert.Contains("## Checklist", markdown, StringComparison.Ordinal);
        Assert.Contains("### Before Production", markdown, StringComparison.Ordinal);
        Assert.Contains("### Ongoing", markdown, StringComparison.Ordinal);
        Assert.Contains("- [ ] pg_stat_statements enabled — Known only with --database.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_sections_follow_the_seeds_order_after_the_existing_ones()
    {
        var markdown = report.Markdown.StandardOutput;
        var headings = new List<string>
        {
            "## Executive Summary", "## Index Analysis", "## Hot Tables Analysis", "## Required Indexes", "## Composite Index Recommendations",
            "## Partitioning Recommendations", "## Cross-Tenant Query Risk", "## Row-Level Security", "## Connection Pooling",
            "## Query Performance Monitoring", "## Scale Projections", "## Checklist", "## All Findings",
        };
        var positions = headings.Select(h => markdown.IndexOf("\n" + h + "\n", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
    }
}
