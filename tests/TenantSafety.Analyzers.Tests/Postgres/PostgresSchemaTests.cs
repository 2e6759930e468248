using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using TenantSafety.Analyzers.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>
/// What the fixes write into the model and what the report prints become real indexes and real row-level security
/// in PostgreSQL: the sample's schema before and after Fix All, index use by a tenant-scoped query, the report's
/// CREATE INDEX CONCURRENTLY statements and its row-level-security policies.
/// </summary>
[Collection(SampleReportCollection.Name)]
public sealed class PostgresSchemaTests(SampleReportFixture report, OutreachSchemaFixture schema, ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Before_the_fixes_exactly_the_audits_12_tables_have_a_team_id_index()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("before");
        await using var connection = await database.OpenAsync();
        await OutreachDatabase.ApplyAsync(connection, await schema.ScriptAsync(afterIndexFixes: false, output));

        var tables = await OutreachDatabase.TeamIdIndexByTableAsync(connection);

        Assert.Equal(SeedAudit.TenantTables.Order(StringComparer.Ordinal), tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SeedAudit.TablesWithTeamIdIndex, tables.Where(t => t.Value).Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.Equal(SeedAudit.TablesMissingTeamIdIndex, tables.Where(t => !t.Value).Select(t => t.Key).Order(StringComparer.Ordinal));

        // The audit's index names and uniqueness are the database's.
        var leads = await OutreachDatabase.IndexesAsync(connection, "leads");
        Assert.Equal("CREATE UNIQUE INDEX leads_team_id_integration_id_external_id_index ON public.leads USING btree (team_id, integration_id, external_id)", leads["leads_team_id_integration_id_external_id_index"]);
        Assert.Equal("CREATE INDEX idx_api_keys_team ON public.api_keys USING btree (team_id)", (await OutreachDatabase.IndexesAsync(connection, "api_keys"))["idx_api_keys_team"]);
    }

    [PostgresFact]
    public async Task After_Fix_All_of_TSA2001_and_TSA2002_every_tenant_table_has_a_team_id_index_and_hot_queries_their_composite_index()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("after");
        await using var connection = await database.OpenAsync();
        await OutreachDatabase.ApplyAsync(connection, await schema.ScriptAsync(afterIndexFixes: true, output));

        var tables = await OutreachDatabase.TeamIdIndexByTableAsync(connection);

        Assert.Equal(56, tables.Count);
        Assert.All(tables, t => Assert.True(t.Value, $"{t.Key} has no index led by team_id after the fixes."));

        var composites = new System.Collections.Generic.List<string>();
        foreach (var table in new[] { "messages", "inbox_items", "scheduled_events", "campaign_queue", "intelligence_log" })
        {
            composites.AddRange((await OutreachDatabase.IndexesAsync(connection, table)).Values);
        }

        output.WriteLine(string.Join('\n', composites));
        Assert.Contains(composites, d => d.EndsWith("ON public.messages USING btree (team_id, status)", StringComparison.Ordinal));
        Assert.Contains(composites, d => d.EndsWith("ON public.inbox_items USING btree (team_id, current_bucket)", StringComparison.Ordinal));
        Assert.Contains(composites, d => d.EndsWith("ON public.scheduled_events USING btree (team_id, status)", StringComparison.Ordinal));
        Assert.Contains(composites, d => d.EndsWith("ON public.campaign_queue USING btree (team_id, priority DESC, scheduled_at)", StringComparison.Ordinal));
        Assert.Contains(composites, d => d.EndsWith("ON public.intelligence_log USING btree (team_id, event_type)", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task A_tenant_scoped_query_on_a_fixed_table_uses_its_team_id_index_and_scans_without_it()
    {
        const string Query = "SELECT id, body FROM messages WHERE team_id = '{0}'";
        await using var before = await PostgresServer.CreateDatabaseAsync("plan_before");
        await using var after = await PostgresServer.CreateDatabaseAsync("plan_after");
        await using var unindexed = await before.OpenAsync();
        await using var indexed = await after.OpenAsync();
        await OutreachDatabase.ApplyAsync(unindexed, await schema.ScriptAsync(afterIndexFixes: false, output));
        await OutreachDatabase.ApplyAsync(indexed, await schema.ScriptAsync(afterIndexFixes: true, output));

        var unindexedTeams = await OutreachDatabase.FillAsync(unindexed, teams: 50, messagesPerTeam: 100);
        var indexedTeams = await OutreachDatabase.FillAsync(indexed, teams: 50, messagesPerTeam: 100);

        var withoutIndex = await OutreachDatabase.ExplainAsync(unindexed, string.Format(System.Globalization.CultureInfo.InvariantCulture, Query, unindexedTeams[7]));
        var withIndex = await OutreachDatabase.ExplainAsync(indexed, string.Format(System.Globalization.CultureInfo.InvariantCulture, Query, indexedTeams[7]));
        output.WriteLine("Before the fixes:\n" + withoutIndex + "\n\nAfter the fixes:\n" + withIndex);

        // 5,000 messages of 50 teams: one team is 2% of the table.
        Assert.Contains("Seq Scan on messages", withoutIndex, StringComparison.Ordinal);
        var teamIdIndexes = (await OutreachDatabase.IndexesAsync(indexed, "messages"))
            .Where(i => i.Value.Contains("(team_id", StringComparison.Ordinal))
            .Select(i => i.Key)
            .ToList();
        Assert.NotEmpty(teamIdIndexes);
        Assert.DoesNotContain("Seq Scan", withIndex, StringComparison.Ordinal);
        Assert.Contains(teamIdIndexes, name => withIndex.Contains($"Index Scan using {name} on messages", StringComparison.Ordinal) || withIndex.Contains($"Bitmap Index Scan on {name}", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task The_reports_CREATE_INDEX_CONCURRENTLY_statements_run_outside_a_transaction_on_a_live_database()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("concurrently");
        await using var connection = await database.OpenAsync();
        await OutreachDatabase.ApplyAsync(connection, await schema.ScriptAsync(afterIndexFixes: false, output));
        await OutreachDatabase.FillAsync(connection, teams: 5, messagesPerTeam: 20);

        var statements = Statements("requiredIndexes").Concat(Statements("compositeIndexes")).ToList();
        Assert.Equal(44, Statements("requiredIndexes").Count());
        foreach (var statement in statements)
        {
            // Each on its own: Npgsql runs a single statement without a transaction block.
            Assert.StartsWith("CREATE INDEX CONCURRENTLY IF NOT EXISTS ", statement, StringComparison.Ordinal);
            await PostgresServer.ExecuteAsync(connection, statement);
        }

        // Inside a transaction PostgreSQL refuses them: the report's advice to run them alone matters.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var inTransaction = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(connection, statements[0]));
            Assert.Equal(PostgresErrorCodes.ActiveSqlTransaction, inTransaction.SqlState);
        }

        var tables = await OutreachDatabase.TeamIdIndexByTableAsync(connection);
        Assert.All(tables, t => Assert.True(t.Value, $"{t.Key} has no index led by team_id after the report's statements."));
        Assert.Contains("ix_messages_team_id", (await OutreachDatabase.IndexesAsync(connection, "messages")).Keys);

        // IF NOT EXISTS: running the report's SQL again changes nothing and fails nothing.
        foreach (var statement in statements)
        {
            await PostgresServer.ExecuteAsync(connection, statement);
        }
    }

    [PostgresFact]
    public async Task The_reports_row_level_security_lets_a_team_read_and_write_only_its_own_rows()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("rls");
        await using var connection = await database.OpenAsync();
        await OutreachDatabase.ApplyAsync(connection, await schema.ScriptAsync(afterIndexFixes: false, output));
        var teams = await OutreachDatabase.FillAsync(connection, teams: 2, messagesPerTeam: 10);
        var (teamA, teamB) = (teams[0], teams[1]);

        foreach (var policy in report.JsonReport.RootElement.GetProperty("rowLevelSecurity").EnumerateArray())
        {
            await PostgresServer.ExecuteAsync(connection, policy.GetProperty("sql").GetString()!);
        }

        // The owner (here a superuser) bypasses row-level security; the application connects as a role that owns nothing.
        var role = $"tsa_app_{Guid.NewGuid():N}"[..24];
        await PostgresServer.ExecuteAsync(connection, $"CREATE ROLE {role} NOLOGIN");
        try
        {
            await PostgresServer.ExecuteAsync(connection, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}");
            await PostgresServer.ExecuteAsync(connection, $"SET ROLE {role}");

            // No tenant set: nothing is visible (the policy fails closed).
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM leads"));

            await ScalarAsync(connection, $"SELECT set_config('app.team_id', '{teamA}', false)");
            Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM leads WHERE team_id = '{teamB}'"));
            Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM messages WHERE team_id = '{teamB}'"));
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM leads"));
            Assert.Equal(10L, await ScalarAsync(connection, "SELECT count(*) FROM messages"));
            Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM messages WHERE team_id <> '{teamA}'"));

            // Writing a row for team B is refused; for team A it is not.
            var insertForB = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(connection, InsertSuppression(teamB)));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insertForB.SqlState);
            Assert.Contains("row-level security", insertForB.MessageText, StringComparison.Ordinal);
            Assert.Equal(1, await PostgresServer.ExecuteAsync(connection, InsertSuppression(teamA)));

            // Moving a row to team B is refused too (WITH CHECK).
            var move = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(connection, $"UPDATE leads SET team_id = '{teamB}'"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, move.SqlState);

            // Team B's session sees team B's rows only.
            await ScalarAsync(connection, $"SELECT set_config('app.team_id', '{teamB}', false)");
            Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM suppression_list WHERE team_id = '{teamA}'"));
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM leads"));
        }
        finally
        {
            await PostgresServer.ExecuteAsync(connection, "RESET ROLE");
            await PostgresServer.ExecuteAsync(connection, $"DROP OWNED BY {role}");
            await PostgresServer.ExecuteAsync(connection, $"DROP ROLE {role}");
        }
    }

    private System.Collections.Generic.IEnumerable<string> Statements(string section) =>
        report.JsonReport.RootElement.GetProperty(section).EnumerateArray().Select(r => r.GetProperty("sql").GetString()!);

    private static string InsertSuppression(Guid team) =>
        $"INSERT INTO suppression_list (id, team_id, channel, value, reason, created_at) VALUES (gen_random_uuid(), '{team}', 'sms', '+15550100', 'opt-out', now())";

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
