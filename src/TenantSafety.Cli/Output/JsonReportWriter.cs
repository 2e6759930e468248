using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Output;

/// <summary>
/// The audit as JSON for scripts and dashboards: <c>tables[]</c> (entity, table, tenantKeyIndexed, hot, …),
/// <c>findings[]</c> (id, file, line, message, …) and every recommendation with its SQL. Documented in docs/report.md.
/// </summary>
internal static class JsonReportWriter
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Audit audit, TextWriter writer)
    {
        var document = new
        {
            tool = new { name = "tenant-safety", version = audit.ToolVersion },
            input = audit.Input,
            generated = audit.Generated,
            projects = audit.Projects,
            summary = new
            {
                tenantTables = audit.TenantTables.Count(),
                tenantTablesWithTenantKeyIndex = audit.TenantTables.Count(t => t.TenantKeyIndexed),
                tenantTablesWithoutTenantKeyIndex = audit.TenantTables.Count(t => !t.TenantKeyIndexed),
                hotTables = audit.Tables.Count(t => t.Hot),
                tenantTablesWithTenantFilter = audit.TenantTables.Count(t => t.TenantFilter),
                findings = audit.Findings.Count,
                suppressedFindings = audit.SuppressedFindings.Count,
                findingsByRule = audit.Findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            },
            tables = audit.Tables.Select(t => new
            {
                entity = t.Entity,
                table = t.Table,
                tenantKey = t.TenantKey,
                tenantKeyColumn = t.TenantKeyColumn,
                tenantKeyIndexed = t.TenantKeyIndexed,
                hot = t.Hot,
                tenantFilter = t.TenantFilter,
                scopedThrough = t.ScopedThrough,
                indexes = t.Indexes.Select(i => new { name = i.Name, columns = i.Columns, unique = i.IsUnique, origin = i.Origin }),
                file = t.Declaration?.File,
                line = t.Declaration?.Line,
            }),
            findings = audit.Findings.Select(ToJson),
            suppressedFindings = audit.SuppressedFindings.Select(ToJson),
            requiredIndexes = audit.RequiredIndexes.Select(ToJson),
            compositeIndexes = audit.CompositeIndexes.Select(ToJson),
            partitioningCandidates = audit.PartitionCandidates,
            rowLevelSecurity = audit.RowLevelSecurity,
            warnings = audit.Warnings,
        };

        writer.WriteLine(JsonSerializer.Serialize(document, s_options));
    }

    private static object ToJson(Finding finding) => new
    {
        id = finding.Id,
        severity = finding.Severity,
        title = finding.Title,
        message = finding.Message,
        file = finding.File,
        line = finding.Line,
        column = finding.Column,
        helpUri = finding.HelpUri,
    };

    private static object ToJson(IndexRecommendation recommendation) => new
    {
        entity = recommendation.Entity,
        table = recommendation.Table,
        columns = recommendation.Columns,
        descending = recommendation.Descending,
        name = recommendation.Name,
        priority = recommendation.Priority,
        reason = recommendation.Reason,
        efCore = recommendation.EfCore,
        sql = recommendation.Sql,
        file = recommendation.Configuration?.File,
        line = recommendation.Configuration?.Line,
    };
}
