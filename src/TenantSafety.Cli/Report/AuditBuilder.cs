using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Cli.Analysis;
using TenantSafety.Cli.Database;

namespace TenantSafety.Cli.Report;

/// <summary>Turns the facts of the analyzed projects into the audit's sections.</summary>
internal static class AuditBuilder
{
    public static Audit Build(
        string input,
        string toolVersion,
        DateTimeOffset generated,
        IReadOnlyList<ProjectFacts> projects,
        IEnumerable<DiagnosticDescriptor> descriptors,
        IReadOnlyList<string> warnings,
        ScaleAssumptions? scale = null,
        DatabaseSnapshot? snapshot = null,
        string? editorConfigFile = null)
    {
        // A project loaded once per target framework reports the same facts more than once.
        var tables = projects.SelectMany(p => p.Tables).DistinctBy(t => t.Entity).OrderBy(t => t.Table, StringComparer.Ordinal).ToList();
        var findings = Distinct(projects.SelectMany(p => p.Findings));
        var suppressed = Distinct(projects.SelectMany(p => p.Suppressed));
        var rules = descriptors
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new RuleInfo(d.Id, d.Title.ToString(), SeverityNames.Of(d.DefaultSeverity), string.IsNullOrEmpty(d.HelpLinkUri) ? null : d.HelpLinkUri))
            .ToList();

