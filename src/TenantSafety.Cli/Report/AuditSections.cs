using System.Text.Json.Serialization;
using TenantSafety.Cli.Database;

namespace TenantSafety.Cli.Report;

/// <summary>The executive summary's "Tables with FK INDEX": tables with references, and the references no index starts with.</summary>
internal sealed record ForeignKeyIndexSummary(int TablesWithReferences, int TablesWithEveryReferenceIndexed, IReadOnlyList<UnindexedReference> Unindexed);

/// <summary>A reference column no index starts with: a foreign key, or a reference-like column TSA2003 found.</summary>
internal sealed record UnindexedReference(string Table, string Column, string Kind, string? File, int? Line);

/// <summary>
/// A tenant table other tenant tables hang off, and that is not append-only: a candidate for LIST or HASH
/// partitions on the tenant key, with the tables that reference it.
/// </summary>
internal sealed record TenantPartitionCandidate(string Table, string PartitionKey, string Rationale, IReadOnlyList<string> ReferencedBy);

/// <summary>The Connection Pooling section: what the code says, and what to change, with the source of each.</summary>
internal sealed record ConnectionPooling(
    ConnectionFacts Facts,
    IReadOnlyList<PoolingRecommendation> Recommendations,
    string RecommendedRegistration,
    string RecommendedSettings);

/// <summary>How much a pooling recommendation matters; the JSON report writes it in lower case (<c>risk</c>, <c>warning</c>, <c>info</c>, <c>ok</c>).</summary>
internal enum PoolingLevel
{
    Risk,
    Warning,
    Info,
    Ok,
}

/// <summary>One recommendation: its level, its text, and where it applies.</summary>
internal sealed record PoolingRecommendation(PoolingLevel Level, string Text, string? File, int? Line);

/// <summary>Query Performance Monitoring: the SQL to enable and read <c>pg_stat_statements</c>, and the key metrics.</summary>
internal sealed record Monitoring(string EnableSql, string SlowestStatementsSql, IReadOnlyList<MonitoringMetric> Metrics);

/// <summary>A key metric with its target and alert threshold; with <c>--database</c>, its measured value and status (ok, warning, alert).</summary>
internal sealed record MonitoringMetric(string Name, string Target, string AlertThreshold, string? Measured, string? Status);

/// <summary>Scale Projections: the assumptions, the projected rows of the tables that matter, and index size estimates.</summary>
internal sealed record ScaleProjection(
    ScaleAssumptions Assumptions,
    IReadOnlyList<ProjectedTable> Tables,
    IReadOnlyList<IndexSizeEstimate> Indexes);

/// <summary>A table's projected rows (tenants × rows per tenant); with <c>--database</c>, its rows and size today.</summary>
internal sealed record ProjectedTable(string Table, string Why, long RowsPerTenant, long ProjectedRows, long? CurrentRows, long? CurrentBytes);

/// <summary>
/// An index's estimated size at the projected rows (formula in docs/report.md): without deduplication, and, for an
/// index on the tenant key alone, with PostgreSQL 13+ deduplication; with <c>--database</c>, its measured size.
/// </summary>
internal sealed record IndexSizeEstimate(
    string Table,
    string Index,
    IReadOnlyList<string> Columns,
    string Kind,
    long ProjectedRows,
    int LeafEntryBytes,
    long EstimatedBytes,
    long? DeduplicatedBytes,
    long? MeasuredBytes);

/// <summary>A checklist item, ticked from what the report found, or not with the reason.</summary>
internal sealed record ChecklistItem(string Group, string Item, bool Done, string Reason);

/// <summary>What the live database adds (<c>--database</c>): drift, real sizes, hot tables, slow statements, row-level security. The JSON report writes it as it is.</summary>
internal sealed record LiveDatabase(
    string Target,
    string ServerVersion,
    [property: JsonPropertyName("deduplication")] bool Deduplicates,
    string DefaultSchema,
    int MaxConnections,
    int Connections,
    bool PgStatStatements,
    IReadOnlyList<string> MissingTables,
    IReadOnlyList<IndexDrift> MissingInDatabase,
    IReadOnlyList<IndexDrift> NotInModel,
    IReadOnlyList<LiveTable> Tables,
    IReadOnlyList<LiveHotTable> HotTables,
    string? HotEntitiesLine,
    string? EditorConfigFile,
    IReadOnlyList<LiveStatement> Statements,
    LiveRatios Ratios,
    IReadOnlyList<string> Notes);

/// <summary>A model table as the database holds it.</summary>
internal sealed record LiveTable(
    string Schema,
    string Table,
    bool TenantTable,
    long Rows,
    long DeadRows,
    long TableBytes,
    long IndexesBytes,
    bool TenantKeyIndexed,
    bool RowSecurity,
    bool ForceRowSecurity,
    IReadOnlyList<DatabasePolicy> Policies,
    IReadOnlyList<DatabaseIndex> Indexes,
    long SequentialScans,
    long SequentialRowsRead,
    long IndexScans);

/// <summary>An index the model and the database disagree on.</summary>
internal sealed record IndexDrift(string Table, string Index, IReadOnlyList<string> Columns, string Note);

/// <summary>A table the database reads most by sequential scans: hot in production, declared hot or not.</summary>
internal sealed record LiveHotTable(string Table, long SequentialScans, long SequentialRowsRead, long Rows, bool TenantKeyIndexed, bool DeclaredHot);

/// <summary>A <c>pg_stat_statements</c> statement on tenant tables that have no tenant-key index in the database.</summary>
internal sealed record LiveStatement(string Query, IReadOnlyList<string> Tables, long Calls, double TotalMilliseconds, double MeanMilliseconds, long Rows);

/// <summary>Database-wide ratios for the key metrics; null when there is nothing to divide.</summary>
internal sealed record LiveRatios(double? IndexHitRatio, double? TableScanRatio, double? DeadTupleRatio, double? SlowestMeanMilliseconds, double? SlowestMaxMilliseconds);
