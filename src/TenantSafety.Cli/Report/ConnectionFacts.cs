namespace TenantSafety.Cli.Report;

/// <summary>What the code and its <c>appsettings*.json</c> say about how each DbContext connects (the Connection Pooling section).</summary>
internal sealed record ConnectionFacts(
    IReadOnlyList<DbContextInfo> Contexts,
    IReadOnlyList<ContextRegistration> Registrations,
    IReadOnlyList<DataSourceDefinition> DataSources,
    IReadOnlyList<ConnectionStringEntry> ConnectionStrings,
    IReadOnlyList<BuilderSetting> BuilderSettings)
{
    public static ConnectionFacts Empty { get; } = new([], [], [], [], []);

    public static ConnectionFacts Merge(IEnumerable<ConnectionFacts> all)
    {
        var list = all.ToList();
        return new ConnectionFacts(
            list.SelectMany(f => f.Contexts).DistinctBy(c => c.Name).ToList(),
            list.SelectMany(f => f.Registrations).DistinctBy(r => (r.Context, r.Spot.File, r.Spot.Line, r.Spot.Column)).ToList(),
            list.SelectMany(f => f.DataSources).DistinctBy(d => (d.Spot.File, d.Spot.Line, d.Spot.Column)).ToList(),
            list.SelectMany(f => f.ConnectionStrings).DistinctBy(c => (c.File, c.Name)).ToList(),
            list.SelectMany(f => f.BuilderSettings).DistinctBy(s => (s.Spot.File, s.Spot.Line, s.Setting)).ToList());
    }
}

/// <summary>A DbContext class of the loaded code, with the services its constructors take besides the options (a tenant, a clock).</summary>
internal sealed record DbContextInfo(string Name, IReadOnlyList<string> ConstructorServices, SourceSpot? Declaration);

/// <summary>How the code registers or configures a DbContext: <c>AddDbContext</c>, <c>AddDbContextPool</c>, <c>OnConfiguring</c>, a design-time factory, ….</summary>
/// <param name="Context">The DbContext class registered or configured.</param>
/// <param name="Kind">The registration call or configuration place.</param>
/// <param name="Spot">Where the registration is written.</param>
/// <param name="Provider">How <c>UseNpgsql</c> gets its connection: <c>connection string</c>, <c>data source</c>, <c>connection</c>, or null when no <c>UseNpgsql</c> is seen.</param>
/// <param name="Sources">Where its connection string comes from (code, configuration keys).</param>
/// <param name="RetryOnFailure">Whether <c>EnableRetryOnFailure</c> is called for it.</param>
/// <param name="PoolSize">The <c>poolSize</c> of <c>AddDbContextPool</c>/<c>AddPooledDbContextFactory</c> when given.</param>
/// <param name="DesignTime">Whether the registration is a design-time factory (<c>IDesignTimeDbContextFactory</c>), not the running app's.</param>
internal sealed record ContextRegistration(
    string Context,
    RegistrationKind Kind,
    SourceSpot Spot,
    string? Provider,
    IReadOnlyList<ConnectionSource> Sources,
    bool RetryOnFailure,
    int? PoolSize,
    bool DesignTime)
{
    public bool IsPooled => Kind is RegistrationKind.AddDbContextPool or RegistrationKind.AddPooledDbContextFactory;
}

/// <summary>How a DbContext is registered or configured, named as the code spells it (the report prints these names).</summary>
internal enum RegistrationKind
{
    AddDbContext,
    AddDbContextPool,
    AddPooledDbContextFactory,
    AddDbContextFactory,
    OnConfiguring,

    /// <summary>A <c>new DbContextOptionsBuilder&lt;T&gt;()</c>, as in a design-time factory.</summary>
    DbContextOptionsBuilder,
}

/// <summary>
/// Where a connection string comes from: <c>configuration</c> (a name under <c>ConnectionStrings</c>), <c>literal</c>
/// (a constant in code, its settings parsed), <c>environment</c> (a variable's name), or <c>computed</c>.
/// </summary>
internal sealed record ConnectionSource(string Kind, string? Name, ConnectionSettings? Settings, SourceSpot Spot);

/// <summary>An <c>NpgsqlDataSource</c> the code builds (<c>NpgsqlDataSource.Create</c>, <c>new NpgsqlDataSourceBuilder</c>, <c>AddNpgsqlDataSource</c>).</summary>
internal sealed record DataSourceDefinition(string Kind, SourceSpot Spot, IReadOnlyList<ConnectionSource> Sources);

/// <summary>A connection string of an <c>appsettings*.json</c> file: its file, key path and line, and its settings (never its password).</summary>
internal sealed record ConnectionStringEntry(string File, string Name, int Line, ConnectionSettings Settings);

/// <summary>A pool setting assigned on an <c>NpgsqlConnectionStringBuilder</c> in code (<c>MaxPoolSize = 20</c>).</summary>
internal sealed record BuilderSetting(string Setting, string Value, SourceSpot Spot);
