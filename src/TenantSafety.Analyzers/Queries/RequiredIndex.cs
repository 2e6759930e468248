using System;
using System.Collections.Immutable;
using System.Linq;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;

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

    /// <summary>The index as a fix writes it: the key, the equality columns (in any order), the ordering columns with their directions.</summary>
    public IndexShape Shape => new(
        new[] { TenantKey }.Concat(Equalities).Concat(Ordering.Select(o => o.Column)).ToImmutableArray(),
        Enumerable.Repeat(false, 1 + Equalities.Length).Concat(Ordering.Select(o => o.Descending)).ToImmutableArray(),
        equalityColumns: Equalities.Length);

    /// <summary>
    /// Whether <paramref name="index"/> serves the query: it starts with this shape (a btree scans both ways, so
    /// the ordering's directions may also be all reversed), or it is a key lookup on it.
    /// </summary>
    public bool IsServedBy(IndexDefinition index) =>
        IsKeyLookupOn(index) || (!index.IsSpecialized && Shape.IsServedBy(index.Properties, index.IsDescendingAt));

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

    /// <summary><c>TeamId, Priority DESC, ScheduledAt</c>.</summary>
    public override string ToString() => Shape.ToString();
}
