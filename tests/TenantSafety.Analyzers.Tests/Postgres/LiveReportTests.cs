using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using TenantSafety.Analyzers.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>
/// <c>tenant-safety report --database</c> on a real PostgreSQL database holding the sample's schema, after a declared
/// index was dropped, an index the model lacks was added, row-level security was enabled on two tables and load made
/// one table hot: the report names exactly those. And the documented exit codes when it cannot connect or may not.
/// </summary>
[Collection(SampleReportCollection.Name)]
public sealed class LiveReportTests(SampleReportFixture report, OutreachSchemaFixture schema, ITestOutputHelper output) : IDisposable
{
    private const int Teams = 10;
    private const int MessagesPerTeam = 5_000;
    private const int SuppressedNumbers = 2_000;
    private const int LoadQueries = 100;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tenantsafety-live-");

    [PostgresFact]
    public async Task The_live_report_names_exactly_the_drift_the_hot_table_and_the_row_level_security_of_the_database()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("live");
        await PrepareAsync(database);
        var jsonPath = Path.Combine(_directory.FullName, "live.json");

        var json = await ReportTool.ReportOnSampleAsync(
            "--no-restore", "--format", "json", "--output", jsonPath, "--database", database.ConnectionString,
            "--tenants", Teams.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rows-per-tenant", $"messages={MessagesPerTeam}");
        var markdown = await ReportTool.ReportOnSampleAsync("--no-restore", "--database", database.ConnectionString);
        output.WriteLine(json.Describe(30));

        Assert.Equal(0, json.ExitCode);
        Assert.Contains($"Reading the catalog of 127.0.0.1:", json.StandardError, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var live = document.RootElement.GetProperty("database");
        Assert.Empty(live.GetProperty("missingTables").EnumerateArray());

        // Drift, both ways: the index dropped, the index added.
        Assert.Equal(["api_keys idx_api_keys_team (team_id)"], Drift(live, "missingInDatabase"));
        Assert.Equal(["messages ix_messages_team_id (team_id)"], Drift(live, "notInModel"));

        // Row-level security on exactly the two tables it was enabled on, with the report's policy.
        var tables = live.GetProperty("tables").EnumerateArray().ToList();
        var secured = tables.Where(t => t.GetProperty("rowSecurity").GetBoolean()).ToList();
        Assert.Equal(["leads", "messages"], secured.Select(t => t.GetProperty("table").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(secured, t => Assert.Equal("tenant_isolation", Assert.Single(t.GetProperty("policies").EnumerateArray()).GetProperty("name").GetString()));
        Assert.Equal(56, tables.Count(t => t.GetProperty("tenantTable").GetBoolean()));

        // The one table the load made hot: not declared hot, no team_id index, and the line that declares it.
        var hot = Assert.Single(live.GetProperty("hotTables").EnumerateArray());
        Assert.Equal("suppression_list", hot.GetProperty("table").GetString());
        Assert.Equal((long)SuppressedNumbers * LoadQueries, hot.GetProperty("sequentialRowsRead").GetInt64());
        Assert.False(hot.GetProperty("declaredHot").GetBoolean());
        Assert.False(hot.GetProperty("tenantKeyIndexed").GetBoolean());
        Assert.Equal(
            "tenant_safety.hot_entities = messages, inbox_items, campaign_queue, scheduled_events, outreach_logs, intelligence_log, lead_activities, campaign_executions, campaign_events, suppression_list",
            live.GetProperty("hotEntitiesLine").GetString());
        Assert.Equal("samples/Outreach/.editorconfig", live.GetProperty("editorConfigFile").GetString());

        // pg_stat_statements: the load's statement, on a tenant table without a team_id index.
        Assert.True(live.GetProperty("pgStatStatements").GetBoolean());
        var statement = Assert.Single(live.GetProperty("statements").EnumerateArray());
        Assert.Equal(["suppression_list"], statement.GetProperty("tables").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(LoadQueries, statement.GetProperty("calls").GetInt64());
        Assert.Contains("FROM suppression_list WHERE value = $1", statement.GetProperty("query").GetString(), StringComparison.Ordinal);

        // Real rows and sizes beside the projections, and the index estimate against the index PostgreSQL built.
        Assert.Equal((long)Teams * MessagesPerTeam, Table(tables, "messages").GetProperty("rows").GetInt64());
        Assert.Equal(SuppressedNumbers, Table(tables, "suppression_list").GetProperty("rows").GetInt64());
        var estimate = document.RootElement.GetProperty("scaleProjection").GetProperty("indexes").EnumerateArray()
            .Single(i => i.GetProperty("index").GetString() == "ix_messages_team_id");
        var measured = estimate.GetProperty("measuredBytes").GetInt64();
        var deduplicated = estimate.GetProperty("deduplicatedBytes").GetInt64();
        output.WriteLine($"ix_messages_team_id at {Teams * MessagesPerTeam:N0} rows: measured {measured:N0} bytes, estimated {deduplicated:N0} deduplicated, {estimate.GetProperty("estimatedBytes").GetInt64():N0} without");
        Assert.InRange(measured, deduplicated * 0.75, deduplicated * 1.25);

        // Measured metrics: every scan of the load was sequential.
        var metrics = document.RootElement.GetProperty("monitoring").GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal("alert", metrics["Table scan ratio"].GetProperty("status").GetString());
        Assert.All(metrics.Values, m => Assert.NotEqual(JsonValueKind.Null, m.GetProperty("measured").ValueKind));
        var checklist = document.RootElement.GetProperty("checklist").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!);
        Assert.True(checklist["pg_stat_statements enabled"].GetProperty("done").GetBoolean());

        Assert.Equal(0, markdown.ExitCode);
        var text = markdown.StandardOutput;
        Assert.Contains("## Live Database", text, StringComparison.Ordinal);
        Assert.Contains("### Index Drift (2 indexes)", text, StringComparison.Ordinal);
        Assert.Contains("| api_keys | idx_api_keys_team | (team_id) | declared in the model, missing in the database |", text, StringComparison.Ordinal);
        Assert.Contains("| Model indexes missing in the database | 1 | 🔴 drift |", text, StringComparison.Ordinal);
        Assert.Contains("| Row-level security in the database | 2 of 56 tenant tables | 🔴 54 without |", text, StringComparison.Ordinal);
        Assert.Contains("### Row-Level Security in the Database (2 of 56 tenant tables)", text, StringComparison.Ordinal);
        Assert.Contains("| suppression_list | 100 | 200,000 | 2,000 | ❌ none | ❌ |", text, StringComparison.Ordinal);
        Assert.Contains("```ini\ntenant_safety.hot_entities = messages,", text, StringComparison.Ordinal);
        Assert.Contains("| Metric | Target | Alert Threshold | Measured |", text, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Without_pg_stat_statements_the_report_says_so_in_a_note_and_succeeds()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("nopgss");
        var jsonPath = Path.Combine(_directory.FullName, "nopgss.json");

        // From the environment variable: the connection string stays out of the command line.
        var result = await ReportTool.ReportOnSampleAsync(
            new Dictionary<string, string?> { [ReportTool.DatabaseVariable] = database.ConnectionString },
            "--no-restore", "--format", "json", "--output", jsonPath);
        output.WriteLine(result.Describe(20));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("note: pg_stat_statements is not installed in this database", result.StandardError, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var live = document.RootElement.GetProperty("database");
        Assert.False(live.GetProperty("pgStatStatements").GetBoolean());
        Assert.Contains(live.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("pg_stat_statements is not installed", StringComparison.Ordinal));
        Assert.Equal(59, live.GetProperty("missingTables").GetArrayLength());
        var checklist = document.RootElement.GetProperty("checklist").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!);
        Assert.False(checklist["pg_stat_statements enabled"].GetProperty("done").GetBoolean());
    }

    [PostgresFact]
    public async Task A_wrong_password_exits_5_and_a_role_without_connect_permission_exits_6_never_printing_the_password()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("denied");
        var role = $"tsa_auditor_{Guid.NewGuid():N}"[..24];
        var password = $"pw-{Guid.NewGuid():N}";
        await using var admin = await PostgresServer.OpenAsync(PostgresServer.ConnectionString!);
        await PostgresServer.ExecuteAsync(admin, $"CREATE ROLE {role} LOGIN PASSWORD '{password}'");
        try
        {
            await PostgresServer.ExecuteAsync(admin, $"REVOKE CONNECT ON DATABASE {database.Name} FROM PUBLIC");
            var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = password };
            var wrong = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = password + "-wrong" };

            var denied = await ReportTool.ReportOnSampleAsync("--no-restore", "--database", builder.ConnectionString);
            var unauthenticated = await ReportTool.ReportOnSampleAsync("--no-restore", "--database", wrong.ConnectionString);
            output.WriteLine(denied.Describe(10));
            output.WriteLine(unauthenticated.Describe(10));

            Assert.Equal(6, denied.ExitCode);
            Assert.Contains($"refused the report's role ({role}) permission to connect to it", denied.StandardError, StringComparison.Ordinal);
            Assert.Equal(5, unauthenticated.ExitCode);
            Assert.Contains("Cannot connect to the database", unauthenticated.StandardError, StringComparison.Ordinal);
            Assert.Contains("password authentication failed", unauthenticated.StandardError, StringComparison.Ordinal);
            foreach (var result in new[] { denied, unauthenticated })
            {
                Assert.DoesNotContain(password, result.StandardError + result.StandardOutput, StringComparison.Ordinal);
                Assert.DoesNotContain("Loading", result.StandardError, StringComparison.Ordinal);
            }
        }
        finally
        {
            await PostgresServer.ExecuteAsync(admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// The sample's schema with 50,000 messages of 10 teams and 2,000 suppressed numbers; <c>idx_api_keys_team</c> dropped;
    /// <c>ix_messages_team_id</c> added outside the model; the report's row-level security on leads and messages; then
    /// statistics reset and 100 lookups of suppression_list by value, each a sequential scan of its 2,000 rows.
    /// </summary>
    private async Task PrepareAsync(TemporaryDatabase database)
    {
        await using (var setup = await database.OpenAsync())
        {
            await OutreachDatabase.ApplyAsync(setup, await schema.ScriptAsync(afterIndexFixes: false, output));
            await PostgresServer.ExecuteAsync(setup, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await OutreachDatabase.FillAsync(setup, Teams, MessagesPerTeam);
            await PostgresServer.ExecuteAsync(setup, "DROP INDEX idx_api_keys_team");
            await PostgresServer.ExecuteAsync(setup, "CREATE INDEX ix_messages_team_id ON messages (team_id)");
            foreach (var policy in report.JsonReport.RootElement.GetProperty("rowLevelSecurity").EnumerateArray()
                .Where(p => p.GetProperty("table").GetString() is "leads" or "messages"))
            {
                await PostgresServer.ExecuteAsync(setup, policy.GetProperty("sql").GetString()!);
            }

            await PostgresServer.ExecuteAsync(setup, $"""
                INSERT INTO suppression_list (id, team_id, channel, value, reason, created_at)
                SELECT gen_random_uuid(), (SELECT id FROM teams ORDER BY id LIMIT 1 OFFSET n % {Teams}), 'sms', '+1555' || lpad(n::text, 7, '0'), 'opt-out', now()
                FROM generate_series(1, {SuppressedNumbers}) AS n
                """);
        }

        // Setup scanned tables too (index builds, inserts from a select): count only the load from here on. A new
        // connection, once the setup's has reported its statistics on closing, so none arrive after the reset.
        await using (var setup = await database.OpenAsync())
        {
            await PostgresServer.ExecuteAsync(setup, "SELECT pg_stat_reset()");
            await PostgresServer.ExecuteAsync(setup, "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)");
            await PostgresServer.ExecuteAsync(setup, "ANALYZE");
        }

        await using (var load = await database.OpenAsync())
        {
            for (var i = 0; i < LoadQueries; i++)
            {
                await using var command = new NpgsqlCommand("SELECT count(*) FROM suppression_list WHERE value = @value", load);
                command.Parameters.AddWithValue("value", $"+1555{i:D7}");
                await command.ExecuteScalarAsync();
            }
        }

        // A backend reports its statistics when it ends; wait until they are visible.
        await using var check = await database.OpenAsync();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var command = new NpgsqlCommand("SELECT seq_tup_read FROM pg_stat_user_tables WHERE relname = 'suppression_list'", check);
            if (await command.ExecuteScalarAsync() is long read && read >= (long)SuppressedNumbers * LoadQueries)
            {
                return;
            }

            await Task.Delay(200);
        }
    }

    private static List<string> Drift(JsonElement live, string property) =>
        live.GetProperty(property).EnumerateArray()
            .Select(d => $"{d.GetProperty("table").GetString()} {d.GetProperty("index").GetString()} ({string.Join(", ", d.GetProperty("columns").EnumerateArray().Select(c => c.GetString()))})")
            .ToList();

    private static JsonElement Table(List<JsonElement> tables, string name) => tables.Single(t => t.GetProperty("table").GetString() == name);
}
