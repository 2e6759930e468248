using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Rules;

/// <summary>Descriptors of the tenant-isolation rules reported at query execution points.</summary>
internal static class TenantQueryDescriptors
{
    // {0} entity name, {1} tenant key property name.
    public static readonly DiagnosticDescriptor UnscopedTenantQuery = RuleDescriptors.Create(
        RuleIdentifiers.UnscopedTenantQuery,
        title: "Query on a tenant entity is not scoped to a tenant",
        messageFormat: "Query on '{0}' runs without a {1} predicate; it reads every team's rows",
        DiagnosticSeverity.Warning,
        description: "A query over a tenant entity that neither filters on the tenant key nor is covered by a tenant query filter returns rows of every tenant. Lookups by primary key alone are insecure direct object references.");

    public static readonly DiagnosticDescriptor CrossTenantAggregate = RuleDescriptors.Create(
        RuleIdentifiers.CrossTenantAggregate,
        title: "Aggregate or existence check spans all tenants",
        messageFormat: "'{2}' on '{0}' runs without a {1} predicate; it counts or checks every team's rows",
        DiagnosticSeverity.Warning,
        description: "Aggregates, existence checks and groupings over a tenant entity without a tenant predicate compute cross-tenant statistics and leak whether other tenants' rows exist.");

    public static readonly DiagnosticDescriptor UnscopedBulkOperation = RuleDescriptors.Create(
        RuleIdentifiers.UnscopedBulkOperation,
        title: "Bulk update or delete is not scoped to a tenant",
        messageFormat: "'{2}' on '{0}' runs without a {1} predicate; it changes every team's rows",
        DiagnosticSeverity.Error,
        description: "ExecuteUpdate and ExecuteDelete run one SQL statement over every matching row. Without a tenant predicate or a tenant query filter they modify or delete other tenants' data.");

    // {0} table as written, {1} tenant column, {2} what the statement does (reads, updates, deletes from, truncates).
    public static readonly DiagnosticDescriptor UnscopedRawSql = RuleDescriptors.Create(
        RuleIdentifiers.UnscopedRawSql,
        title: "Raw SQL reads or writes a tenant table without a team_id predicate",
        messageFormat: "Raw SQL {2} tenant table '{0}' without a {1} predicate; it reaches every team's rows",
        DiagnosticSeverity.Warning,
        description: "Global query filters and LINQ predicates do not apply to hand-written SQL run with Database.ExecuteSql or SqlQuery, and FromSql on an entity without a tenant query filter. A statement that reads or changes a tenant table must constrain its tenant column in a WHERE or ON clause.");

    public static readonly DiagnosticDescriptor IgnoredTenantFilter = RuleDescriptors.Create(
        RuleIdentifiers.IgnoredTenantFilter,
        title: "Query switches off the tenant filter without scoping itself",
        messageFormat: "Query on '{0}' switches off the tenant query filter without a {1} predicate of its own; it reads every team's rows",
        DiagnosticSeverity.Warning,
        description: "IgnoreQueryFilters removes the global query filter that keeps a query inside the current tenant. A query that does so must add its own tenant predicate.");
}
