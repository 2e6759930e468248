using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers;

/// <summary>
/// Every rule's descriptor, in ID order: the text users read (title, message, description) in one place, which the
/// README's rule table and the docs/rules pages are checked against. Analyzers hand theirs to
/// <see cref="Analysis.TenantSafetyAnalyzer"/>. Built only here, so every rule gets the same help link: to
/// <c>docs/rules/{id}.md</c> at <see cref="HelpLinkBase"/>, or none while that is empty.
/// </summary>
internal static class RuleDescriptors
{
    /// <summary>
    /// The public address of the rule pages, ending in <c>docs/rules/</c>; empty while the project has none. A help
    /// link nobody can open is worse than none (with none, an IDE offers a web search for the ID), so until then the
    /// descriptors carry no link and the pages ship inside the package, in <c>docs/rules/{id}.md</c>.
    /// </summary>
    public const string HelpLinkBase = "";

    // {0} DbContext, interface or store, {1} why none is known (NoTenantEntityAnalyzer.NoneFound with what was looked for,
    // or NoTenantEntityAnalyzer.KeyNotTaken: the key its entities carry and why it is not taken), {2} what to do.
    public static readonly DiagnosticDescriptor NoTenantEntity = Create(
        RuleIdentifiers.NoTenantEntity,
        title: "No tenant entity found in the DbContext",
        messageFormat: "No tenant entity known in '{0}': {1}; {2}",
        DiagnosticSeverity.Warning,
        description: "The tenant rules judge tenant entities only. When none of a DbContext's entities carries the tenant key — configured with tenant_safety.tenant_property, or inferred from query filters, Finbuckle, ABP or the conventional names — every query on it passes without a finding. Configure the key (or tenant_safety.tenant_types), or suppress the rule for a context that holds no tenant data.");

    // {0} entity name, {1} tenant key property name, {2} operator, {3} the owner named by the key ("team" for TeamId),
    // {4} for an entity only another project's DbContext maps, or whose context derives from a base context of another
    // project, why no filter was seen (UnreadFilters, UnreadBaseFilters); for an entity whose filter an || side opens,
    // why it does not scope (OpenedFilter); else empty. {5} what it reads (ReadsEveryRow, or FindsAnyRowByKey for a lookup by
    // primary key alone).
    public static readonly DiagnosticDescriptor UnscopedTenantQuery = Create(
        RuleIdentifiers.UnscopedTenantQuery,
        title: "Query on a tenant entity is not scoped to a tenant",
        messageFormat: "Query on '{0}' has no condition on {1} that keeps it to one {3}; {5}{4}",
        DiagnosticSeverity.Warning,
        description: "A query over a tenant entity that neither filters on the tenant key nor is covered by a tenant query filter returns rows of every tenant. Lookups by primary key alone are insecure direct object references.");

    /// <summary>What a TSA1001 query reads: every tenant's rows (<paramref name="owner"/>: "team" for TeamId).</summary>
    public static string ReadsEveryRow(string owner) => $"it reads every {owner}'s rows";

    /// <summary>
    /// What a TSA1001 query that looks a row up by its primary key alone reads (<c>FindAsync(id)</c>): the row of whichever
    /// tenant the key names, an insecure direct object reference; "every team's rows" would misdescribe it.
    /// </summary>
    public static string FindsAnyRowByKey(string? primaryKey, string owner) =>
        $"it finds the row with the {primaryKey ?? "key"} it is given, whichever {owner}'s it is";

    /// <summary>
    /// The end of a TSA1001–TSA1003 message for an entity no DbContext of the project maps and one of another project's does:
    /// that context's filters are compiled code the analyzer cannot read, so the finding may be one it cannot see is scoped.
    /// It names no setting: repeated on every finding it would read as the way to silence them, and naming a type that
    /// context does not filter hides real leaks. The rule's documentation says how to declare a filter it cannot read.
    /// </summary>
    public static string UnreadFilters(string entity, string holder) =>
        $", unless '{holder}' of another project filters '{entity}', which cannot be read here";

