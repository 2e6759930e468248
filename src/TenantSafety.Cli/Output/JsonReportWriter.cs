using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Output;

/// <summary>
/// The audit as JSON for scripts and dashboards: every section of the Markdown report, field for field; each field is
/// documented in docs/report.md. SARIF carries the same document (less the findings, which are its results).
/// </summary>
internal static class JsonReportWriter
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Audit audit, TextWriter writer) =>
        writer.WriteLine(JsonSerializer.Serialize(Document(audit), Options));

    /// <summary>The report as one object; <paramref name="withFindings"/> false leaves out the findings (SARIF's results hold them).</summary>
    public static Dictionary<string, object?> Document(Audit audit, bool withFindings = true)
    {
        var document = new Dictionary<string, object?>
        {
            ["tool"] = new { name = "tenant-safety", version = audit.ToolVersion },
            ["input"] = audit.Input,
            ["generated"] = audit.Generated,
            ["projects"] = audit.Projects,
            ["tenancy"] = new
            {
                keys = audit.TenantKeySources,
                noTenantEntity = audit.NoTenantEntity.Select(f => new { message = f.Message, file = f.File, line = f.Line }),
            },
            ["summary"] = new
            {
                tenantTables = audit.TenantTables.Count(),
                tenantTablesWithTenantKeyIndex = audit.TenantTables.Count(t => t.TenantKeyIndexed),
                tenantTablesWithoutTenantKeyIndex = audit.TenantTables.Count(t => t.LacksTenantKeyIndex),
                tablesWithReferences = audit.ForeignKeyIndexes.TablesWithReferences,
                tablesWithEveryReferenceIndexed = audit.ForeignKeyIndexes.TablesWithEveryReferenceIndexed,
                hotTables = audit.Tables.Count(t => t.Hot),
                tenantTablesWithTenantFilter = audit.TenantTables.Count(t => t.TenantFilter),
                findings = audit.Findings.Count,
                suppressedFindings = audit.SuppressedFindings.Count,
                findingsByRule = audit.Findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            },
            ["tables"] = audit.Tables.Select(t => new
            {
                entity = t.Entity,
                table = t.Table,
                schema = t.Schema,
                tenantKey = t.TenantKey,
                tenantKeyColumn = t.TenantKeyColumn,
                tenantKeyIndexed = t.TenantKeyIndexed,
                configuredElsewhere = t.ConfiguredElsewhere,
                tenantKeyOrigin = t.TenantKeyOrigin,
                hot = t.Hot,
                tenantFilter = t.TenantFilter,
                scopedThrough = t.ScopedThrough,
                indexes = t.Indexes.Select(i => new { name = i.Name, columns = i.Columns, unique = i.IsUnique, origin = i.Origin }),
                foreignKeys = t.ForeignKeys.Select(fk => new { columns = fk.Columns, principalTable = fk.PrincipalTable, indexed = fk.Indexed }),
                file = t.Declaration?.File,
                line = t.Declaration?.Line,
            }),
        };
        if (withFindings)
        {
            document["findings"] = audit.Findings;
            document["suppressedFindings"] = audit.SuppressedFindings;
        }

        document["requiredIndexes"] = audit.RequiredIndexes.Select(ToJson);
        document["compositeIndexes"] = audit.CompositeIndexes.Select(ToJson);
        document["foreignKeyIndexes"] = audit.ForeignKeyIndexes.Unindexed;
        document["partitioningCandidates"] = audit.PartitionCandidates;
        document["tenantPartitioningCandidates"] = audit.TenantPartitionCandidates;
        document["rowLevelSecurity"] = audit.RowLevelSecurity;
        document["connectionPooling"] = audit.ConnectionPooling is { } pooling ? JsonAuditSections.Pooling(pooling) : null;
        document["monitoring"] = audit.Monitoring;
        document["scaleProjection"] = audit.ScaleProjection is { } scale ? JsonAuditSections.Scale(scale) : null;
        document["checklist"] = audit.Checklist;
        document["database"] = audit.Database;
        document["databaseProviders"] = audit.DatabaseProviders;
        document["warnings"] = audit.Warnings;
        return document;
    }

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
