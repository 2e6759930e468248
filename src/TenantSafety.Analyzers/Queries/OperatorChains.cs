using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The operator chains a query may run with, one per execution path (<see cref="QueryPaths"/>, and the builder operators
/// of a specification's constructors): branches that replace each other are a union of chains, statements that follow
/// each other a product. Past <see cref="MaxChains"/> chains, optional refinements that multiply are read as one chain
/// with every operator, as an index that serves the longest path serves the others.
/// </summary>
internal static class OperatorChains
{
    public const int MaxChains = 16;

    /// <summary>One chain without operators: what a query source or a statement that applies nothing contributes.</summary>
    public static List<List<IInvocationOperation>> Empty() => new() { new List<IInvocationOperation>() };

    /// <summary>Every chain of both (the lists themselves, not copies).</summary>
    public static List<List<IInvocationOperation>> Union(List<List<IInvocationOperation>> a, List<List<IInvocationOperation>> b)
    {
        var all = a.Concat(b).ToList();
        return all.Count <= MaxChains ? all : new List<List<IInvocationOperation>> { all.SelectMany(p => p).Distinct().ToList() };
    }

    /// <summary>Each chain of <paramref name="first"/> followed by each of <paramref name="then"/>, as new lists.</summary>
    public static List<List<IInvocationOperation>> Product(List<List<IInvocationOperation>> first, List<List<IInvocationOperation>> then)
    {
        if (first.Count * then.Count > MaxChains)
        {
            return new List<List<IInvocationOperation>> { first.SelectMany(p => p).Concat(then.SelectMany(p => p)).Distinct().ToList() };
        }

        return first.SelectMany(before => then.Select(after => before.Concat(after).ToList())).ToList();
    }

    /// <summary>New lists with the same operators, for a caller that extends them.</summary>
    public static List<List<IInvocationOperation>> Copy(List<List<IInvocationOperation>> chains) =>
        chains.ConvertAll(chain => new List<IInvocationOperation>(chain));
}
