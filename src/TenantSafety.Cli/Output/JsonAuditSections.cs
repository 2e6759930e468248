using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Output;

/// <summary>The JSON shapes of the sections with nested facts: connection pooling and scale projections.</summary>
internal static class JsonAuditSections
{
    public static object Pooling(ConnectionPooling pooling) => new
    {
        contexts = pooling.Facts.Contexts.Select(c => new { name = c.Name, constructorServices = c.ConstructorServices, file = c.Declaration?.File, line = c.Declaration?.Line }),
        registrations = pooling.Facts.Registrations.Select(r => new
        {
            context = r.Context,
            kind = r.Kind.ToString(),
            designTime = r.DesignTime,
            pooled = r.IsPooled,
            poolSize = r.PoolSize,
            provider = r.Provider,
            connectionSources = r.Sources.Select(Source),
            retryOnFailure = r.RetryOnFailure,
            file = r.Spot.File,
            line = r.Spot.Line,
        }),
        dataSources = pooling.Facts.DataSources.Select(d => new { kind = d.Kind, connectionSources = d.Sources.Select(Source), file = d.Spot.File, line = d.Spot.Line }),
        connectionStrings = pooling.Facts.ConnectionStrings.Select(c => new { name = c.Name, file = c.File, line = c.Line, settings = Settings(c.Settings) }),
        builderSettings = pooling.Facts.BuilderSettings.Select(b => new { setting = b.Setting, value = b.Value, file = b.Spot.File, line = b.Spot.Line }),
        recommendations = pooling.Recommendations.Select(r => new { level = r.Level.ToString().ToLowerInvariant(), text = r.Text, file = r.File, line = r.Line }),
        recommendedRegistration = pooling.RecommendedRegistration,
        recommendedSettings = pooling.RecommendedSettings,
    };

    public static object Scale(ScaleProjection scale) => new
    {
        assumptions = new
        {
            tenants = scale.Assumptions.Tenants,
            rowsPerTenant = scale.Assumptions.RowsPerTenant,
            rowsPerTenantByTable = scale.Assumptions.RowsPerTenantByTable,
            averageTextBytes = ColumnStorage.AverageTextBytes,
            leafFillFactor = IndexSizeEstimator.LeafFillFactor,
            usableLeafBytes = IndexSizeEstimator.UsableLeafBytes,
        },
        tables = scale.Tables,
        indexes = scale.Indexes,
    };

    private static object Source(ConnectionSource source) => new
    {
        kind = source.Kind,
        name = source.Name,
        settings = source.Settings is null ? null : Settings(source.Settings),
        file = source.Spot.File,
        line = source.Spot.Line,
    };

    /// <summary>The pool settings and target; the password only as <c>hasPassword</c>.</summary>
    private static object Settings(ConnectionSettings settings) => new
    {
        target = settings.Target,
        values = settings.Values,
        hasPassword = settings.HasPassword,
        pgBouncer = settings.NamesPgBouncer(),
    };
}
