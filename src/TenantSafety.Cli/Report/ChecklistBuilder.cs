using System.Globalization;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Report;

/// <summary>
/// The seed audit's checklist, each item ticked from what the report found or left open with the reason. Items
/// outside the code and the catalog (dashboards, backups, failover drills, recurring reviews) stay open and say so.
/// </summary>
internal static class ChecklistBuilder
{
    public const string BeforeProduction = "Before Production";
    public const string Ongoing = "Ongoing";

    public static List<ChecklistItem> Build(Audit audit, string key)
    {
        var tenantTables = audit.TenantTables.ToList();
        var database = audit.Database;
        var items = new List<ChecklistItem>
        {
            TenantKeyIndexes(audit, key, tenantTables, database),
            CompositeIndexes(audit),
            TenantIsolation(tenantTables, database),
            Pooling(audit.ConnectionPooling),
            Statements(database),
            new(BeforeProduction, "Monitoring dashboards set up", false, "Not visible in code or the catalog: check that dashboards track the key metrics of Query Performance Monitoring."),
            new(BeforeProduction, "Backup strategy verified", false, "Not visible in code or the catalog: restore a backup to prove it."),
            new(BeforeProduction, "Failover tested", false, "Not visible in code or the catalog. " + Retries(audit.ConnectionPooling)),
        };

        var unused = database?.Tables.SelectMany(t => t.Indexes.Where(i => !i.Unique && !i.Primary && i.Scans == 0)).Count();
        items.Add(new(Ongoing, "Weekly index usage review", false, unused is null
            ? "A recurring review; with --database the report counts the indexes never scanned."
            : $"A recurring review; today {Plural.Of(unused.Value, "non-unique index", "non-unique indexes")} of the model's tables {Plural.Verb(unused.Value, "has", "have")} never been scanned (pg_stat_user_indexes)."));
        items.Add(new(Ongoing, "Monthly slow query analysis", false, database is { PgStatStatements: true }
            ? $"A recurring review; today {Plural.Of(database.Statements.Count, "statement")} on tenant tables without a tenant-key index {Plural.Verb(database.Statements.Count, "is", "are")} among the slowest (Live Database)."
            : "A recurring review; it needs pg_stat_statements (Query Performance Monitoring)."));
        items.Add(new(Ongoing, "Quarterly partitioning evaluation", false,
            $"A recurring review; today {Plural.Of(audit.PartitionCandidates.Count, "time-based candidate")} and {Plural.Of(audit.TenantPartitionCandidates.Count, "team-based candidate")} (Partitioning Recommendations)."));
        items.Add(new(Ongoing, "Vacuum/analyze schedules set", false, database?.Ratios.DeadTupleRatio is { } dead
            ? $"Autovacuum settings are not read; today dead tuples are {(dead * 100).ToString("0.##", CultureInfo.InvariantCulture)}% of rows (alert above 10%)."
            : "Autovacuum settings are not read; with --database the report measures the dead tuple ratio."));
        return items;
    }

    /// <summary>Why an item about tenant tables is left open when the model has none: nothing was checked, so nothing is ticked.</summary>
    internal const string NoTenantTable = "No tenant table was found (TSA0001 says what was looked for): nothing was checked.";

    private static ChecklistItem TenantKeyIndexes(Audit audit, string key, List<TableFacts> tenantTables, LiveDatabase? database)
    {
        if (tenantTables.Count == 0)
        {
            // No key was found: the item names none rather than the default column.
            return new(BeforeProduction, "All tenant-key columns have indexes", false, NoTenantTable);
        }

        var item = $"All {key} columns have indexes";
        if (audit.RequiredIndexes.Count > 0)
        {
            return new(BeforeProduction, item, false, $"{audit.RequiredIndexes.Count} of {Plural.Of(tenantTables.Count, "tenant table")} {Plural.Verb(audit.RequiredIndexes.Count, "has", "have")} no index led by {key} in the model (Required Indexes).");
        }

        if (database is not null)
        {
            var missing = database.Tables.Where(t => t.TenantTable && !t.TenantKeyIndexed).Select(t => t.Table).ToList();
            if (missing.Count > 0)
            {
                return new(BeforeProduction, item, false, $"The model indexes every tenant table, but the database lacks an index led by {key} on {string.Join(", ", missing)} (Live Database: drift).");
            }
        }
        else if (tenantTables.Where(t => t.TenantKeyIndexUnknown).Select(t => t.Table).ToList() is { Count: > 0 } unknown)
        {
            // Configured by another project's classes, which were not read: the database alone can tell.
            return new(BeforeProduction, item, false, $"Not known for {string.Join(", ", unknown)}: configured by classes of another project, not read; --database checks the live schema.");
        }

        return new(BeforeProduction, item, true, $"Every tenant table has an index led by {key}" + (database is null ? " in the model." : " in the model and in the database."));
    }

