using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Reads the SQL text of a raw SQL call (what the compiler can see of it) and finds the first tenant table a statement
/// touches without constraining its tenant column. Text built at run time is not guessed at.
/// </summary>
internal static class RawSqlCall
{
    private static readonly ImmutableHashSet<string> DatabaseMethods = ImmutableHashSet.Create(
        "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync",
        "SqlQuery", "SqlQueryRaw");

    /// <summary><c>Database.ExecuteSql*</c> and <c>Database.SqlQuery*</c>: they run the SQL as written, with no query filter.</summary>
    public static bool IsDatabaseSqlCall(IMethodSymbol method, EfSymbols symbols) =>
        DatabaseMethods.Contains(method.Name)
        && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.RelationalDatabaseFacadeExtensions);

    /// <summary>
    /// The first tenant table <paramref name="call"/>'s SQL reaches unscoped, and where its SQL is written; null when the
    /// text is scoped or cannot be read. The catalog is asked for only when there is text to judge: it needs the model.
    /// </summary>
    public static (UnscopedTableUse Use, Location SqlLocation)? FindUnscoped(IInvocationOperation call, Func<TenantTableCatalog> tenantTables)
    {
        if (call.ArgumentValue("sql") is not { } sql || ConstantSqlText.Read(sql, holesAreParameters: false) is not { } text)
        {
            return null;
        }

        var catalog = tenantTables();
        var unscoped = SqlTenantScopeReader.FindUnscoped(text, catalog.Find);
        if (unscoped.IsEmpty)
        {
            return null;
        }

        var syntax = sql.IsImplicit && sql is IConversionOperation conversion ? conversion.Operand.Syntax : sql.Syntax;
        return (unscoped[0], syntax.GetLocation());
    }
}
