using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>
/// The columns of an index by property name, in order, with their directions and uniqueness: an index a fix adds,
/// or an index the model has. <see cref="EqualityColumns"/> says how many columns after the first the queries that
/// ask for it compare by equality: their order among themselves is free, so one index can serve shapes that list
/// them differently (<c>(TeamId, Status, Channel)</c> serves <c>TeamId, Channel = …, Status = …</c>).
/// </summary>
internal sealed class IndexShape
{
    public IndexShape(ImmutableArray<string> columns, ImmutableArray<bool> descending = default, bool isUnique = false, int equalityColumns = 0)
    {
        if (columns.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An index has at least one column.", nameof(columns));
        }

        Columns = columns;
        Descending = descending.IsDefault || descending.All(d => !d) ? ImmutableArray<bool>.Empty : descending;
        if (!Descending.IsEmpty && Descending.Length != columns.Length)
        {
            throw new ArgumentException("One direction per column.", nameof(descending));
        }

        IsUnique = isUnique;
        EqualityColumns = Math.Max(0, Math.Min(equalityColumns, columns.Length - 1));
    }

    public ImmutableArray<string> Columns { get; }

    /// <summary>Per column, whether it is descending; empty when every column is ascending.</summary>
    public ImmutableArray<bool> Descending { get; }

    public bool IsUnique { get; }

    /// <summary>How many columns after the first are compared by equality, in any order.</summary>
    public int EqualityColumns { get; }

    public int Length => Columns.Length;

    public bool HasDescending => !Descending.IsEmpty;

    public bool IsDescendingAt(int column) => column < Descending.Length && Descending[column];

    public static IndexShape Of(params string[] columns) => new(columns.ToImmutableArray());

    /// <summary>
    /// Whether an index of <paramref name="columns"/> (directions from <paramref name="descendingAt"/>) serves every
    /// query of this shape: it starts with the first column, then the equality columns in any order, then the
    /// remaining columns in order with the same directions, or all of them reversed (a btree scans both ways).
    /// </summary>
    public bool IsServedBy(IReadOnlyList<string> columns, Func<int, bool> descendingAt)
    {
        if (columns.Count < Length || !string.Equals(columns[0], Columns[0], StringComparison.Ordinal))
        {
            return false;
        }

        var equalityEnd = 1 + EqualityColumns;
        var theirs = columns.Skip(1).Take(EqualityColumns).OrderBy(c => c, StringComparer.Ordinal);
        var mine = Columns.Skip(1).Take(EqualityColumns).OrderBy(c => c, StringComparer.Ordinal);
        if (!theirs.SequenceEqual(mine, StringComparer.Ordinal))
        {
            return false;
        }

        bool? reversed = null;
        for (var i = equalityEnd; i < Length; i++)
        {
            if (!string.Equals(columns[i], Columns[i], StringComparison.Ordinal))
            {
                return false;
            }

            var flipped = descendingAt(i) != IsDescendingAt(i);
            if (reversed is { } expected && expected != flipped)
            {
                return false;
            }

            reversed = flipped;
        }

        return true;
    }

    public bool IsServedBy(IndexShape index) => IsServedBy(index.Columns, index.IsDescendingAt);

    /// <summary>
    /// Whether this index serves every query <paramref name="prefix"/> serves, as a btree does: its columns start
    /// with <paramref name="prefix"/>'s, all in the same direction or all reversed (TSA2004's test for a redundant index).
    /// </summary>
    public bool Covers(IReadOnlyList<string> prefix, Func<int, bool> prefixDescendingAt)
    {
        if (prefix.Count > Length || !prefix.Select((c, i) => string.Equals(c, Columns[i], StringComparison.Ordinal)).All(same => same))
        {
            return false;
        }

        if (prefix.Count < 2)
        {
            return true;
        }

        var same = Enumerable.Range(0, prefix.Count).All(i => IsDescendingAt(i) == prefixDescendingAt(i));
        var reversed = Enumerable.Range(0, prefix.Count).All(i => IsDescendingAt(i) != prefixDescendingAt(i));
        return same || reversed;
    }

    public bool Covers(IndexShape prefix) => Covers(prefix.Columns, prefix.IsDescendingAt);

    /// <summary>This index with its columns in <paramref name="order"/> (a permutation of the equality columns), directions kept.</summary>
    public IndexShape WithColumns(ImmutableArray<string> order)
    {
        var descending = HasDescending
            ? order.Select(c => Descending[Columns.IndexOf(c)]).ToImmutableArray()
            : default;
        return new IndexShape(order, descending, IsUnique, EqualityColumns);
    }

    /// <summary><c>TeamId, Priority DESC, ScheduledAt</c>.</summary>
    public override string ToString() =>
        string.Join(", ", Columns.Select((c, i) => IsDescendingAt(i) ? c + " DESC" : c));
}
