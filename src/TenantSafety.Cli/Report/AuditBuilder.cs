using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers;
using TenantSafety.Analyzers.Model;
using TenantSafety.Cli.Analysis;
using TenantSafety.Cli.Database;

namespace TenantSafety.Cli.Report;

/// <summary>Turns the facts of the analyzed projects into the audit's sections.</summary>
internal static partial class AuditBuilder
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
        };
        return audit with { Checklist = ChecklistBuilder.Build(audit, TenantKeyColumn(tables)) };
    }

    /// <summary>The tenant-key column the report names in headings (<c>team_id</c>).</summary>
    public static string TenantKeyColumn(IEnumerable<TableFacts> tables) =>
        tables.Where(t => t.TenantKey is not null).Select(t => t.TenantKeyColumn).FirstOrDefault() ?? "team_id";

    /// <summary>The table of a model finding (TSA2002, TSA2003), from the entity its fix properties name.</summary>
    public static TableFacts? TableOf(Finding finding, IReadOnlyList<TableFacts> tables) =>
        finding.Properties.TryGetValue(ModelFixProperties.Entity, out var entityName) && entityName is not null
            ? tables.FirstOrDefault(t => t.Entity == entityName || t.Entity.EndsWith("." + entityName, StringComparison.Ordinal))
            : null;

    /// <summary>The properties of the index a model finding's fix adds, in order (<c>HasIndex($p =&gt; new { $p.TeamId, $p.Status })</c>).</summary>
    public static IReadOnlyList<string> BuilderCallProperties(Finding finding) =>
        finding.Properties.TryGetValue(ModelFixProperties.BuilderCall, out var builderCall) && builderCall is not null
            ? BuilderCallProperty().Matches(builderCall).Select(m => m.Groups[1].Value).ToList()
            : [];

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
            .Where(t => t.TenantKey is not null && !t.TenantKeyIndexed)
            .OrderBy(t => t.Hot ? 0 : 1)
            .ThenBy(t => t.Table, StringComparer.Ordinal)
            .Select(t => Recommend(
                t,
                [t.TenantKey!],
                [t.TenantKeyColumn!],
                [],
                t.Hot ? "P0" : "P1",
                t.Hot ? "Hot table: every tenant-scoped query scans all teams' rows." : "Every tenant-scoped query scans all teams' rows."))
            .ToList();

    /// <summary>
    /// The composite indexes TSA2002 asks for, one per table and column list, from the query shapes in the code.
    /// The finding tells its fix the entity and the builder call (<c>HasIndex($p =&gt; new { $p.TeamId, $p.Status })</c>,
    /// with <c>.IsDescending(…)</c> for ordered columns); the report reads the same.
    /// </summary>
    private static List<IndexRecommendation> CompositeIndexes(IReadOnlyList<Finding> findings, IReadOnlyList<TableFacts> tables)
    {
        var recommendations = new List<IndexRecommendation>();
        foreach (var finding in findings.Where(f => f.Id == RuleIdentifiers.MissingCompositeIndex))
        {
            if (!finding.Properties.TryGetValue(ModelFixProperties.BuilderCall, out var builderCall) || builderCall is null
                || TableOf(finding, tables) is not { } table)
            {
                continue;
            }

            var properties = BuilderCallProperties(finding);
            var flags = IsDescendingCall().Match(builderCall) is { Success: true } match
                ? match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Select(f => f == "true").ToList()
                : [];
            var columns = properties.Select(p => table.ColumnsByProperty.TryGetValue(p, out var column) ? column : p).ToList();
            if (columns.Count == 0 || recommendations.Any(r => r.Table == table.Table && r.Columns.SequenceEqual(columns) && r.Descending.SequenceEqual(flags)))
            {
                continue;
            }

            recommendations.Add(Recommend(table, properties, columns, flags, table.Hot ? "P0" : "P1", $"{finding.File}:{finding.Line}"));
        }

        return recommendations;
    }

    [GeneratedRegex(@"\$p\.(\w+)")]
    private static partial Regex BuilderCallProperty();

    [GeneratedRegex(@"\.IsDescending\(([^)]*)\)")]
    private static partial Regex IsDescendingCall();

    private static IndexRecommendation Recommend(
        TableFacts table,
        IReadOnlyList<string> properties,
        IReadOnlyList<string> columns,
        IReadOnlyList<bool> descending,
        string priority,
        string reason)
    {
        var name = TableFactsReader.DefaultIndexName("Explicit", table.Table, columns, table.SnakeCaseNaming);
        var shortName = table.Entity[(table.Entity.LastIndexOf('.') + 1)..];
        var builder = table.Configuration?.Builder ?? $"modelBuilder.Entity<{shortName}>()";
        var p = table.Configuration?.Lambda ?? "e";
        var selector = properties.Count == 1 ? $"{p} => {p}.{properties[0]}" : $"{p} => new {{ {string.Join(", ", properties.Select(x => $"{p}.{x}"))} }}";
        var efCore = $"{builder}.HasIndex({selector})";
        if (descending.Any(d => d))
        {
            efCore += $".IsDescending({string.Join(", ", descending.Select(d => d ? "true" : "false"))})";
        }

        return new IndexRecommendation(
            table.Entity,
            table.Table,
            columns,
            descending,
            name,
            priority,
            reason,
            efCore + ";",
            PostgresSql.CreateIndexConcurrently(name, table.Table, columns, descending),
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