    /// <summary>
    /// The end of a TSA1001–TSA1003 message, and TSA1007's, for an entity whose query filter compares the key with the current
    /// tenant beside an <c>||</c> that lets other rows through (<c>r =&gt; r.TenantId == t.Id || r.IsSystem</c>): the filter is
    /// there, and does not scope.
    /// </summary>
    public static string OpenedFilter(string key, string ownersPossessive) =>
        $"; its query filter's condition on {key} is joined by || to one that lets other {ownersPossessive} rows through";

    /// <summary>
    /// The end of a TSA1001–TSA1003 message for a child entity (keyed through its parent, <c>Team.OrganizationId</c>) whose
    /// query filter does not compare that key (<c>et =&gt; et.Employee.Memberships.Any(m =&gt; m.OrganizationId == …)</c>, a
    /// soft-delete filter): the filter is there, so without this a reader takes the finding for a mistake, yet it lets the
    /// rows of other tenants' parents through.
    /// </summary>
    public static string FilterNotThroughParent(string keyThroughParent, string owner) =>
        $"; its query filter does not compare {keyThroughParent}, which is what keeps its rows to one {owner}";

    /// <summary>
    /// The end of a TSA1001–TSA1003 message for an entity whose DbContext derives from a base context of another project
    /// that configures the model in its own <c>OnModelCreating</c>: filters it sets are compiled code the analyzer cannot read.
    /// </summary>
    public static string UnreadBaseFilters(string entity, string baseContext) =>
        $", unless base context '{baseContext}' of another project filters '{entity}' in its OnModelCreating, which cannot be read here";

    /// <summary>
    /// The end of a TSA1001–TSA1003 message for a query over a type parameter that other projects choose through an
    /// interface of another project (<c>CrudService&lt;TEntity&gt; : ICrudService&lt;TEntity&gt;</c>): which tenant entities without a filter they may choose.
    /// </summary>
    public static string ChosenByOtherProjects(string chosenThrough, IReadOnlyList<string> unfiltered)
    {
        var entities = unfiltered.Count switch
        {
            1 => $"'{unfiltered[0]}'",
            2 => $"'{unfiltered[0]}' or '{unfiltered[1]}'",
            3 => $"'{unfiltered[0]}', '{unfiltered[1]}' or 1 more tenant entity",
            _ => $"'{unfiltered[0]}', '{unfiltered[1]}' or {unfiltered.Count - 2} more tenant entities",
        };
        return $" when other projects call it through '{chosenThrough}' with {entities}";
    }

    public static readonly DiagnosticDescriptor CrossTenantAggregate = Create(
        RuleIdentifiers.CrossTenantAggregate,
        title: "Aggregate or existence check spans all tenants",
        messageFormat: "'{2}' on '{0}' has no condition on {1} that keeps it to one {3}; it counts or checks every {3}'s rows{4}",
        DiagnosticSeverity.Warning,
        description: "Aggregates, existence checks and groupings over a tenant entity without a tenant predicate compute cross-tenant statistics and leak whether other tenants' rows exist.");

    public static readonly DiagnosticDescriptor UnscopedBulkOperation = Create(
        RuleIdentifiers.UnscopedBulkOperation,
        title: "Bulk update or delete is not scoped to a tenant",
        messageFormat: "'{2}' on '{0}' has no condition on {1} that keeps it to one {3}; it changes every {3}'s rows{4}",
        DiagnosticSeverity.Error,
        description: "ExecuteUpdate and ExecuteDelete run one SQL statement over every matching row. Without a tenant predicate or a tenant query filter they modify or delete other tenants' data.");

    // {0} table as written, {1} tenant column, {2} what the statement does (reads, updates, deletes from, truncates), {3} the owner.
    public static readonly DiagnosticDescriptor UnscopedRawSql = Create(
        RuleIdentifiers.UnscopedRawSql,
        title: "Raw SQL reads or writes a tenant table without a tenant predicate",
        messageFormat: "Raw SQL {2} tenant table '{0}' with no condition on {1} that keeps it to one {3}; it reaches every {3}'s rows",
        DiagnosticSeverity.Warning,
        description: "Global query filters and LINQ predicates do not apply to hand-written SQL run with Database.ExecuteSql or SqlQuery, and FromSql on an entity without a tenant query filter. A statement that reads or changes a tenant table must constrain its tenant column in a WHERE or ON clause.");

