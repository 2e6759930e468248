namespace TenantSafety.Cli.Database;

/// <summary>
/// What a live PostgreSQL database says, read once in a read-only transaction from catalog and statistics views
/// only: its tables (row-level security, sizes, scan and I/O statistics), their indexes (columns in order), their
/// policies, and the slowest statements of <c>pg_stat_statements</c> when the extension is installed.
/// </summary>
internal sealed record DatabaseSnapshot(
    string Target,
    string ServerVersion,
    int ServerVersionNumber,
    string CurrentSchema,
    int MaxConnections,
    int Connections,
    bool PgStatStatements,
    IReadOnlyList<DatabaseTable> Tables,
    IReadOnlyList<DatabaseStatement> Statements,
    IReadOnlyList<string> Notes)
{
    /// <summary>B-tree deduplication (PostgreSQL 13 and later) stores a repeated key once per posting list.</summary>
    public bool Deduplicates => ServerVersionNumber >= 130000;

    public DatabaseTable? Find(string schema, string table) =>
        Tables.FirstOrDefault(t => t.Schema == schema && t.Name == table);
}

/// <summary>A table of the database with its statistics; counters are cumulative since the last statistics reset.</summary>
internal sealed record DatabaseTable(
    string Schema,
    string Name,
    bool RowSecurity,
    bool ForceRowSecurity,
    long LiveRows,
    long DeadRows,
    long SequentialScans,
    long SequentialRowsRead,
    long IndexScans,
    long TableBytes,
    long IndexesBytes,
    long HeapBlocksRead,
    long HeapBlocksHit,
    long IndexBlocksRead,
    long IndexBlocksHit,
    IReadOnlyList<DatabaseIndex> Indexes,
    IReadOnlyList<DatabasePolicy> Policies);

/// <summary>An index: key columns in order (<c>(expression)</c> for an expression), descending flags, size and scans.</summary>
internal sealed record DatabaseIndex(
    string Name,
    IReadOnlyList<string> Columns,
    IReadOnlyList<bool> Descending,
    bool Unique,
    bool Primary,
    bool Partial,
    long Bytes,
    long Scans)
{
    public bool LedBy(string? column) => column is not null && Columns.Count > 0 && Columns[0] == column;
}

/// <summary>A row-level-security policy of <c>pg_policies</c>.</summary>
internal sealed record DatabasePolicy(string Name, string Command, bool Permissive, IReadOnlyList<string> Roles, string? Using, string? WithCheck);

/// <summary>One statement of <c>pg_stat_statements</c> in this database; times in milliseconds.</summary>
internal sealed record DatabaseStatement(string Query, long Calls, double TotalMilliseconds, double MeanMilliseconds, double MaxMilliseconds, long Rows);
