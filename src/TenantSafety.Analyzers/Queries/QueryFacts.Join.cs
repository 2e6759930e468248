using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>Merging what two control-flow paths say about one query value.</summary>
internal sealed partial class QueryFacts
{
    /// <summary>Merges two paths. Unknown is neutral; a query is scoped only if scoped on both paths.</summary>
    public static QueryFacts Join(QueryFacts left, QueryFacts right)
    {
        if (left.Kind == QueryRootKind.Unknown)
        {
            return WithSourcesOf(right, left);
        }

        if (right.Kind == QueryRootKind.Unknown)
        {
            return WithSourcesOf(left, right);
        }

        if (left.Kind != right.Kind)
        {
            // The more dangerous kind decides: an EF query path outranks raw SQL and parameters.
            return left.Kind > right.Kind ? WithSourcesOf(left, right) : WithSourcesOf(right, left);
        }

        var sameEntity = SymbolEqualityComparer.Default.Equals(left.EntityType, right.EntityType);
        return left.With(f =>
        {
            f.EntityType = sameEntity ? left.EntityType : left.EntityType ?? right.EntityType;
            f.Context = SymbolEqualityComparer.Default.Equals(left.Context, right.Context) ? left.Context : null;
            f.ParameterOrdinal = left.ParameterOrdinal == right.ParameterOrdinal ? left.ParameterOrdinal : -1;
            f.Scope = left.Scope < right.Scope ? left.Scope : right.Scope;
            f.GroupedByTenant = left.GroupedByTenant && right.GroupedByTenant;
            f.IgnoreQueryFiltersCall = left.IgnoreQueryFiltersCall ?? right.IgnoreQueryFiltersCall;
            f.IgnoredFilterNames = left.IgnoreQueryFiltersCall is not null ? left.IgnoredFilterNames : right.IgnoredFilterNames;
            f.CrossTenantGroupBy = left.CrossTenantGroupBy ?? right.CrossTenantGroupBy;
            f.RootSyntax = JoinRoots(left, right);
            f.RawSqlCall = left.HasTenantPredicate && !right.HasTenantPredicate ? right.RawSqlCall ?? left.RawSqlCall : left.RawSqlCall ?? right.RawSqlCall;
            f.Origin = left.Origin == right.Origin ? left.Origin : left.Origin ?? right.Origin;
            f.Path = left.Path.Equals(right.Path) ? left.Path : RowPath.Unreachable;
            f.KeyPath = left.KeyPath.Equals(right.KeyPath) ? left.KeyPath : RowPath.Unreachable;
            f.PredicateParameters = JoinPredicateParameters(left, right);
            f.SelectedKey = SameMember(left.SelectedKey, right.SelectedKey) ? left.SelectedKey : null;
            f.ProjectedNavigation = left.ProjectedNavigation == right.ProjectedNavigation ? left.ProjectedNavigation : null;
            f.Sources = JoinSources(left.Sources, right.Sources);
            f.Links = left.Links.AddRange(right.Links.Where(l => !left.Links.Any(k => k.First == l.First && k.Second == l.Second)));
        });
    }

    /// <summary><paramref name="facts"/> with the other sources and links <paramref name="other"/> found on its path too.</summary>
    private static QueryFacts WithSourcesOf(QueryFacts facts, QueryFacts other) =>
        other.Sources.IsEmpty && other.Links.IsEmpty
            ? facts
            : facts.With(f =>
            {
                f.Sources = JoinSources(facts.Sources, other.Sources);
                f.Links = facts.Links.AddRange(other.Links);
            });

    /// <summary>The fix goes where the unscoped path starts; two unscoped paths from different roots have no single place.</summary>
    private static SyntaxNode? JoinRoots(QueryFacts left, QueryFacts right)
    {
        if (left.RootSyntax == right.RootSyntax)
        {
            return left.RootSyntax;
        }

        if (left.Scope != right.Scope)
        {
            return left.Scope > right.Scope ? right.RootSyntax : left.RootSyntax;
        }

        return null;
    }

    /// <summary>A caller's predicate scopes the merged query only where it scopes every unscoped path.</summary>
    private static ImmutableArray<int> JoinPredicateParameters(QueryFacts left, QueryFacts right)
    {
        if (left.HasTenantPredicate)
        {
            return right.PredicateParameters;
        }

        return right.HasTenantPredicate ? left.PredicateParameters : left.PredicateParameters.Intersect(right.PredicateParameters).ToImmutableArray();
    }

    /// <summary>A source met on both paths keeps what both say of it (scoped only if scoped on both); one met on one path is kept as is.</summary>
    private static ImmutableArray<QuerySource> JoinSources(ImmutableArray<QuerySource> left, ImmutableArray<QuerySource> right)
    {
        if (right.IsEmpty)
        {
            return left;
        }

        if (left.IsEmpty)
        {
            return right;
        }

        var result = new List<QuerySource>(left.Length + right.Length);
        foreach (var source in left)
        {
            var other = right.FirstOrDefault(r => r.Site == source.Site);
            result.Add(other is null ? source : source.WithFacts(Join(source.Facts, other.Facts)));
        }

        result.AddRange(right.Where(r => !left.Any(l => l.Site == r.Site)));
        return result.ToImmutableArray();
    }

    private static bool SameMember(SourceMember? left, SourceMember? right) =>
        left is { } l && right is { } r && l.Origin == r.Origin && l.Member == r.Member;
}
