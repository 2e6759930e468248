using System.Text.RegularExpressions;
using TenantSafety.Cli.Database;

namespace TenantSafety.Cli.Report;

/// <summary>
/// The model beside the database: each model table found by schema and name, the indexes the model declares and the
/// database lacks, the tenant-key indexes the database has and the model does not, the tables the database reads
/// most by sequential scans, and the slowest statements on tenant tables without a tenant-key index.
/// </summary>
internal static partial class LiveDatabaseBuilder
{
    /// <summary>A table is hot in the database when sequential scans read at least this many rows from it…</summary>
    public const long HotRowsRead = 100_000;

    /// <summary>…and at least this share of all rows sequential scans read in the database.</summary>
    public const double HotShare = 0.05;

    private const int StatementsShown = 10;

    public static LiveDatabase Build(DatabaseSnapshot snapshot, IReadOnlyList<TableFacts> tables, IReadOnlyList<string> hotEntities, string? editorConfigFile)
    {
        var live = new List<LiveTable>();
        var missingTables = new List<string>();
        var missingIndexes = new List<IndexDrift>();
        var notInModel = new List<IndexDrift>();
        foreach (var table in tables)
        {
            var schema = table.Schema ?? snapshot.CurrentSchema;
            if (snapshot.Find(schema, table.Table) is not { } found)
            {
                missingTables.Add($"{schema}.{table.Table}");
                continue;
            }

            live.Add(new LiveTable(
                schema,
                table.Table,
                table.TenantKey is not null,
                found.LiveRows,
                found.DeadRows,
                found.TableBytes,
                found.IndexesBytes,
                found.Indexes.Any(i => i.LedBy(table.TenantKeyColumn)),
                found.RowSecurity,
                found.ForceRowSecurity,
                found.Policies,
                found.Indexes,
                found.SequentialScans,
                found.SequentialRowsRead,
                found.IndexScans));

            foreach (var index in table.Indexes.Where(i => !found.Indexes.Any(d => d.Columns.SequenceEqual(i.Columns))))
            {
                var sameName = found.Indexes.FirstOrDefault(d => d.Name == index.Name);
                missingIndexes.Add(new IndexDrift(
                    table.Table,
                    index.Name,
                    index.Columns,
                    sameName is null ? "declared in the model, missing in the database" : $"the database's {index.Name} is on ({string.Join(", ", sameName.Columns)})"));
            }

            foreach (var index in found.Indexes.Where(d => d.LedBy(table.TenantKeyColumn) && !table.Indexes.Any(i => i.Columns.SequenceEqual(d.Columns))))
            {
                notInModel.Add(new IndexDrift(table.Table, index.Name, index.Columns, "in the database, not in the model: the next migration may drop it, and TSA2001 cannot see it"));
            }
        }

        var hot = HotTables(live, tables);
        var undeclared = hot.Where(h => !h.DeclaredHot && live.Any(t => t.Table == h.Table && t.TenantTable)).Select(h => h.Table).ToList();
        var hotLine = undeclared.Count == 0 ? null : "tenant_safety.hot_entities = " + string.Join(", ", hotEntities.Concat(undeclared).Distinct(StringComparer.OrdinalIgnoreCase));

        var notes = snapshot.Notes.ToList();
        if (missingTables.Count > 0)
        {
            notes.Add($"{missingTables.Count} of the model's {tables.Count} tables are not in the database (schema {snapshot.CurrentSchema} unless the model names one): is it the right database, and are the migrations applied?");
        }

        return new LiveDatabase(
            snapshot.Target,
            snapshot.ServerVersion,
            snapshot.Deduplicates,
            snapshot.CurrentSchema,
            snapshot.MaxConnections,
            snapshot.Connections,
            snapshot.PgStatStatements,
            missingTables,
            missingIndexes,
            notInModel,
            live,
            hot,
            hotLine,
            hotLine is null ? null : editorConfigFile,
            Statements(snapshot, live),
            Ratios(snapshot),
            notes);
    }

    private static List<LiveHotTable> HotTables(IReadOnlyList<LiveTable> live, IReadOnlyList<TableFacts> tables)
    {
        var total = live.Sum(t => t.SequentialRowsRead);
        return live
            .Where(t => t.SequentialRowsRead >= HotRowsRead && t.SequentialRowsRead >= total * HotShare)
            .OrderByDescending(t => t.SequentialRowsRead)
            .Select(t => new LiveHotTable(t.Table, t.SequentialScans, t.SequentialRowsRead, t.Rows, t.TenantKeyIndexed, tables.Any(m => m.Table == t.Table && m.Hot)))
            .ToList();
    }

    private static List<LiveStatement> Statements(DatabaseSnapshot snapshot, IReadOnlyList<LiveTable> live)
    {
        var unindexed = live.Where(t => t.TenantTable && !t.TenantKeyIndexed).Select(t => t.Table).ToList();
        var statements = new List<LiveStatement>();
        foreach (var statement in snapshot.Statements)
        {
            var named = unindexed.Where(table => NamesTable(statement.Query, table)).ToList();
            if (named.Count > 0)
            {
                statements.Add(new LiveStatement(Shorten(statement.Query), named, statement.Calls, statement.TotalMilliseconds, statement.MeanMilliseconds, statement.Rows));
            }

            if (statements.Count == StatementsShown)
            {
                break;
            }
        }

        return statements;
    }

    /// <summary>Whether SQL text reads or writes a table: <c>FROM</c>, <c>JOIN</c>, <c>UPDATE</c> or <c>INTO</c> before its name, quoted or schema-qualified or not.</summary>
    public static bool NamesTable(string sql, string table) =>
        Regex.IsMatch(sql, $@"\b(?:from|join|update|into)\s+(?:""?[\w$]+""?\.)?""?{Regex.Escape(table)}""?(?![\w$])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string Shorten(string query)
    {
        var oneLine = WhiteSpace().Replace(query, " ").Trim();
        return oneLine.Length <= 300 ? oneLine : oneLine[..297] + "…";
    }

    private static LiveRatios Ratios(DatabaseSnapshot snapshot)
    {
        var tables = snapshot.Tables;
        var indexBlocks = tables.Sum(t => t.IndexBlocksHit + t.IndexBlocksRead);
        var scans = tables.Sum(t => t.SequentialScans + t.IndexScans);
        var tuples = tables.Sum(t => t.LiveRows + t.DeadRows);
        var visible = snapshot.Statements.Where(s => s.Calls > 0).ToList();
        return new LiveRatios(
            indexBlocks == 0 ? null : tables.Sum(t => t.IndexBlocksHit) / (double)indexBlocks,
            scans == 0 ? null : tables.Sum(t => t.SequentialScans) / (double)scans,
            tuples == 0 ? null : tables.Sum(t => t.DeadRows) / (double)tuples,
            visible.Count == 0 ? null : visible.Max(s => s.MeanMilliseconds),
            visible.Count == 0 ? null : visible.Max(s => s.MaxMilliseconds));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
