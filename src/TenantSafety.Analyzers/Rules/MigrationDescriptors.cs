using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Rules;

/// <summary>Descriptors of the PostgreSQL migration rules.</summary>
internal static class MigrationDescriptors
{
    // {0} the table.
    public static readonly DiagnosticDescriptor IndexWithoutConcurrently = RuleDescriptors.Create(
        RuleIdentifiers.IndexWithoutConcurrently,
        title: "Index on an existing table is built without CONCURRENTLY (PostgreSQL)",
        messageFormat: "Index on existing table '{0}' is built without CONCURRENTLY; writes to the table wait until the index is built",
        DiagnosticSeverity.Warning,
        description: "CREATE INDEX without CONCURRENTLY takes a lock that blocks every INSERT, UPDATE and DELETE on the table for as long as the index takes to build, minutes on a large table. Build indexes on tables that already hold data with CONCURRENTLY, outside the migration transaction.");

    // {0} the statement (CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY …).
    public static readonly DiagnosticDescriptor ConcurrentlyInsideTransaction = RuleDescriptors.Create(
        RuleIdentifiers.ConcurrentlyInsideTransaction,
        title: "CREATE INDEX CONCURRENTLY runs inside the migration transaction",
        messageFormat: "{0} cannot run inside a transaction block; pass suppressTransaction: true or the migration fails at deploy time",
        DiagnosticSeverity.Error,
        description: "EF Core runs each migration in a transaction unless an operation suppresses it. PostgreSQL refuses CREATE INDEX CONCURRENTLY (and DROP INDEX, REINDEX and DETACH PARTITION with CONCURRENTLY) inside a transaction block, so the migration fails when it is applied.");
}
