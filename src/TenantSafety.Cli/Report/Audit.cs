using System.Text.Json.Serialization;

namespace TenantSafety.Cli.Report;

/// <summary>
/// The audit of one project or solution, in the shape of the seed audit (docs/report.md): the facts the writers
/// render as Markdown, JSON or SARIF.
/// </summary>
internal sealed record Audit(
    string Input,
    string ToolVersion,
    DateTimeOffset Generated,
    IReadOnlyList<string> Projects,
    IReadOnlyList<TableFacts> Tables,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Finding> SuppressedFindings,
    IReadOnlyList<RuleInfo> Rules,
    IReadOnlyList<IndexRecommendation> RequiredIndexes,
    IReadOnlyList<IndexRecommendation> CompositeIndexes,
    IReadOnlyList<PartitionCandidate> PartitionCandidates,
    IReadOnlyList<RowLevelSecurityPolicy> RowLevelSecurity,
    IReadOnlyList<string> Warnings)
{
    public IEnumerable<TableFacts> TenantTables => Tables.Where(t => t.TenantKey is not null);

    public ForeignKeyIndexSummary ForeignKeyIndexes { get; init; } = new(0, 0, []);

    public IReadOnlyList<TenantPartitionCandidate> TenantPartitionCandidates { get; init; } = [];

    public ConnectionPooling? ConnectionPooling { get; init; }

    public Monitoring? Monitoring { get; init; }

    public ScaleProjection? ScaleProjection { get; init; }

    public IReadOnlyList<ChecklistItem> Checklist { get; init; } = [];

    /// <summary>What <c>--database</c> read; null for a report from code alone.</summary>
    public LiveDatabase? Database { get; init; }

    /// <summary>How each project's tenant key was found (one line per distinct answer): "TenantId (inferred from Finbuckle on 13 entities)".</summary>
    public IReadOnlyList<string> TenantKeySources { get; init; } = [];

    /// <summary>The databases of the EF Core providers the analysed projects reference; empty when none does.</summary>
    public IReadOnlyList<string> DatabaseProviders { get; init; } = [];

    /// <summary>Whether the projects reference providers and none of them is PostgreSQL's: the report's SQL is not theirs.</summary>
    public bool OnAnotherDatabase => DatabaseProviders.Count > 0 && !DatabaseProviders.Contains(Analysis.DatabaseProviders.PostgreSql);

    /// <summary>TSA0001: the DbContexts in which no tenant entity was found, as the findings say it.</summary>
    public IEnumerable<Finding> NoTenantEntity => Findings.Where(f => f.Id == TenantSafety.Analyzers.RuleIdentifiers.NoTenantEntity);
}

/// <summary>One table of the EF Core model.</summary>
internal sealed record TableFacts(
    string Entity,
    string Table,
    string? TenantKey,
    string? TenantKeyColumn,
    string? TenantKeySqlType,
    bool TenantKeyIndexed,
    bool Hot,
    bool TenantFilter,
    string? ScopedThrough,
    IReadOnlyList<TableIndex> Indexes,
    IReadOnlyList<string> TimestampColumns,
    bool HasUpdateTimestamp,
    bool SnakeCaseNaming,
    IReadOnlyDictionary<string, string> ColumnsByProperty,
    SourceSpot? Declaration,
    ConfigurationSpot? Configuration)
{
    /// <summary>How the table became a tenant table: property, shadow property, Finbuckle, ABP, configured type; null for other tables.</summary>
    public string? TenantKeyOrigin { get; init; }

    /// <summary>The schema the model puts the table in (<c>ToTable(…, schema)</c>, <c>[Table(Schema = …)]</c>, <c>HasDefaultSchema</c>); null for the database's default.</summary>
    public string? Schema { get; init; }

    /// <summary>Each mapped column's PostgreSQL type, width and alignment, for index size estimates.</summary>
    public IReadOnlyDictionary<string, ColumnStorage> ColumnStorage { get; init; } = new Dictionary<string, ColumnStorage>(StringComparer.Ordinal);

    /// <summary>The foreign keys of the table: their columns, the table they point to, and whether an index starts with them.</summary>
    public IReadOnlyList<TableForeignKey> ForeignKeys { get; init; } = [];

    /// <summary>
    /// The configuration classes of another project that configure the entity: their bodies are not read, so its
    /// indexes may be incomplete and a missing tenant-key index is not claimed (the rules do not claim it either).
    /// </summary>
    public IReadOnlyList<string> ConfiguredElsewhere { get; init; } = [];

    /// <summary>A tenant table whose model, as far as it was read, has no index led by the tenant key.</summary>
    public bool LacksTenantKeyIndex => TenantKey is not null && !TenantKeyIndexed && ConfiguredElsewhere.Count == 0;

    /// <summary>A tenant table without a visible tenant-key index whose configuration lives in another project's classes.</summary>
    public bool TenantKeyIndexUnknown => TenantKey is not null && !TenantKeyIndexed && ConfiguredElsewhere.Count > 0;
}

/// <summary>A column type as an index stores it: the PostgreSQL type, its bytes (an average for variable-length ones) and alignment.</summary>
internal sealed record ColumnStorage(string TypeName, int Bytes, int Alignment)
{
    /// <summary>The width assumed for a text key: a 1-byte short-varlena header and 15 bytes of text.</summary>
    public const int AverageTextBytes = 16;
}

/// <summary>A foreign key of a table: its columns, the principal table and whether an index of the table starts with the columns.</summary>
internal sealed record TableForeignKey(IReadOnlyList<string> Columns, string? PrincipalTable, bool Indexed);

/// <summary>An index or key of a table, columns in order.</summary>
internal sealed record TableIndex(string Name, IReadOnlyList<string> Columns, bool IsUnique, string Origin)
{
    public bool LedBy(string? column) => column is not null && Columns.Count > 0 && string.Equals(Columns[0], column, StringComparison.Ordinal);
}

/// <summary>A file and 1-based line, relative to the current directory when it is under it.</summary>
internal sealed record SourceSpot(string File, int Line, int Column);

/// <summary>Where a model fix goes: the file and line of the entity's configuration and the builder expression to extend.</summary>
internal sealed record ConfigurationSpot(string File, int Line, string Builder, string Lambda);

/// <summary>A diagnostic of our analyzers, as the report shows it; its properties (what the code fixes read) stay out of the JSON.</summary>
internal sealed record Finding(
    string Id,
    string Severity,
    string Title,
    string Message,
    string File,
    int Line,
    int Column,
    string? HelpUri,
    [property: JsonIgnore] IReadOnlyDictionary<string, string?> Properties);

/// <summary>A rule that produced findings (for SARIF's rule table and the summary).</summary>
internal sealed record RuleInfo(string Id, string Title, string DefaultSeverity, string? HelpUri);

/// <summary>An index to add, as EF Core model code and as PostgreSQL DDL for a live database.</summary>
internal sealed record IndexRecommendation(
    string Entity,
    string Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<bool> Descending,
    string Name,
    string Priority,
    string Reason,
    string EfCore,
    string Sql,
    ConfigurationSpot? Configuration);

/// <summary>A hot, append-only table with a creation timestamp: a candidate for time-based partitioning.</summary>
internal sealed record PartitionCandidate(string Table, string PartitionKey, string Rationale);

/// <summary>The row-level-security SQL of one tenant table.</summary>
internal sealed record RowLevelSecurityPolicy(string Table, string Sql);