    private static ChecklistItem CompositeIndexes(Audit audit)
    {
        const string Item = "Hot tables have composite indexes";
        var hot = audit.Tables.Count(t => t.Hot);
        if (hot == 0)
        {
            return new(BeforeProduction, Item, false, "No hot tables are configured (tenant_safety.hot_entities), so no query was checked for its composite index.");
        }

        return audit.CompositeIndexes.Count > 0
            ? new(BeforeProduction, Item, false, $"{Plural.Of(audit.CompositeIndexes.Count, "composite index", "composite indexes")} for queries on hot tables {Plural.Verb(audit.CompositeIndexes.Count, "is", "are")} missing (Composite Index Recommendations).")
            : new(BeforeProduction, Item, true, $"Every query on the {Plural.Of(hot, "hot table")} has an index for its filter.");
    }

    private static ChecklistItem TenantIsolation(List<TableFacts> tenantTables, LiveDatabase? database)
    {
        const string Item = "RLS policies enabled";
        if (tenantTables.Count == 0)
        {
            return new(BeforeProduction, Item, false, NoTenantTable);
        }

        var unguarded = tenantTables.Where(t => !t.TenantFilter && !(database?.Tables.FirstOrDefault(l => l.Table == t.Table) is { RowSecurity: true, Policies.Count: > 0 })).ToList();
        if (unguarded.Count == 0)
        {
            return new(BeforeProduction, Item, true, database is null
                ? "Every tenant table has a tenant query filter."
                : "Every tenant table has a tenant query filter or row-level security with a policy.");
        }

        return new(BeforeProduction, Item, false, database is null
            ? $"{unguarded.Count} of {Plural.Of(tenantTables.Count, "tenant table")} {Plural.Verb(unguarded.Count, "has", "have")} no tenant query filter; whether the database enforces row-level security is known only with --database (Row-Level Security has the SQL)."
            : $"{unguarded.Count} of {Plural.Of(tenantTables.Count, "tenant table")} {Plural.Verb(unguarded.Count, "has", "have")} neither a tenant query filter nor row-level security with a policy in the database (Row-Level Security has the SQL).");
    }

    private static ChecklistItem Pooling(ConnectionPooling? pooling)
    {
        const string Item = "Connection pooling configured";
        if (pooling is null || pooling.Facts.Registrations.All(r => r.DesignTime))
        {
            return new(BeforeProduction, Item, false, "No DbContext registration was found in the loaded projects (Connection Pooling).");
        }

        var problems = pooling.Recommendations.Where(r => r.Level is PoolingLevel.Risk || (r.Level is PoolingLevel.Warning && r.Text.Contains("Maximum Pool Size", StringComparison.Ordinal))).ToList();
        return problems.Count == 0
            ? new(BeforeProduction, Item, true, "Every connection string the app uses pools connections with an explicit Maximum Pool Size.")
            : new(BeforeProduction, Item, false, $"{Plural.Of(problems.Count, "pool setting")} to fix (Connection Pooling): {problems[0].Text}");
    }

    private static ChecklistItem Statements(LiveDatabase? database)
    {
        const string Item = "pg_stat_statements enabled";
        return database switch
        {
            null => new(BeforeProduction, Item, false, "Known only with --database."),
            { PgStatStatements: true } => new(BeforeProduction, Item, true, $"Installed in {database.Target}."),
            _ => new(BeforeProduction, Item, false, $"Not installed in {database.Target} (Query Performance Monitoring has the SQL)."),
        };
    }

    private static string Retries(ConnectionPooling? pooling)
    {
        var runtime = pooling?.Facts.Registrations.Where(r => !r.DesignTime && r.Provider is not null).ToList() ?? [];
        return runtime.Count == 0 ? "No UseNpgsql registration was found."
            : runtime.All(r => r.RetryOnFailure) ? "The app retries transient failures (EnableRetryOnFailure)."
            : "The app does not retry transient failures (no EnableRetryOnFailure): a failover fails the requests in flight.";
    }
}
