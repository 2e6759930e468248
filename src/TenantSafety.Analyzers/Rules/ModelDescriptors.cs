using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Rules;

/// <summary>Descriptors of the rules about the EF Core model: tenant filters, tenant-key and composite indexes.</summary>
internal static class ModelDescriptors
{
    // {0} entity, {1} tenant key.
    public static readonly DiagnosticDescriptor MissingTenantFilter = RuleDescriptors.Create(
        RuleIdentifiers.MissingTenantFilter,
        title: "Tenant entity has no tenant query filter",
        messageFormat: "Tenant entity '{0}' has no query filter on {1}; every query on it must scope itself",
        DiagnosticSeverity.Info,
        description: "A global query filter on the tenant key (HasQueryFilter(e => e.TeamId == …)) is the EF Core counterpart of row-level security: queries, Find and bulk operations are scoped even when a predicate is forgotten. Off by default; enable it with dotnet_diagnostic.TSA1007.severity.",
        isEnabledByDefault: false);

    // {0} entity, {1} tenant key, {2} table.
    public static readonly DiagnosticDescriptor MissingTenantKeyIndex = RuleDescriptors.Create(
        RuleIdentifiers.MissingTenantKeyIndex,
        title: "Tenant entity has no index led by the tenant key",
        messageFormat: "Tenant entity '{0}' has no index led by {1}; every tenant-scoped query on '{2}' scans all teams' rows",
        DiagnosticSeverity.Warning,
        description: "Every tenant-scoped query filters on the tenant key. Without an index whose first column is the tenant key, PostgreSQL reads the whole table, and the cost grows with every other tenant's data.");

    // {0} entity, {1} index columns, {2} table.
    public static readonly DiagnosticDescriptor MissingCompositeIndex = RuleDescriptors.Create(
        RuleIdentifiers.MissingCompositeIndex,
        title: "Query on a hot entity has no composite index for its filter",
        messageFormat: "Query on hot entity '{0}' filters and orders by ({1}) but no index on '{2}' starts with those columns",
        DiagnosticSeverity.Warning,
        description: "Queries on busy tables (tenant_safety.hot_entities) need an index whose leading columns are the tenant key, then the columns they compare by equality, then the columns they order by, so PostgreSQL reads only the rows it returns, already in order.");

    // {0} entity, {1} property, {2} referenced entity.
    public static readonly DiagnosticDescriptor UnindexedReference = RuleDescriptors.Create(
        RuleIdentifiers.UnindexedReference,
        title: "Reference-like column is neither a foreign key nor indexed",
        messageFormat: "'{0}.{1}' refers to '{2}' but is neither a foreign key nor the leading column of an index",
        DiagnosticSeverity.Info,
        description: "A column that holds another entity's key is joined and filtered on. Without a relationship EF Core creates no foreign key and no index for it: lookups scan the table and nothing keeps the reference valid.");

    // {0} redundant index columns, {1} entity, {2} covering index columns.
    public static readonly DiagnosticDescriptor RedundantIndex = RuleDescriptors.Create(
        RuleIdentifiers.RedundantIndex,
        title: "Index is redundant: another index starts with the same columns",
        messageFormat: "Index ({0}) on '{1}' is redundant: index ({2}) starts with the same columns",
        DiagnosticSeverity.Info,
        description: "A btree index serves every query on a leading prefix of its columns. An index whose columns are a prefix of another index's costs writes and space and serves no query the longer one does not.");
}
