using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Report;

/// <summary>
/// Query Performance Monitoring: how to enable <c>pg_stat_statements</c> and read the slowest statements, and the
/// seed audit's key metrics with their targets and alert thresholds; with <c>--database</c>, the measured values.
/// </summary>
internal static class MonitoringBuilder
{
    public const string StatusOk = "ok";
    public const string StatusWarning = "warning";
    public const string StatusAlert = "alert";

    public const string EnableSql = """
        -- postgresql.conf (needs a restart): shared_preload_libraries = 'pg_stat_statements'
        -- then, in the application's database:
        CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
        """;

    public const string SlowestStatementsSql = """
        SELECT
          query,
          calls,
          total_exec_time / 1000 AS total_seconds,
          mean_exec_time / 1000 AS mean_seconds,
          rows
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC
        LIMIT 20;
        """;

    public static Monitoring Build(LiveDatabase? database, int? poolSize)
    {
        var ratios = database?.Ratios;
        var latency = ratios?.SlowestMeanMilliseconds;
        var connections = database is null ? (double?)null : database.Connections / (double)database.MaxConnections;
        return new Monitoring(EnableSql, SlowestStatementsSql,
        [
            new("Query latency p99", "<100ms", ">500ms",
                database is null ? null
                : latency is null ? (database.PgStatStatements ? "no statements recorded" : "needs pg_stat_statements")
                : $"slowest mean {Sizes.Milliseconds(latency.Value)}, max {Sizes.Milliseconds(ratios!.SlowestMaxMilliseconds ?? 0)} (pg_stat_statements keeps no percentiles)",
                latency is null ? null : Status(latency.Value, 100, 500)),
            new("Connection count", "<80% pool", ">90% pool",
                database is null ? null : $"{Plural.Of(database.Connections, "connection")} to this database, {Sizes.Percent(connections!.Value)} of max_connections {database.MaxConnections}" + (poolSize is null ? "; the app's pool: Npgsql's default of 100 per instance" : $"; the app's Maximum Pool Size: {poolSize} per instance"),
                connections is null ? null : Status(connections.Value, 0.80, 0.90)),
            new("Index hit ratio", ">99%", "<95%",
                database is null ? null : ratios!.IndexHitRatio is { } hit ? Sizes.Percent(hit) : "no index reads yet",
                ratios?.IndexHitRatio is { } h ? Status(1 - h, 0.01, 0.05) : null),
            new("Table scan ratio", "<1%", ">5%",
                database is null ? null : ratios!.TableScanRatio is { } scan ? $"{Sizes.Percent(scan)} of scans are sequential" : "no scans yet",
                ratios?.TableScanRatio is { } s ? Status(s, 0.01, 0.05) : null),
            new("Dead tuple ratio", "<5%", ">10%",
                database is null ? null : ratios!.DeadTupleRatio is { } dead ? Sizes.Percent(dead) : "no rows yet",
                ratios?.DeadTupleRatio is { } d ? Status(d, 0.05, 0.10) : null),
        ]);
    }

    /// <summary>ok below the target, alert above the threshold, warning between.</summary>
    private static string Status(double value, double target, double alert) =>
        value < target ? StatusOk : value > alert ? StatusAlert : StatusWarning;
}
