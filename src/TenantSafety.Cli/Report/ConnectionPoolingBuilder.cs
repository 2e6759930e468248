using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Report;

/// <summary>
/// The Connection Pooling section: each DbContext's registration and connection strings as the code and its
/// <c>appsettings*.json</c> say, and recommendations in the seed audit's spirit, each with the file and line it is about.
/// </summary>
internal static class ConnectionPoolingBuilder
{
    /// <summary>A pool size the seed recommends for one app instance (its <c>max: 20</c>).</summary>
    private const int RecommendedMaxPoolSize = 20;

    /// <summary>Above this many seconds a request waits long for a free connection before it fails.</summary>
    private const int LongTimeoutSeconds = 30;

    public static ConnectionPooling Build(ConnectionFacts facts, LiveDatabase? database)
    {
        var recommendations = new List<PoolingRecommendation>();
        var runtime = facts.Registrations.Where(r => !r.DesignTime).ToList();
        foreach (var context in facts.Contexts)
        {
            var registrations = runtime.Where(r => r.Context == context.Name).ToList();
            if (registrations.Count == 0)
            {
                recommendations.Add(new(PoolingLevel.Info, $"No registration of {context.Name} (AddDbContext, AddDbContextPool, AddPooledDbContextFactory, OnConfiguring) in the loaded projects: audit the solution that registers it to see how it connects.", context.Declaration?.File, context.Declaration?.Line));
                continue;
            }

            foreach (var registration in registrations)
            {
                RecommendFor(registration, context, recommendations);
            }
        }

        var sources = runtime.SelectMany(r => r.Sources).ToList();
        var strings = ConnectionStringsInUse(facts, sources).ToList();
        foreach (var (origin, file, line, settings) in strings)
        {
            RecommendFor(origin, file, line, settings, database, facts.BuilderSettings, recommendations);
        }

        foreach (var source in facts.Registrations.SelectMany(r => r.Sources).Concat(facts.DataSources.SelectMany(d => d.Sources)).Where(s => s.Kind == "literal" && s.Settings is { HasPassword: true }))
        {
            recommendations.Add(new(PoolingLevel.Warning, "A connection string in code holds a password (not shown): move it to configuration that stays out of source control (user secrets, environment variables, a vault).", source.Spot.File, source.Spot.Line));
        }

        var pgBouncer = strings.Any(s => s.Settings.NamesPgBouncer(s.Origin));
        var context0 = facts.Contexts.FirstOrDefault()?.Name ?? "AppDbContext";
        var configurationName = sources.FirstOrDefault(s => s.Kind == "configuration")?.Name ?? "Default";
        var maxPool = database is null ? RecommendedMaxPoolSize : Math.Max(5, Math.Min(RecommendedMaxPoolSize, (database.MaxConnections - 3) / 4));
        return new ConnectionPooling(
            facts,
            recommendations,
            $$"""
            // One context per request; Npgsql pools the physical connections; transient failures (a failover) are retried.
            services.AddDbContext<{{context0}}>(options => options.UseNpgsql(
                configuration.GetConnectionString("{{configurationName}}"),
                npgsql => npgsql.EnableRetryOnFailure()));
            """,
            $"Maximum Pool Size={maxPool};Minimum Pool Size=0;Timeout=15;Connection Idle Lifetime=300" + (pgBouncer ? ";No Reset On Close=true;Max Auto Prepare=0" : string.Empty));
    }

    private static void RecommendFor(ContextRegistration registration, DbContextInfo context, List<PoolingRecommendation> recommendations)
    {
        var file = registration.Spot.File;
        var line = registration.Spot.Line;
        var services = context.ConstructorServices;
        if (registration.IsPooled && services.Count > 0)
        {
            recommendations.Add(new(PoolingLevel.Risk, $"{registration.Kind}<{context.Name}> pools contexts, but {context.Name}'s constructor takes {string.Join(", ", services)}: EF Core refuses such a constructor for pooling, and a pooled context that kept a tenant would serve it to the next request. Set the tenant on each lease instead, or use AddDbContext.", file, line));
        }
        else if (registration.Kind == RegistrationKind.AddDbContext && services.Count > 0)
        {
            recommendations.Add(new(PoolingLevel.Ok, $"AddDbContext<{context.Name}>: a new context per request, so the {string.Join(", ", services)} its constructor takes is never shared between requests; Npgsql pools the connections underneath. Keep it so: context pooling (AddDbContextPool) would reuse instances across tenants.", file, line));
        }
        else if (registration.Kind is RegistrationKind.AddDbContext or RegistrationKind.AddDbContextFactory)
        {
            recommendations.Add(new(PoolingLevel.Info, $"{registration.Kind}<{context.Name}> creates a context per request. {context.Name} takes nothing but its options, so AddDbContextPool (or AddPooledDbContextFactory) can reuse instances and save their setup on hot paths.", file, line));
        }
        else if (registration.Kind == RegistrationKind.OnConfiguring)
        {
            recommendations.Add(new(PoolingLevel.Info, $"{context.Name} configures its connection in OnConfiguring: register it with AddDbContext and a connection string from configuration, so environments differ by settings, not code.", file, line));
        }

        if (registration.Provider is not null && !registration.RetryOnFailure)
        {
            recommendations.Add(new(PoolingLevel.Warning, $"UseNpgsql for {context.Name} does not retry: a failover or a dropped connection fails the request. Add `npgsql => npgsql.EnableRetryOnFailure()` (transactions the code begins itself then run inside `Database.CreateExecutionStrategy().ExecuteAsync(…)`).", file, line));
        }

        if (registration.Provider == "connection string" && registration.Sources.All(s => s.Kind == "computed"))
        {
            recommendations.Add(new(PoolingLevel.Info, $"{context.Name}'s connection string is computed in code: the report cannot read its pool settings.", file, line));
        }
    }

