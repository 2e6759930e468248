using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>
/// The fewest indexes that serve a set of requested shapes on one table, for Fix All: the longest shape first, its
/// equality columns in the order that lets it serve the most other shapes, and every shape it serves dropped. No
/// index of the plan starts with another one (that one would be redundant, TSA2004) and none is written twice.
/// </summary>
internal static class IndexPlan
{
    /// <summary>Above this many equality columns only the order the query wrote is tried (6! orders is too many to weigh).</summary>
    private const int MaxPermutedColumns = 5;

    public static ImmutableArray<IndexShape> Merge(IEnumerable<IndexShape> shapes)
    {
        var pending = shapes
            .GroupBy(s => (s.ToString(), s.IsUnique, s.EqualityColumns))
            .Select(g => g.First())
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s.ToString(), StringComparer.Ordinal)
            .ToList();
        var plan = ImmutableArray.CreateBuilder<IndexShape>();
        while (pending.Count > 0)
        {
            var longest = pending[0];
            var chosen = longest.IsUnique
                ? longest
                : Orders(longest).OrderByDescending(candidate => pending.Count(s => !s.IsUnique && s.IsServedBy(candidate))).First();
            plan.Add(chosen);
            pending.RemoveAll(s => ReferenceEquals(s, longest) || (!s.IsUnique && !chosen.IsUnique && s.IsServedBy(chosen)));
        }

        return plan.ToImmutable();
    }

    /// <summary>The shape with its equality columns in every order, the written order first.</summary>
    private static IEnumerable<IndexShape> Orders(IndexShape shape)
    {
        yield return shape;
        if (shape.EqualityColumns < 2 || shape.EqualityColumns > MaxPermutedColumns)
        {
            yield break;
        }

        var equalities = shape.Columns.Skip(1).Take(shape.EqualityColumns).ToList();
        var rest = shape.Columns.Skip(1 + shape.EqualityColumns).ToList();
        foreach (var permutation in Permutations(equalities).Skip(1))
        {
            yield return shape.WithColumns(new[] { shape.Columns[0] }.Concat(permutation).Concat(rest).ToImmutableArray());
        }
    }

    /// <summary>Every order of <paramref name="items"/>, the given order first.</summary>
    private static IEnumerable<List<string>> Permutations(List<string> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                tail.Insert(0, items[i]);
                yield return tail;
            }
        }
    }
}
