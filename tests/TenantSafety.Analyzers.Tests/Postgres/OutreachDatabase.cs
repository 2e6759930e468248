using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>Creates the sample's schema in a database, fills it with rows of several teams, and reads its indexes back.</summary>
internal static class OutreachDatabase
{
    /// <summary>
    /// Runs a create script one statement at a time, outside a transaction, as <c>psql</c> would: the model builds
    /// one index <c>CONCURRENTLY</c>, which cannot run in a transaction block.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, string script)
    {
        foreach (var statement in script.Replace("\r\n", "\n", StringComparison.Ordinal).Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (statement.Length > 0)
            {
                await PostgresServer.ExecuteAsync(connection, statement);
            }
        }
    }

    /// <summary>Tables with a <c>team_id</c> column, and whether an index of theirs starts with it.</summary>
    public static async Task<Dictionary<string, bool>> TeamIdIndexByTableAsync(NpgsqlConnection connection)
    {
        const string Sql = """
            SELECT c.table_name,
                   EXISTS (SELECT 1 FROM pg_indexes i
                           WHERE i.schemaname = 'public' AND i.tablename = c.table_name
                             AND i.indexdef ~ '\((team_id)( DESC)?[,)]')
            FROM information_schema.columns c
            WHERE c.table_schema = 'public' AND c.column_name = 'team_id'
            ORDER BY c.table_name
            """;
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetBoolean(1);
        }

        return result;
    }

    /// <summary>The definitions of the indexes of one table, from <c>pg_indexes</c>.</summary>
    public static async Task<Dictionary<string, string>> IndexesAsync(NpgsqlConnection connection, string table)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = @table", connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    /// <summary>
    /// <paramref name="teams"/> teams, one lead each, and <paramref name="messagesPerTeam"/> messages per team, then
    /// <c>ANALYZE</c> so the planner knows one team is a small slice of each table.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> FillAsync(NpgsqlConnection connection, int teams, int messagesPerTeam)
    {
        var teamIds = Enumerable.Range(0, teams).Select(_ => Guid.NewGuid()).ToList();
        await using (var insertTeams = new NpgsqlCommand(
            "INSERT INTO teams (id, name, slug, created_at) SELECT t, 'Team ' || t, t::text, now() FROM unnest(@teams) AS t",
            connection))
        {
            insertTeams.Parameters.AddWithValue("teams", teamIds.ToArray());
            await insertTeams.ExecuteNonQueryAsync();
        }

        await PostgresServer.ExecuteAsync(connection, """
            INSERT INTO leads (id, team_id, first_name, last_name, email, status, source, score, created_at, updated_at)
            SELECT gen_random_uuid(), t.id, 'Ada', 'Lovelace', t.slug || '@example.com', 'new', 'import', 50, now(), now()
            FROM teams t
            """);
        await PostgresServer.ExecuteAsync(connection, $"""
            INSERT INTO messages (id, team_id, lead_id, channel, direction, body, status, created_at)
            SELECT gen_random_uuid(), l.team_id, l.id, 'sms', 'outbound', 'Hello #' || n,
                   CASE WHEN n % 10 = 0 THEN 'failed' ELSE 'sent' END, now() - n * interval '1 minute'
            FROM leads l CROSS JOIN generate_series(1, {messagesPerTeam}) AS n
            """);
        await PostgresServer.ExecuteAsync(connection, "ANALYZE teams; ANALYZE leads; ANALYZE messages");
        return teamIds;
    }

    /// <summary>The text plan of a query.</summary>
    public static async Task<string> ExplainAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