    /// <summary>The connection strings the registrations use: configuration names matched to appsettings entries, and literals; every appsettings entry when no registration names one.</summary>
    private static IEnumerable<(string Origin, string? File, int? Line, ConnectionSettings Settings)> ConnectionStringsInUse(ConnectionFacts facts, IReadOnlyList<ConnectionSource> sources)
    {
        var names = sources.Where(s => s.Kind == "configuration").Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in facts.ConnectionStrings.Where(e => names.Count == 0 || names.Contains(e.Name.Split(':')[^1])))
        {
            yield return ($"{Path.GetFileName(entry.File)} {entry.Name}", entry.File, entry.Line, entry.Settings);
        }

        foreach (var literal in sources.Where(s => s.Kind == "literal" && s.Settings is not null))
        {
            yield return ("code", literal.Spot.File, literal.Spot.Line, literal.Settings!);
        }
    }

    private static void RecommendFor(string origin, string? file, int? line, ConnectionSettings settings, LiveDatabase? database, IReadOnlyList<BuilderSetting> builderSettings, List<PoolingRecommendation> recommendations)
    {
        string Setting(string name) => settings[name] ?? builderSettings.FirstOrDefault(b => b.Setting == name)?.Value ?? string.Empty;
        var target = settings.Target;
        if (string.Equals(Setting(ConnectionSettings.Pooling), "false", StringComparison.OrdinalIgnoreCase))
        {
            recommendations.Add(new(PoolingLevel.Risk, $"{origin} ({target}) sets Pooling=false: every Open() makes a new physical connection (a TCP, TLS and authentication round trip). Remove it.", file, line));
        }

        var maxPool = int.TryParse(Setting(ConnectionSettings.MaxPoolSize), out var size) ? size : (int?)null;
        var serverMax = database is null ? "PostgreSQL's default max_connections is 100" : $"this server's max_connections is {database.MaxConnections}";
        if (maxPool is null)
        {
            recommendations.Add(new(PoolingLevel.Warning, $"{origin} ({target}) leaves Maximum Pool Size at Npgsql's 100 per process: with several app instances the pools together can ask for more connections than the server has ({serverMax}). Set it so instances × pool size stays below max_connections, e.g. Maximum Pool Size={RecommendedMaxPoolSize}.", file, line));
        }
        else if (database is not null && maxPool >= database.MaxConnections)
        {
            recommendations.Add(new(PoolingLevel.Risk, $"{origin} ({target}) sets Maximum Pool Size={maxPool}, at or above the server's max_connections of {database.MaxConnections}: one busy instance can exhaust the server.", file, line));
        }

        if (int.TryParse(Setting(ConnectionSettings.MinPoolSize), out var min) && maxPool is { } max && min > max)
        {
            recommendations.Add(new(PoolingLevel.Risk, $"{origin} ({target}) sets Minimum Pool Size={min} above Maximum Pool Size={max}: Npgsql refuses to open.", file, line));
        }

        if (int.TryParse(Setting(ConnectionSettings.Timeout), out var timeout) && timeout > LongTimeoutSeconds)
        {
            recommendations.Add(new(PoolingLevel.Info, $"{origin} ({target}) waits up to {Plural.Of(timeout, "second")} for a connection (Timeout): an exhausted pool shows as slow requests rather than errors. Keep it short and alert on pool use.", file, line));
        }

        if (string.Equals(Setting(ConnectionSettings.Multiplexing), "true", StringComparison.OrdinalIgnoreCase))
        {
            recommendations.Add(new(PoolingLevel.Info, $"{origin} ({target}) enables Multiplexing: commands share connections, so session state does not carry over; set the tenant for row-level security per transaction (set_config(…, true)), never per session.", file, line));
        }

        if (settings.NamesPgBouncer(origin))
        {
            if (!string.Equals(Setting(ConnectionSettings.NoResetOnClose), "true", StringComparison.OrdinalIgnoreCase))
            {
                recommendations.Add(new(PoolingLevel.Warning, $"{origin} ({target}) goes through PgBouncer: in transaction pooling, set No Reset On Close=true (PgBouncer resets server connections itself; Npgsql's DISCARD ALL on every close is wasted work).", file, line));
            }

            if (int.TryParse(Setting(ConnectionSettings.MaxAutoPrepare), out var prepare) && prepare > 0)
            {
                recommendations.Add(new(PoolingLevel.Warning, $"{origin} ({target}) goes through PgBouncer with Max Auto Prepare={prepare}: prepared statements do not survive transaction pooling unless PgBouncer 1.21+ has max_prepared_statements set; otherwise set Max Auto Prepare=0.", file, line));
            }

            recommendations.Add(new(PoolingLevel.Info, $"{origin} ({target}) goes through PgBouncer: with transaction pooling, row-level security's tenant must be set with set_config('…', id, true) inside each transaction; a session-level SET leaks to the next client of that server connection.", file, line));
        }
    }
}