    // {0}–{3} and {5} as TSA1001's ({4} is always empty: the filter is seen, and switched off).
    public static readonly DiagnosticDescriptor IgnoredTenantFilter = Create(
        RuleIdentifiers.IgnoredTenantFilter,
        title: "Query switches off the tenant filter without scoping itself",
        messageFormat: "Query on '{0}' switches off the tenant query filter with no condition on {1} of its own that keeps it to one {3}; {5}",
        DiagnosticSeverity.Warning,
        description: "IgnoreQueryFilters removes the global query filter that keeps a query inside the current tenant. A query that does so must add its own tenant predicate.");

    // {0} entity name, {1} tenant key property name, {2} the owner named by the key.
    public static readonly DiagnosticDescriptor BulkUpdateChangesTenantKey = Create(
        RuleIdentifiers.BulkUpdateChangesTenantKey,
        title: "Bulk update changes the tenant key",
        messageFormat: "Bulk update sets '{0}.{1}'; it moves rows to another {2}",
        DiagnosticSeverity.Warning,
        description: "ExecuteUpdate with SetProperty on the tenant key moves rows between tenants in one statement, bypassing every check the application performs on ownership changes.");

    // {0} entity, {1} what the filter does with the value ("compares TeamId with", "is switched off by"), {2} the value's
    // text, {3} what it reads that EF Core keeps ("a parameter of 'ApplyFilters'").
    public static readonly DiagnosticDescriptor FixedTenantFilterValue = Create(
        RuleIdentifiers.FixedTenantFilterValue,
        title: "Tenant filter keeps the tenant of the first DbContext",
        messageFormat: "The tenant filter on '{0}' {1} '{2}', which reads {3}: EF Core evaluates it once for its cached model, so every later DbContext gets the first one's value; read it through the DbContext",
        DiagnosticSeverity.Warning,
        description: "EF Core builds a DbContext type's model once and keeps it. A query filter re-reads per query only what it reaches through the DbContext running the query (a field or property of the context, or the context handed to a helper); a captured local or parameter, a member of a configuration class or a static member is evaluated once and inlined, so every later request is filtered by the first request's tenant, or by none.");

    // {0} the entities ('Activity', 'Schedule' and 'Carpool'), {1} the condition as written, {2} what it shares with the filters.
    public static readonly DiagnosticDescriptor ConditionalTenantFilter = Create(
        RuleIdentifiers.ConditionalTenantFilter,
        title: "Tenant filter is set only for some DbContexts",
        messageFormat: "The tenant filter on {0} is set only when '{1}' allows it, which reads {2}: EF Core evaluates it once, for the first DbContext that builds the cached model, so every later DbContext keeps that one's filters, or none; set the filter unconditionally, and let it read per query whether there is a tenant",
        DiagnosticSeverity.Warning,
        description: "EF Core runs OnModelCreating (and the configuration it applies) once per DbContext type and keeps the model. A tenant filter set under a condition on the current tenant (if (_tenant != null), if (TenantId.HasValue), or a guard that returns before it) is in the model for every context or for none, depending on the first context built: one created without a tenant (a startup migration or seeding scope, a background job, a test) leaves every later request unfiltered. Set the filter unconditionally; it reads the current tenant per query through the DbContext.");

    // {0} entity, {1} tenant key, {2} where a tenant filter in sight is set and replaced, or why the entity's filter on the
    // key does not scope (OpenedFilter), or empty.
    public static readonly DiagnosticDescriptor MissingTenantFilter = Create(
        RuleIdentifiers.MissingTenantFilter,
        title: "Tenant entity has no tenant query filter",
        messageFormat: "Tenant entity '{0}' has no query filter on {1}{2}; every query on it must scope itself",
        DiagnosticSeverity.Info,
        description: "A global query filter on the tenant key (HasQueryFilter(e => e.TeamId == …)) is the EF Core counterpart of row-level security: queries, Find and bulk operations are scoped even when a predicate is forgotten. Off by default; enable it with dotnet_diagnostic.TSA1007.severity.",
        isEnabledByDefault: false);

