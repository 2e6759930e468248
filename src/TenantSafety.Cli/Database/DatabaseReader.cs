using Npgsql;

namespace TenantSafety.Cli.Database;

/// <summary>
/// Reads a <see cref="DatabaseSnapshot"/> in one read-only transaction (<c>SET TRANSACTION READ ONLY</c>) from catalog
/// and statistics views only: <c>pg_class</c>, <c>pg_index</c> and <c>pg_attribute</c>, <c>pg_policies</c>,
/// <c>pg_stat_user_tables</c>, <c>pg_statio_user_tables</c>, <c>pg_stat_user_indexes</c>, <c>pg_stat_activity</c>
/// (a count), and <c>pg_stat_statements</c> when <c>pg_extension</c> lists it. It reads no table's rows.
/// </summary>
internal static class DatabaseReader
{
    private const string UserSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    /// <summary>The statements of <c>pg_stat_statements</c> the report looks at: the slowest by total time.</summary>
    private const int StatementLimit = 500;

    public static async Task<DatabaseSnapshot> ReadAsync(DatabaseConnection database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "SET TRANSACTION READ ONLY", cancellationToken).ConfigureAwait(false);

            var (version, versionNumber, schema, maxConnections, connections) = await ServerAsync(connection, cancellationToken).ConfigureAwait(false);
            var indexes = await IndexesAsync(connection, cancellationToken).ConfigureAwait(false);
            var policies = await PoliciesAsync(connection, cancellationToken).ConfigureAwait(false);
            var tables = await TablesAsync(connection, indexes, policies, cancellationToken).ConfigureAwait(false);
            var notes = new List<string>();
            var (installed, statements) = await StatementsAsync(connection, versionNumber, notes, cancellationToken).ConfigureAwait(false);
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);

            return new DatabaseSnapshot(database.Target, version, versionNumber, schema, maxConnections, connections, installed, tables, statements, notes);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw database.Failure(e, "read the catalog of");
        }
    }

    private static async Task<(string Version, int Number, string Schema, int MaxConnections, int Connections)> ServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT current_setting('server_version'), current_setting('server_version_num')::int, coalesce(current_schema(), 'public'),
                   current_setting('max_connections')::int,
                   (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::int
            """;
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    private static async Task<ILookup<(string, string), DatabaseIndex>> IndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Key columns in index order (int2vector subscripts start at 0); INCLUDE columns are not keys.
        const string Sql = $"""
            SELECT n.nspname::text, t.relname::text, ic.relname::text, i.indisunique, i.indisprimary, i.indpred IS NOT NULL,
                   pg_relation_size(ic.oid), coalesce(s.idx_scan, 0),
                   ARRAY(SELECT coalesce(a.attname::text, '(expression)')
                         FROM generate_series(0, i.indnkeyatts - 1) AS k(pos)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.pos] AND a.attnum > 0
                         ORDER BY k.pos),
                   ARRAY(SELECT (i.indoption[k.pos] & 1) = 1 FROM generate_series(0, i.indnkeyatts - 1) AS k(pos) ORDER BY k.pos)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
            WHERE {UserSchemas}
            ORDER BY 1, 2, 3
            """;
        var indexes = await ReadAllAsync(connection, Sql, cancellationToken, reader =>
            (Table: (reader.GetString(0), reader.GetString(1)), Index: new DatabaseIndex(
                reader.GetString(2),
                reader.GetFieldValue<string[]>(8),
                reader.GetFieldValue<bool[]>(9),
                reader.GetBoolean(3),
                reader.GetBoolean(4),
                reader.GetBoolean(5),
                reader.GetInt64(6),
                reader.GetInt64(7)))).ConfigureAwait(false);
        return indexes.ToLookup(i => i.Table, i => i.Index);
    }

    private static async Task<ILookup<(string, string), DatabasePolicy>> PoliciesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT schemaname::text, tablename::text, policyname::text, permissive = 'PERMISSIVE', roles::text[], cmd, qual, with_check FROM pg_policies ORDER BY 1, 2, 3";
        var policies = await ReadAllAsync(connection, Sql, cancellationToken, reader =>
            (Table: (reader.GetString(0), reader.GetString(1)), Policy: new DatabasePolicy(
                reader.GetString(2),
                reader.GetString(5),
                reader.GetBoolean(3),
                reader.GetFieldValue<string[]>(4),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)))).ConfigureAwait(false);
        return policies.ToLookup(p => p.Table, p => p.Policy);
    }

    private static async Task<List<DatabaseTable>> TablesAsync(
        NpgsqlConnection connection,
        ILookup<(string, string), DatabaseIndex> indexes,
        ILookup<(string, string), DatabasePolicy> policies,
        CancellationToken cancellationToken)
    {
        const string Sql = $"""
            SELECT n.nspname::text, c.relname::text, c.relrowsecurity, c.relforcerowsecurity,
                   coalesce(s.n_live_tup, 0), coalesce(s.n_dead_tup, 0), coalesce(s.seq_scan, 0), coalesce(s.seq_tup_read, 0),
                   coalesce(s.idx_scan, 0), pg_table_size(c.oid), pg_indexes_size(c.oid),
                   coalesce(io.heap_blks_read, 0), coalesce(io.heap_blks_hit, 0), coalesce(io.idx_blks_read, 0), coalesce(io.idx_blks_hit, 0)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            LEFT JOIN pg_statio_user_tables io ON io.relid = c.oid
            WHERE c.relkind IN ('r', 'p') AND {UserSchemas}
            ORDER BY 1, 2
            """;
        return await ReadAllAsync(connection, Sql, cancellationToken, reader =>
        {
            var key = (reader.GetString(0), reader.GetString(1));
            return new DatabaseTable(
                key.Item1,
                key.Item2,
                reader.GetBoolean(2),
                reader.GetBoolean(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.GetInt64(10),
                reader.GetInt64(11),
                reader.GetInt64(12),
                reader.GetInt64(13),
                reader.GetInt64(14),
                indexes[key].ToList(),
                policies[key].ToList());
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The slowest statements of this database when <c>pg_extension</c> lists <c>pg_stat_statements</c>. Its absence,
    /// a library that is not preloaded, or statements hidden from this role are notes, not errors.
    /// </summary>
    private static async Task<(bool Installed, List<DatabaseStatement> Statements)> StatementsAsync(
        NpgsqlConnection connection,
        int versionNumber,
        List<string> notes,
        CancellationToken cancellationToken)
    {
        string? schema;
        await using (var find = new NpgsqlCommand("SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'", connection))
        {
            schema = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        if (schema is null)
        {
            notes.Add("pg_stat_statements is not installed in this database: no statement statistics. Enable it with shared_preload_libraries = 'pg_stat_statements' and CREATE EXTENSION pg_stat_statements (see Query Performance Monitoring).");
            return (false, []);
        }

        // PostgreSQL 13 renamed total_time to total_exec_time (and the rest alike).
        var time = versionNumber >= 130000 ? "exec_time" : "time";
        var sql = $"""
            SELECT query, calls, total_{time}, mean_{time}, max_{time}, rows
            FROM "{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}".pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_{time} DESC
            LIMIT {StatementLimit}
            """;
        List<DatabaseStatement> statements;
        await ExecuteAsync(connection, "SAVEPOINT statements", cancellationToken).ConfigureAwait(false);
        try
        {
            statements = await ReadAllAsync(connection, sql, cancellationToken, reader => new DatabaseStatement(
                reader.IsDBNull(0) ? "<insufficient privilege>" : reader.GetString(0),
                reader.GetInt64(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetInt64(5))).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ObjectNotInPrerequisiteState or PostgresErrorCodes.InsufficientPrivilege)
        {
            await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT statements", cancellationToken).ConfigureAwait(false);
            notes.Add($"pg_stat_statements is installed but cannot be read ({e.MessageText}): no statement statistics.");
            return (true, []);
        }

        var hidden = statements.Count(s => s.Query == "<insufficient privilege>");
        if (hidden > 0)
        {
            notes.Add($"{hidden} of the {statements.Count} slowest statements belong to other roles and their text is hidden; grant pg_read_all_stats to the report's role to see them.");
        }

        return (true, statements);
    }

    /// <summary>Runs <paramref name="sql"/> and reads each row it returns with <paramref name="read"/>.</summary>
    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, Func<NpgsqlDataReader, T> read)
    {
        var rows = new List<T>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
