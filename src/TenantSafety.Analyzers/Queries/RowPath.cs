using System;
using System.Collections.Immutable;
using System.Linq;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// How a query's current row reaches one of its sources' rows: none when the row is that source's row
/// (<c>db.Leads.Where(l => …)</c>), <c>l</c> after <c>join … select new { l, t }</c> or query syntax's transparent
/// identifiers (<c>x => x.l</c>), or unreachable once a projection dropped the row (<c>Select(l => l.Email)</c>).
/// </summary>
internal readonly struct RowPath : IEquatable<RowPath>
{
    private RowPath(ImmutableArray<string> members)
    {
        Members = members;
    }

    /// <summary>The row is the source's row.</summary>
    public static RowPath Self { get; } = new(ImmutableArray<string>.Empty);

    /// <summary>The source's row is no longer part of the current row.</summary>
    public static RowPath Unreachable { get; } = default;

    /// <summary>Member names from the current row to the source's row; default when unreachable.</summary>
    public ImmutableArray<string> Members { get; }

    public bool IsReachable => !Members.IsDefault;

    /// <summary>The path seen from a row that holds the current one as <paramref name="member"/>.</summary>
    public RowPath Under(string member) => IsReachable ? new RowPath(Members.Insert(0, member)) : this;

    /// <summary>This path under <paramref name="prefix"/>: <c>TeamId</c> under <c>l</c> is <c>l.TeamId</c>.</summary>
    public RowPath Prefixed(RowPath prefix) => IsReachable && prefix.IsReachable ? new RowPath(prefix.Members.AddRange(Members)) : Unreachable;

    /// <summary>The path seen from the row found at <paramref name="prefix"/>; unreachable when the source is not under it.</summary>
    public RowPath After(ImmutableArray<string> prefix) =>
        IsReachable && Members.Length >= prefix.Length && Members.Take(prefix.Length).SequenceEqual(prefix, StringComparer.Ordinal)
            ? new RowPath(Members.RemoveRange(0, prefix.Length))
            : Unreachable;

    public bool Equals(RowPath other) =>
        IsReachable == other.IsReachable && (!IsReachable || Members.SequenceEqual(other.Members, StringComparer.Ordinal));

    public override bool Equals(object? obj) => obj is RowPath other && Equals(other);

    public override int GetHashCode() => IsReachable ? string.Join(".", Members).GetHashCode() : 0;

    public override string ToString() => IsReachable ? "row" + string.Concat(Members.Select(m => "." + m)) : "unreachable";
}
