using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Output;

/// <summary>The JSON shapes of the sections with nested facts: connection pooling, scale projections, the live database.</summary>
internal static class JsonAuditSections
{
    public static object Pooling(ConnectionPooling pooling) => new
    {
        contexts = pooling.Facts.Contexts.Select(c => new { name = c.Name, constructorServices = c.ConstructorServices, file = c.Declaration?.File, line = c.Declaration?.Line }),
        registrations = pooling.Facts.Registrations.Select(r => new
        {
            context = r.Context,
            kind = r.Kind,
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
        recommendations = pooling.Recommendations.Select(r => new { level = r.Level, text = r.Text, file = r.File, line = r.Line }),
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
        tables = scale.Tables.Select(t => new { table = t.Table, why = t.Why, rowsPerTenant = t.RowsPerTenant, projectedRows = t.ProjectedRows, currentRows = t.CurrentRows, currentBytes = t.CurrentBytes }),
        indexes = scale.Indexes.Select(i => new
        {
            table = i.Table,
            index = i.Index,
            columns = i.Columns,
            kind = i.Kind,
            projectedRows = i.ProjectedRows,
            leafEntryBytes = i.LeafTupleBytes,
            estimatedBytes = i.EstimatedBytes,
            deduplicatedBytes = i.DeduplicatedBytes,
            measuredBytes = i.MeasuredBytes,
        }),
    };

    public static object Database(LiveDatabase database) => new
    {
        target = database.Target,
        serverVersion = database.ServerVersion,
        deduplication = database.Deduplicates,
        defaultSchema = database.DefaultSchema,
        maxConnections = database.MaxConnections,
        connections = database.Connections,
        pgStatStatements = database.PgStatStatements,
        missingTables = database.MissingTables,
        missingInDatabase = database.MissingInDatabase.Select(Drift),
        notInModel = database.NotInModel.Select(Drift),
        tables = database.Tables.Select(t => new
        {
            schema = t.Schema,
            table = t.Table,
            tenantTable = t.TenantTable,
            rows = t.Rows,
            deadRows = t.DeadRows,
            tableBytes = t.TableBytes,
            indexesBytes = t.IndexesBytes,
            tenantKeyIndexed = t.TenantKeyIndexed,
            rowSecurity = t.RowSecurity,
            forceRowSecurity = t.ForceRowSecurity,
            policies = t.Policies.Select(p => new { name = p.Name, command = p.Command, permissive = p.Permissive, roles = p.Roles, @using = p.Using, withCheck = p.WithCheck }),
            indexes = t.Indexes.Select(i => new { name = i.Name, columns = i.Columns, descending = i.Descending, unique = i.Unique, primary = i.Primary, partial = i.Partial, bytes = i.Bytes, scans = i.Scans }),
            sequentialScans = t.SequentialScans,
            sequentialRowsRead = t.SequentialRowsRead,
            indexScans = t.IndexScans,
        }),
        hotTables = database.HotTables.Select(h => new
        {
            table = h.Table,
            sequentialScans = h.SequentialScans,
            sequentialRowsRead = h.SequentialRowsRead,
            rows = h.Rows,
            tenantKeyIndexed = h.TenantKeyIndexed,
            declaredHot = h.DeclaredHot,
        }),
        hotEntitiesLine = database.HotEntitiesLine,
        editorConfigFile = database.EditorConfigFile,
        statements = database.Statements.Select(s => new { query = s.Query, tables = s.Tables, calls = s.Calls, totalMilliseconds = s.TotalMilliseconds, meanMilliseconds = s.MeanMilliseconds, rows = s.Rows }),
        ratios = database.Ratios,
        notes = database.Notes,
    };

    private static object Drift(IndexDrift drift) => new { table = drift.Table, index = drift.Index, columns = drift.Columns, note = drift.Note };

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