    // {0} entity, {1} tenant key, {2} table, {3} the owners named by the key ("teams'" for TeamId), {4} for an entity a
    // method of another project configures, what is known of the index it may add (MissingTenantKeyIndexAnalyzer), else empty.
    public static readonly DiagnosticDescriptor MissingTenantKeyIndex = Create(
        RuleIdentifiers.MissingTenantKeyIndex,
        title: "Tenant entity has no index led by the tenant key",
        messageFormat: "Tenant entity '{0}' has no index led by {1}; every tenant-scoped query on '{2}' scans all {3} rows{4}",
        DiagnosticSeverity.Warning,
        description: "Every tenant-scoped query filters on the tenant key. Without an index whose first column is the tenant key, PostgreSQL reads the whole table, and the cost grows with every other tenant's data.");

    // {0} entity, {1} index columns, {2} table.
    public static readonly DiagnosticDescriptor MissingCompositeIndex = Create(
        RuleIdentifiers.MissingCompositeIndex,
        title: "Query on a hot entity has no composite index for its filter",
        messageFormat: "Query on hot entity '{0}' filters and orders by ({1}) but no index on '{2}' starts with those columns",
        DiagnosticSeverity.Warning,
        description: "Queries on busy tables (tenant_safety.hot_entities) need an index whose leading columns are the tenant key, then the columns they compare by equality, then the columns they order by, so PostgreSQL reads only the rows it returns, already in order.");

    // {0} entity, {1} property, {2} referenced entity.
    public static readonly DiagnosticDescriptor UnindexedReference = Create(
        RuleIdentifiers.UnindexedReference,
        title: "Reference-like column is neither a foreign key nor indexed",
        messageFormat: "'{0}.{1}' refers to '{2}' but is neither a foreign key nor the leading column of an index",
        DiagnosticSeverity.Info,
        description: "A column that holds another entity's key is joined and filtered on. Without a relationship EF Core creates no foreign key and no index for it: lookups scan the table and nothing keeps the reference valid.");

    // {0} redundant index columns, {1} entity, {2} the covering index or key with its columns ("index (TeamId, Status)", "the primary key (Id)").
    public static readonly DiagnosticDescriptor RedundantIndex = Create(
        RuleIdentifiers.RedundantIndex,
        title: "Index is redundant: another index starts with the same columns",
        messageFormat: "Index ({0}) on '{1}' is redundant: {2} starts with the same columns",
        DiagnosticSeverity.Info,
        description: "A btree index serves every query on a leading prefix of its columns. An index whose columns are a prefix of another index's costs writes and space and serves no query the longer one does not.");

    // {0} the table.
    public static readonly DiagnosticDescriptor IndexWithoutConcurrently = Create(
        RuleIdentifiers.IndexWithoutConcurrently,
        title: "Index on an existing table is built without CONCURRENTLY (PostgreSQL)",
        messageFormat: "Index on existing table '{0}' is built without CONCURRENTLY; writes to the table wait until the index is built",
        DiagnosticSeverity.Warning,
        description: "CREATE INDEX without CONCURRENTLY takes a lock that blocks every INSERT, UPDATE and DELETE on the table for as long as the index takes to build, minutes on a large table. Build indexes on tables that already hold data with CONCURRENTLY, outside the migration transaction.");

    // {0} the statement (CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY …).
    public static readonly DiagnosticDescriptor ConcurrentlyInsideTransaction = Create(
        RuleIdentifiers.ConcurrentlyInsideTransaction,
        title: "CREATE INDEX CONCURRENTLY runs inside the migration transaction",
        messageFormat: "{0} cannot run inside a transaction block; pass suppressTransaction: true or the migration fails at deploy time",
        DiagnosticSeverity.Error,
        description: "EF Core runs each migration in a transaction unless an operation suppresses it. PostgreSQL refuses CREATE INDEX CONCURRENTLY (and DROP INDEX, REINDEX and DETACH PARTITION with CONCURRENTLY) inside a transaction block, so the migration fails when it is applied.");

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true)
    {
#pragma warning disable RS0030 // The one place descriptors are built (BannedSymbols.txt): the help link is never forgotten.
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            RuleCategories.TenantSafety,
            defaultSeverity,
            isEnabledByDefault,
            description,
            helpLinkUri: GetHelpLink(id));
#pragma warning restore RS0030
    }

    public static string GetHelpLink(string id) => HelpLinkBase.Length == 0 ? "" : HelpLinkBase + id + ".md";
}