        var required = RequiredIndexes(tables);
        var composites = CompositeIndexes(findings, tables);
        var partitions = PartitionCandidates(tables);
        var tenantPartitions = TenantPartitionBuilder.Build(tables, partitions);
        var database = snapshot is null
            ? null
            : LiveDatabaseBuilder.Build(snapshot, tables, projects.SelectMany(p => p.HotEntities).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), editorConfigFile);
        var connections = ConnectionFacts.Merge(projects.Select(p => p.Connections));
        var pooling = ConnectionPoolingBuilder.Build(connections, database);
        var poolSize = connections.ConnectionStrings.Select(c => c.Settings.IntegerOf(ConnectionSettings.MaxPoolSize))
            .Concat(connections.BuilderSettings.Where(b => b.Setting == ConnectionSettings.MaxPoolSize).Select(b => int.TryParse(b.Value, out var v) ? v : (int?)null))
            .FirstOrDefault(v => v is not null);
        var audit = new Audit(
            input,
            toolVersion,
            generated,
            projects.Select(p => p.Name).Distinct().ToList(),
            tables,
            findings,
            suppressed,
            rules,
            required,
            composites,
            partitions,
            RowLevelSecurity(tables),
            warnings.Concat(projects.SelectMany(p => p.Warnings)).Distinct().ToList())
        {
            ForeignKeyIndexes = ForeignKeyIndexBuilder.Build(tables, findings),
            TenantPartitionCandidates = tenantPartitions,
            ConnectionPooling = pooling,
            Monitoring = MonitoringBuilder.Build(database, poolSize),
            ScaleProjection = ScaleProjectionBuilder.Build(scale ?? ScaleAssumptions.Default, tables, required, composites, tenantPartitions, database),
            Database = database,
            TenantKeySources = projects.Where(p => p.Tenancy is not null).Select(p => p.Tenancy!.Describe()).Distinct(StringComparer.Ordinal).ToList(),
            DatabaseProviders = projects.SelectMany(p => p.DatabaseProviders).Distinct(StringComparer.Ordinal).ToList(),
        };
        return audit with { Checklist = ChecklistBuilder.Build(audit, TenantKeyColumn(tables)) };
    }

    /// <summary>The tenant-key column the report names in headings (<c>team_id</c>).</summary>
    public static string TenantKeyColumn(IEnumerable<TableFacts> tables) =>
        tables.Where(t => t.TenantKey is not null).Select(t => t.TenantKeyColumn).FirstOrDefault() ?? "team_id";

    /// <summary>The table of a model finding (TSA2002, TSA2003) and the fix it carries, from its diagnostic properties.</summary>
    public static (TableFacts Table, ModelFix Fix)? FixOf(Finding finding, IReadOnlyList<TableFacts> tables) =>
        ModelFixProperties.Read(finding.Properties) is { } fix && tables.FirstOrDefault(t => t.Entity == fix.EntityType) is { } table
            ? (table, fix)
            : null;

    private static List<Finding> Distinct(IEnumerable<Finding> findings) =>
        findings
            .DistinctBy(f => (f.Id, f.File, f.Line, f.Column, f.Message))
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>One tenant-key index per tenant table without one: hot tables first (P0), then the rest (P1).</summary>
    private static List<IndexRecommendation> RequiredIndexes(IReadOnlyList<TableFacts> tables) =>
        tables
            .Where(t => t.LacksTenantKeyIndex)
            .OrderBy(t => t.Hot ? 0 : 1)
            .ThenBy(t => t.Table, StringComparer.Ordinal)
            .Select(t => Recommend(
                t,
                IndexShape.Of(t.TenantKey!),
                TenantKeyReference.Property(t.TenantKey!),
                t.Hot ? "P0" : "P1",
                t.Hot ? "Hot table: every tenant-scoped query scans all teams' rows." : "Every tenant-scoped query scans all teams' rows."))
            .ToList();

    /// <summary>
    /// The composite indexes TSA2002 asks for, one per table and column list, from the query shapes in the code: the
    /// index each finding's fix adds (<see cref="ModelFix.Index"/>), so the report and the fix never differ.
    /// </summary>
    private static List<IndexRecommendation> CompositeIndexes(IReadOnlyList<Finding> findings, IReadOnlyList<TableFacts> tables)
    {
        var recommendations = new List<IndexRecommendation>();
        foreach (var finding in findings.Where(f => f.Id == RuleIdentifiers.MissingCompositeIndex))
        {
            if (FixOf(finding, tables) is not ({ } table, { Index: { } index } fix))
            {
                continue;
            }

            var columns = ColumnsOf(table, index);
            if (recommendations.Any(r => r.Table == table.Table && r.Columns.SequenceEqual(columns) && r.Descending.SequenceEqual(index.Columns.Select((_, i) => index.IsDescendingAt(i)))))
            {
                continue;
            }

            recommendations.Add(Recommend(table, index, fix.TenantKey, table.Hot ? "P0" : "P1", $"{finding.File}:{finding.Line}"));
        }

        return recommendations;
    }

    /// <summary>The mapped column names of an index's properties.</summary>
    public static IReadOnlyList<string> ColumnsOf(TableFacts table, IndexShape index) =>
        index.Columns.Select(p => table.ColumnsByProperty.TryGetValue(p, out var column) ? column : p).ToList();

    private static IndexRecommendation Recommend(TableFacts table, IndexShape index, TenantKeyReference? tenantKey, string priority, string reason)
    {
        var columns = ColumnsOf(table, index);
        var name = TableFactsReader.DefaultIndexName("Explicit", table.Table, columns, table.SnakeCaseNaming);
        var shortName = table.Entity[(table.Entity.LastIndexOf('.') + 1)..];
        var builder = table.Configuration?.Builder ?? $"modelBuilder.Entity<{shortName}>()";
        var efCore = $"{builder}.{ModelFixRenderer.IndexCall(index, table.Configuration?.Lambda ?? "e", tenantKey)};";
        return new IndexRecommendation(
            table.Entity,
            table.Table,
            columns,
            index.Columns.Select((_, i) => index.IsDescendingAt(i)).ToList(),
            name,
            priority,
            reason,
            efCore,
            ModelFixRenderer.CreateIndexConcurrently(name, table.Table, columns, index),
            table.Configuration);
    }

    /// <summary>Hot tables that only grow (a creation timestamp, no update timestamp): candidates for monthly range partitions.</summary>
    private static List<PartitionCandidate> PartitionCandidates(IReadOnlyList<TableFacts> tables) =>
        tables
            .Where(t => t.Hot && t.TimestampColumns.Count > 0 && !t.HasUpdateTimestamp)
            .Select(t => new PartitionCandidate(
                t.Table,
                $"{t.TimestampColumns[0]} (monthly)",
                "Hot and append-only: time-range queries and retention by dropping old partitions."))
            .ToList();

    private static List<RowLevelSecurityPolicy> RowLevelSecurity(IReadOnlyList<TableFacts> tables) =>
        tables
            .Where(t => t.TenantKey is not null)
            .Select(t => new RowLevelSecurityPolicy(t.Table, PostgresSql.RowLevelSecurity(t.Table, t.TenantKeyColumn!, t.TenantKeySqlType!)))
            .ToList();
}
