using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

internal enum ExecutionKind
{
    None,

    /// <summary>Reads rows: ToList, First, Find, AsEnumerable, Load …</summary>
    Read,

    /// <summary>Aggregates or existence checks: Count, Sum, Any, All …</summary>
    Aggregate,

    /// <summary>ExecuteUpdate and ExecuteDelete.</summary>
    Bulk,
}

/// <summary>Where a query runs: the operators that send it to the database, and the query each one runs.</summary>
internal static class ExecutionPoints
{
    private static readonly ImmutableHashSet<string> ReadOperators = ImmutableHashSet.Create(
        "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup",
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault",
        "AsEnumerable", "AsAsyncEnumerable", "Load",
        "ToListAsync", "ToArrayAsync", "ToDictionaryAsync", "ToHashSetAsync", "ToLookupAsync",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync",
        "ElementAtAsync", "ElementAtOrDefaultAsync", "LoadAsync", "ForEachAsync");

    private static readonly ImmutableHashSet<string> AggregateOperators = ImmutableHashSet.Create(
        "Count", "LongCount", "Sum", "Average", "Min", "Max", "MinBy", "MaxBy", "Any", "All", "Contains", "Aggregate",
        "CountAsync", "LongCountAsync", "SumAsync", "AverageAsync", "MinAsync", "MaxAsync", "AnyAsync", "AllAsync", "ContainsAsync");

    private static readonly ImmutableHashSet<string> BulkOperators = ImmutableHashSet.Create(
        "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync");

    /// <summary>Operators whose predicate argument filters the rows the query reads.</summary>
    private static readonly ImmutableHashSet<string> PredicateOperators = ImmutableHashSet.Create(
        "Where", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Any", "Count", "LongCount",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync",
        "AnyAsync", "CountAsync", "LongCountAsync");

    public static ExecutionKind Classify(IMethodSymbol method, EfSymbols symbols)
    {
        var type = method.ContainingType;
        if (symbols.IsQueryOperatorClass(type) || symbols.IsEnumerable(type))
        {
            return Classify(method.Name);
        }

        // DbSet<T>.Find / FindAsync (a primary-key lookup) and DbSet<T>.AsAsyncEnumerable(), instance methods of DbSet.
        if (method.Name is "Find" or "FindAsync" or "AsAsyncEnumerable" && !method.IsStatic && symbols.IsDbSet(type, out _))
        {
            return ExecutionKind.Read;
        }

        // DbContext.Find<T>(keys) and Find(typeof(T), keys): the same lookup.
        if (method.Name is "Find" or "FindAsync" && !method.IsStatic && symbols.IsDbContext(type))
        {
            return ExecutionKind.Read;
        }

        return ExecutionKind.None;
    }

    public static ExecutionKind Classify(string name)
    {
        if (ReadOperators.Contains(name))
        {
            return ExecutionKind.Read;
        }

        if (AggregateOperators.Contains(name))
        {
            return ExecutionKind.Aggregate;
        }

        return BulkOperators.Contains(name) ? ExecutionKind.Bulk : ExecutionKind.None;
    }

    public static bool IsPredicateOperator(string name) => PredicateOperators.Contains(name);

    /// <summary>The query an operator applies to: the <c>this</c> argument of an extension method, else the receiver.</summary>
    public static IOperation? Source(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.IsStatic)
        {
            return invocation.ArgumentAt(0)?.Value;
        }

        return invocation.Instance;
    }
}
