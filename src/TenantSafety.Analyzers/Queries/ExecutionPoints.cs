using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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

    /// <summary>The names <see cref="Classify(string)"/> knows, by length: a search of a file's text asks about every identifier in it.</summary>
    private static readonly string[][] s_namesByLength = NamesByLength();

    /// <summary>
    /// Whether <c>text[start..start+length]</c> is a name an execution point may have: one <see cref="Classify(string)"/>
    /// does not answer <see cref="ExecutionKind.None"/> for, or a read of Ardalis.Specification's repositories
    /// (<c>ListAsync</c>, <c>GetByIdAsync</c> …). No string is made to ask.
    /// </summary>
    public static bool IsExecutionPointName(string text, int start, int length)
    {
        if (length >= s_namesByLength.Length)
        {
            return false;
        }

        foreach (var name in s_namesByLength[length])
        {
            if (name[0] == text[start] && string.CompareOrdinal(text, start, name, 0, length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string[][] NamesByLength()
    {
        var names = ReadOperators.Union(AggregateOperators).Union(BulkOperators).Union(SpecificationExecutions.MethodNames);
        var byLength = new List<string>[names.Max(name => name.Length) + 1];
        foreach (var name in names)
        {
            (byLength[name.Length] ??= new List<string>()).Add(name);
        }

        return byLength.Select(sameLength => sameLength?.ToArray() ?? Array.Empty<string>()).ToArray();
    }

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

        return SpecificationExecutions.Classify(method, symbols.Specifications);
    }

    /// <summary>Whether <paramref name="name"/> is a name an execution point may have (<see cref="IsExecutionPointName(string, int, int)"/>).</summary>
    public static bool IsExecutionPointName(string name) => IsExecutionPointName(name, 0, name.Length);

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

    /// <summary>
    /// An operator inside a lambda that EF Core translates (<c>Where(l => db.Notes.Any(…))</c>, a <c>First()</c> in a
    /// projection) runs as part of the enclosing query, which judges it as one of its sources.
    /// </summary>
    public static bool IsPartOfEnclosingQuery(IOperation operation, EfSymbols symbols)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation { Parent: { } conversion }
                && conversion is IDelegateCreationOperation or IConversionOperation
                && symbols.IsExpressionOfDelegate(conversion.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The queries a method outside the compilation enumerates because it takes them as a plain sequence:
    /// <c>db.RemoveRange(query)</c>, <c>list.AddRange(query)</c>, <c>new List&lt;T&gt;(query)</c>. <c>RemoveRange</c> and
    /// <c>UpdateRange</c> write every row they get (a bulk write); the others read them.
    /// </summary>
    public static IEnumerable<(IArgumentOperation Argument, ExecutionKind Kind)> ConsumedQueries(IOperation call, EfSymbols symbols)
    {
        if (ConsumerOf(call, symbols) is not var (method, arguments))
        {
            yield break;
        }

        foreach (var argument in arguments)
        {
            if (IsConsumedQuery(argument, symbols))
            {
                var writes = method.Name is "RemoveRange" or "UpdateRange" && (symbols.IsDbContext(method.ContainingType) || symbols.IsDbSet(method.ContainingType, out _));
                yield return (argument, writes ? ExecutionKind.Bulk : ExecutionKind.Read);
            }
        }
    }

    /// <summary>Whether <see cref="ConsumedQueries"/> finds any: the same test without allocating, for the many calls that consume none.</summary>
    public static bool ConsumesQueries(IOperation call, EfSymbols symbols)
    {
        if (ConsumerOf(call, symbols) is not var (_, arguments))
        {
            return false;
        }

        foreach (var argument in arguments)
        {
            if (IsConsumedQuery(argument, symbols))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method a call or creation runs and its arguments, when it is a method from outside the compilation that may enumerate a query it is given.</summary>
    private static (IMethodSymbol Method, ImmutableArray<IArgumentOperation> Arguments)? ConsumerOf(IOperation call, EfSymbols symbols)
    {
        var (method, arguments) = call switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation when creation.Constructor is not null => (creation.Constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };
        if (method is null || arguments.IsEmpty
            || symbols.IsQueryOperatorClass(method.ContainingType) || symbols.IsEnumerable(method.ContainingType) || IsInSource(method))
        {
            return null;
        }

        return (method, arguments);
    }

    /// <summary>A query handed over as a plain sequence (<c>IEnumerable&lt;T&gt;</c>, <c>IEnumerable</c>), which the method enumerates.</summary>
    private static bool IsConsumedQuery(IArgumentOperation argument, EfSymbols symbols) =>
        argument.Parameter?.Type is { } parameterType
        && !symbols.IsQueryable(parameterType)
        && IsSequence(parameterType, symbols)
        && argument.Value is IConversionOperation { Operand: var operand }
        && symbols.IsQueryable(operand.Type);

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (var location in method.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSequence(ITypeSymbol type, EfSymbols symbols) =>
        type.IsDefinitionOf(symbols.EnumerableOfT) || type.SpecialType == SpecialType.System_Collections_IEnumerable;

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
