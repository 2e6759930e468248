using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Sql;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA1004: reads the SQL text of a raw SQL call (what the compiler can see of it) and reports the first tenant
/// table a statement touches without constraining its tenant column. Text built at run time is not guessed at.
/// </summary>
internal static class RawSqlTenantCheck
{
    private static readonly ImmutableHashSet<string> DatabaseMethods = ImmutableHashSet.Create(
        "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync",
        "SqlQuery", "SqlQueryRaw");

    /// <summary><c>Database.ExecuteSql*</c> and <c>Database.SqlQuery*</c>: they run the SQL as written, with no query filter.</summary>
    public static bool IsDatabaseSqlCall(IMethodSymbol method, EfCoreSymbols symbols) =>
        DatabaseMethods.Contains(method.Name)
        && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.RelationalDatabaseFacadeExtensions);

    /// <summary>The diagnostic for <paramref name="call"/>'s SQL, or null when the text is scoped or cannot be read.</summary>
    public static Diagnostic? Check(IInvocationOperation call, TenantCompilationState state, TenantSafetyOptions options)
    {
        var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "sql");
        if (argument is null)
        {
            return null;
        }

        var text = ConstantSqlText.Read(argument.Value, holesAreParameters: false);
        if (text is null)
        {
            return null;
        }

        var catalog = state.TenantTables(options);
        if (catalog.IsEmpty)
        {
            return null;
        }

        var unscoped = SqlTenantScopeReader.FindUnscoped(text, catalog.Find);
        if (unscoped.IsEmpty)
        {
            return null;
        }

        var first = unscoped[0];
        var verb = first.Access switch
        {
            SqlTableAccess.Update => "updates",
            SqlTableAccess.Delete => "deletes from",
            SqlTableAccess.Truncate => "truncates",
            _ => "reads",
        };

        var syntax = argument.Value.IsImplicit && argument.Value is IConversionOperation conversion ? conversion.Operand.Syntax : argument.Value.Syntax;
        return Diagnostic.Create(TenantQueryDescriptors.UnscopedRawSql, syntax.GetLocation(), first.WrittenName, first.Table.ColumnName, verb);
    }
}
