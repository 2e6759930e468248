using System;
using System.Collections.Immutable;
using System.Linq;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The index a tenant-scoped query needs: the tenant key, then the columns it compares by equality (any order
/// among themselves), then the columns it orders by, in order and direction.
/// </summary>
internal sealed class RequiredIndex
{
    public RequiredIndex(string tenantKey, ImmutableArray<string> equalities, ImmutableArray<(string Column, bool Descending)> ordering)
    {
        TenantKey = tenantKey;
        Equalities = equalities;
        Ordering = ordering;
    }

    public string TenantKey { get; }

    public ImmutableArray<string> Equalities { get; }

    public ImmutableArray<(string Column, bool Descending)> Ordering { get; }

    /// <summary>Nothing beyond the tenant key: TSA2001's concern, not a composite index.</summary>
    public bool IsTenantKeyOnly => Equalities.IsEmpty && Ordering.IsEmpty;

    public int Length => 1 + Equalities.Length + Ordering.Length;

    /// <summary>
    /// Whether <paramref name="index"/> serves the query: it starts with this shape (a btree scans both ways, so
    /// the ordering's directions may also be all reversed), or it is a key lookup on it.
    /// </summary>
    public bool IsServedBy(IndexDefinition index) => IsKeyLookupOn(index) || StartsWithShape(index);

    /// <summary>
    /// Whether the query pins every column of <paramref name="index"/>, a primary key, alternate key or unique
    /// index, by equality or <c>Contains</c> (the tenant key by its scoping): that index finds the at most one row per
    /// value at once, and there is nothing left to filter or order by an index. A partial unique index is unique only
    /// among the rows its filter keeps; the model does not tell it from a covering or non-btree one, so none of them counts.
    /// </summary>
    public bool IsKeyLookupOn(IndexDefinition index) =>
        index.IsUnique
        && !index.IsSpecialized
        && index.Properties.All(column => string.Equals(column, TenantKey, StringComparison.Ordinal) || Equalities.Contains(column, StringComparer.Ordinal));

    private bool StartsWithShape(IndexDefinition index)
    {
        var columns = index.Properties;
        if (index.IsSpecialized || columns.Length < Length || !string.Equals(columns[0], TenantKey, StringComparison.Ordinal))
        {
            return false;
        }

        var equalityColumns = columns.Skip(1).Take(Equalities.Length);
        if (!equalityColumns.OrderBy(c => c, StringComparer.Ordinal).SequenceEqual(Equalities.OrderBy(c => c, StringComparer.Ordinal)))
        {
            return false;
        }

        var offset = 1 + Equalities.Length;
        bool? reversed = null;
        for (var i = 0; i < Ordering.Length; i++)
        {
            if (!string.Equals(columns[offset + i], Ordering[i].Column, StringComparison.Ordinal))
            {
                return false;
            }

            var flipped = index.IsDescendingAt(offset + i) != Ordering[i].Descending;
            if (reversed is { } expected && expected != flipped)
            {
                return false;
            }

            reversed = flipped;
        }

        return true;
    }

    /// <summary><c>TeamId, Priority DESC, ScheduledAt</c>.</summary>
    public override string ToString() =>
        string.Join(", ", new[] { TenantKey }.Concat(Equalities).Concat(Ordering.Select(o => o.Descending ? o.Column + " DESC" : o.Column)));

    /// <summary><c>HasIndex($p =&gt; new { $p.TeamId, $p.Priority, $p.ScheduledAt }).IsDescending(false, true, false)</c>.</summary>
    /// <param name="byName">Name the columns by string (<c>HasIndex("TeamId", "Status")</c>): the tenant key is a shadow property.</param>
    public string ToBuilderCall(bool byName = false)
    {
        var columns = new[] { TenantKey }.Concat(Equalities).Concat(Ordering.Select(o => o.Column)).ToList();
        var call = byName
            ? $"HasIndex({string.Join(", ", columns.Select(c => "\"" + c + "\""))})"
            : $"HasIndex($p => new {{ {string.Join(", ", columns.Select(c => "$p." + c))} }})";
        if (Ordering.Any(o => o.Descending))
        {
            var flags = Enumerable.Repeat(false, 1 + Equalities.Length).Concat(Ordering.Select(o => o.Descending));
            call += $".IsDescending({string.Join(", ", flags.Select(f => f ? "true" : "false"))})";
        }

        return call;
    }
}
