using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Output;

/// <summary>Connection Pooling and Query Performance Monitoring.</summary>
internal static partial class MarkdownReportWriter
{
    private static void WriteConnectionPooling(ConnectionPooling pooling, TextWriter writer)
    {
        var facts = pooling.Facts;
        WriteBlock(writer, "## Connection Pooling");
        WriteBlock(writer, "### Current Setup");
        if (facts.Registrations.Count == 0)
        {
            WriteBlock(writer, "No `AddDbContext`, `AddDbContextPool`, `AddPooledDbContextFactory`, `OnConfiguring` or `UseNpgsql` was found in the loaded projects.");
        }
        else
        {
            writer.WriteLine("| DbContext | Registration | Connection | Retry on failure | Where |");
            writer.WriteLine("|-----------|--------------|------------|------------------|-------|");
            foreach (var registration in facts.Registrations)
            {
                var kind = registration.Kind.ToString() + (registration.DesignTime ? " (design time)" : string.Empty) + (registration.PoolSize is { } size ? $" (pool of {size})" : string.Empty);
                var retry = registration.Provider is null || registration.DesignTime ? "-" : registration.RetryOnFailure ? "✅ EnableRetryOnFailure" : "❌ none";
                writer.WriteLine($"| {registration.Context} | {kind} | {Escape(Describe(registration))} | {retry} | {registration.Spot.File}:{registration.Spot.Line} |");
            }

            writer.WriteLine();
        }

        var connectionStrings = facts.ConnectionStrings.Select(c => (Source: $"`{c.Name}`", Where: $"{c.File}:{c.Line}", c.Settings))
            .Concat(facts.Registrations.Concat<object>(facts.DataSources).SelectMany(SourcesOf).Where(s => s.Kind == "literal" && s.Settings is not null)
                .Select(s => (Source: "literal in code", Where: $"{s.Spot.File}:{s.Spot.Line}", Settings: s.Settings!)))
            .ToList();
        if (connectionStrings.Count > 0)
        {
            WriteBlock(writer, "Connection strings (passwords are never shown; defaults in parentheses):");
            writer.WriteLine("| Source | Where | Target | Password | " + string.Join(" | ", ConnectionSettings.PoolSettings.Select(p => p.Name)) + " | PgBouncer |");
            writer.WriteLine("|--------|-------|--------|----------|" + string.Concat(ConnectionSettings.PoolSettings.Select(_ => "---|")) + "---|");
            foreach (var (source, where, settings) in connectionStrings)
            {
                var values = ConnectionSettings.PoolSettings.Select(p => settings[p.Name] ?? $"({p.Default})");
                writer.WriteLine($"| {source} | {where} | {settings.Target} | {(settings.HasPassword ? "set (hidden)" : "-")} | {string.Join(" | ", values)} | {(settings.NamesPgBouncer(source) ? "yes" : "-")} |");
            }

            writer.WriteLine();
        }

        foreach (var dataSource in facts.DataSources)
        {
            writer.WriteLine($"- `{dataSource.Kind}` at {dataSource.Spot.File}:{dataSource.Spot.Line}: an NpgsqlDataSource pools its own connections; give EF Core the same one with `UseNpgsql(dataSource)` so there is one pool, not two.");
        }

        foreach (var setting in facts.BuilderSettings)
        {
            writer.WriteLine($"- `{setting.Setting}={setting.Value}` set on an NpgsqlConnectionStringBuilder at {setting.Spot.File}:{setting.Spot.Line}.");
        }

        if (facts.DataSources.Count + facts.BuilderSettings.Count > 0)
        {
            writer.WriteLine();
        }

        WriteBlock(writer, "### Recommendations");
        foreach (var recommendation in pooling.Recommendations)
        {
            var where = recommendation.File is null ? string.Empty : $" ({recommendation.File}:{recommendation.Line})";
            writer.WriteLine($"- {Icon(recommendation.Level)} {recommendation.Text}{where}");
        }

        if (pooling.Recommendations.Count > 0)
        {
            writer.WriteLine();
        }

        writer.WriteLine("```csharp");
        writer.WriteLine(pooling.RecommendedRegistration);
        WriteBlock(writer, "```");
        WriteBlock(writer, "Recommended connection-string settings for production (one app instance; keep instances × Maximum Pool Size below the server's max_connections):");
        writer.WriteLine("```");
        writer.WriteLine(pooling.RecommendedSettings);
        EndSection(writer, "```");
    }

    private static IEnumerable<ConnectionSource> SourcesOf(object owner) => owner switch
    {
        ContextRegistration registration => registration.Sources,
        DataSourceDefinition dataSource => dataSource.Sources,
        _ => [],
    };

    private static string Describe(ContextRegistration registration)
    {
        if (registration.Provider is null)
        {
            return "no UseNpgsql here";
        }

        if (registration.Provider != "connection string")
        {
            return $"UseNpgsql with an Npgsql {registration.Provider}";
        }

        var sources = registration.Sources.Select(s => s.Kind switch
        {
            "configuration" => $"`ConnectionStrings:{s.Name}`",
            "environment" => $"the environment variable {s.Name}",
            "literal" => "a literal in code",
            _ => "a string computed in code",
        });
        return "connection string from " + string.Join(", else ", sources);
    }

    private static string Icon(PoolingLevel level) => level switch
    {
        PoolingLevel.Risk => "🔴",
        PoolingLevel.Warning => "⚠️",
        PoolingLevel.Ok => "✅",
        _ => "💡",
    };

    /// <summary>With <paramref name="database"/> (<c>--database</c>), what the live database measures.</summary>
    private static void WriteMonitoring(Monitoring monitoring, LiveDatabase? database, TextWriter writer)
    {
        WriteBlock(writer, "## Query Performance Monitoring");
        WriteBlock(writer, "### Add pg_stat_statements");
        if (database is not null)
        {
            writer.WriteLine(database.PgStatStatements
                ? $"Installed in `{database.Target}`. "
                : $"Not installed in `{database.Target}`: the Live Database section cannot list slow statements until it is.");
            writer.WriteLine();
        }

        writer.WriteLine("```sql");
        writer.WriteLine("-- Enable query statistics");
        WriteBlock(writer, monitoring.EnableSql);
        writer.WriteLine("-- View slow queries");
        writer.WriteLine(monitoring.SlowestStatementsSql);
        WriteBlock(writer, "```");
        WriteBlock(writer, "### Key Metrics to Monitor");
        var measured = database is not null;
        writer.WriteLine(measured ? "| Metric | Target | Alert Threshold | Measured |" : "| Metric | Target | Alert Threshold |");
        writer.WriteLine(measured ? "|--------|--------|-----------------|----------|" : "|--------|--------|-----------------|");
        foreach (var metric in monitoring.Metrics)
        {
            var status = metric.Status switch
            {
                MonitoringBuilder.StatusOk => "✅ ",
                MonitoringBuilder.StatusWarning => "⚠️ ",
                MonitoringBuilder.StatusAlert => "🔴 ",
                _ => string.Empty,
            };
            writer.WriteLine(measured
                ? $"| {metric.Name} | {metric.Target} | {metric.AlertThreshold} | {status}{Escape(metric.Measured ?? "-")} |"
                : $"| {metric.Name} | {metric.Target} | {metric.AlertThreshold} |");
        }

        writer.WriteLine();
        if (!measured)
        {
            WriteBlock(writer, $"Run the report with `--database` (or `{ReportOptions.DatabaseEnvironmentVariable}`) to measure these on a live database.");
        }

        EndSection(writer);
    }
}
