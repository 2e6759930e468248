using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

internal enum QueryRootKind
{
    /// <summary>Nothing is known (a value from outside what we can see, or a path still being computed). Neutral in joins.</summary>
    Unknown = 0,

    /// <summary>A parameter of the method being summarised; resolved against the caller's argument.</summary>
    Parameter = 1,

    /// <summary>A raw SQL root (<c>FromSqlRaw</c>, <c>FromSql</c>, <c>FromSqlInterpolated</c>): judged by TSA1004, never TSA1001.</summary>
    RawSql = 2,

    /// <summary>A <c>DbSet&lt;T&gt;</c> or <c>Set&lt;T&gt;()</c>: an EF Core query over an entity.</summary>
    EntitySet = 3,
}

/// <summary>
/// What the analysis knows about a query value at one program point. Immutable. The query's first source (where
/// its operator chain starts) is described by the properties; its other sources (<see cref="Sources"/>) each by
/// facts of their own, tied by <see cref="Links"/>. A query whose first source is unknown keeps its other sources. Paths are merged with <see cref="Join"/>: the result is scoped
/// only when every path is scoped.
/// </summary>
internal sealed partial class QueryFacts
{
    public static readonly QueryFacts Unknown = new(QueryRootKind.Unknown, null, null);

    private QueryFacts(QueryRootKind kind, ITypeSymbol? entityType, SyntaxNode? rootSyntax)
    {
        Kind = kind;
        EntityType = entityType;
        RootSyntax = rootSyntax;
        Origin = rootSyntax;
    }

    public QueryRootKind Kind { get; }

    /// <summary>The entity (or generic type parameter) the query is rooted in.</summary>
    public ITypeSymbol? EntityType { get; private set; }

    public int ParameterOrdinal { get; private set; } = -1;

    /// <summary>How far the tenant predicates applied on every path confine the rows.</summary>
    public TenantScope Scope { get; private set; }

    /// <summary>A tenant predicate is applied on every path: the query reads one tenant's rows (and maybe shared ones).</summary>
    public bool HasTenantPredicate => Scope != TenantScope.None;

    /// <summary>The query groups by a key that contains the tenant key: per-tenant results.</summary>
    public bool GroupedByTenant { get; private set; }

    /// <summary>The <c>IgnoreQueryFilters</c> call, when the query switches filters off.</summary>
    public SyntaxNode? IgnoreQueryFiltersCall { get; private set; }

    /// <summary>Null: every filter is switched off. Otherwise the EF Core 10 filter keys named in the call.</summary>
    public ImmutableArray<string>? IgnoredFilterNames { get; private set; }

    /// <summary>A <c>GroupBy</c> whose key lacks the tenant key.</summary>
    public SyntaxNode? CrossTenantGroupBy { get; private set; }

    /// <summary>Where the code fix inserts the tenant predicate: the root of the chain as written in this method.</summary>
    public SyntaxNode? RootSyntax { get; private set; }

    /// <summary>For a raw SQL root: the <c>FromSqlRaw</c>/<c>FromSql</c>/<c>FromSqlInterpolated</c> call, whose SQL TSA1004 reads.</summary>
    public SyntaxNode? RawSqlCall { get; private set; }

    /// <summary>Where the first source is written: its name among the query's sources (<see cref="Links"/>). Never moves.</summary>
    public SyntaxNode? Origin { get; private set; }

    /// <summary>How the current row reaches the first source's row.</summary>
    public RowPath Path { get; private set; } = RowPath.Self;

    /// <summary>
    /// Where the current row carries the first source's tenant key once a projection dropped the row itself
    /// (<c>Select(x => new Dto { OrganizationId = x.ou.OrganizationId })</c>); unreachable otherwise.
    /// </summary>
    public RowPath KeyPath { get; private set; } = RowPath.Unreachable;

    /// <summary>
    /// The type the first source's set is read from (a DbContext, or an interface it implements); null when not known (a
    /// <c>DbSet</c> parameter, paths that read different contexts). A filter one DbContext sets applies to its queries only.
    /// </summary>
    public ITypeSymbol? Context { get; private set; }

    /// <summary>The query's other sources, flattened: a source's own sources are listed here too.</summary>
    public ImmutableArray<QuerySource> Sources { get; private set; } = ImmutableArray<QuerySource>.Empty;

    /// <summary>Sources whose rows a relationship key ties together.</summary>
    public ImmutableArray<SourceLink> Links { get; private set; } = ImmutableArray<SourceLink>.Empty;

    /// <summary>
    /// Parameters of the method being read whose predicate the query applies (<c>db.Leads.Where(predicate)</c>): the
    /// query is scoped when the argument for one of them is a tenant predicate, which only its callers know.
    /// </summary>
    public ImmutableArray<int> PredicateParameters { get; private set; } = ImmutableArray<int>.Empty;

    /// <summary>The query yields one key of one source (<c>Select(n => n.LeadId)</c>); null otherwise.</summary>
    public SourceMember? SelectedKey { get; private set; }

    /// <summary>
    /// The reference navigation through which a projection read the first source's row, and nothing else of it
    /// (<c>Select(c =&gt; c.Board)</c>, <c>Select(c =&gt; c.Board.Name)</c>): the rows that come out are that navigation's,
    /// which EF Core joins through the target's query filters; null otherwise.
    /// </summary>
    public string? ProjectedNavigation { get; private set; }

    public bool IsEntityQuery => Kind == QueryRootKind.EntitySet;

    public static QueryFacts ForEntitySet(ITypeSymbol entityType, SyntaxNode rootSyntax) => new(QueryRootKind.EntitySet, entityType, rootSyntax);

    /// <summary>A set read from a DbContext or an interface of one (<c>reporting.Invoices</c>, <c>db.Set&lt;Invoice&gt;()</c>).</summary>
    public static QueryFacts ForEntitySet(ITypeSymbol entityType, SyntaxNode rootSyntax, ITypeSymbol? context) =>
        new(QueryRootKind.EntitySet, entityType, rootSyntax) { Context = context };

    public static QueryFacts ForRawSql(ITypeSymbol entityType, SyntaxNode rootSyntax, SyntaxNode rawSqlCall) =>
        new(QueryRootKind.RawSql, entityType, rootSyntax) { RawSqlCall = rawSqlCall };

    public static QueryFacts ForParameter(int ordinal) => new(QueryRootKind.Parameter, null, null) { ParameterOrdinal = ordinal };

    /// <summary>A predicate applied to every row: the stronger of the scopes counts.</summary>
    public QueryFacts WithTenantPredicate(TenantScope scope) =>
        Kind == QueryRootKind.Unknown || scope <= Scope ? this : With(f => f.Scope = scope);

    public QueryFacts WithGroupedByTenant() =>
        Kind == QueryRootKind.Unknown ? this : With(f => f.GroupedByTenant = true);

    public QueryFacts WithCrossTenantGroupBy(SyntaxNode groupBy) =>
        Kind == QueryRootKind.Unknown || CrossTenantGroupBy is not null ? this : With(f => f.CrossTenantGroupBy = groupBy);

    public QueryFacts WithIgnoredFilters(SyntaxNode call, ImmutableArray<string>? names)
    {
        if (Kind == QueryRootKind.Unknown)
        {
            return this;
        }

        // Two calls: everything either call switches off is off.
        var combined = IgnoreQueryFiltersCall is null || names is null || IgnoredFilterNames is null
            ? (IgnoreQueryFiltersCall is null ? names : null)
            : IgnoredFilterNames.Value.AddRange(names.Value);
        return With(f =>
        {
            f.IgnoreQueryFiltersCall = IgnoreQueryFiltersCall ?? call;
            f.IgnoredFilterNames = combined;
        });
    }

    public QueryFacts WithRootSyntax(SyntaxNode? rootSyntax) => With(f => f.RootSyntax = rootSyntax);

    public QueryFacts WithEntityType(ITypeSymbol? entityType) => With(f => f.EntityType = entityType);

    public QueryFacts WithPath(RowPath path) => Kind == QueryRootKind.Unknown || path.Equals(Path) ? this : With(f => f.Path = path);

    public QueryFacts WithKeyPath(RowPath keyPath) => Kind == QueryRootKind.Unknown || keyPath.Equals(KeyPath) ? this : With(f => f.KeyPath = keyPath);

    public QueryFacts WithSelectedKey(SourceMember? key) => Kind == QueryRootKind.Unknown ? this : With(f => f.SelectedKey = key);

    public QueryFacts WithProjectedNavigation(string? navigation) =>
        Kind == QueryRootKind.Unknown || navigation == ProjectedNavigation ? this : With(f => f.ProjectedNavigation = navigation);

    public QueryFacts WithPredicateParameter(int ordinal) =>
        Kind == QueryRootKind.Unknown || PredicateParameters.Contains(ordinal) ? this : With(f => f.PredicateParameters = PredicateParameters.Add(ordinal));

    public QueryFacts WithoutPredicateParameters() => PredicateParameters.IsEmpty ? this : With(f => f.PredicateParameters = ImmutableArray<int>.Empty);

    /// <summary>Adds <paramref name="source"/>, lifting its own sources and links into this query's lists.</summary>
    public QueryFacts WithSource(QuerySource source)
    {
        var nested = source.Facts;
        var own = nested.Sources.IsEmpty && nested.Links.IsEmpty ? source : source.WithFacts(nested.WithoutSources());
        return With(f =>
        {
            f.Sources = Sources.Add(own).AddRange(nested.Sources);
            f.Links = Links.AddRange(nested.Links);
        });
    }

    public QueryFacts WithLink(SyntaxNode first, SyntaxNode second) =>
        first == second ? this : With(f => f.Links = Links.Add(new SourceLink(first, second)));

    /// <summary>Applies <paramref name="map"/> to the first source and to every other one (their paths, their scope).</summary>
    public QueryFacts MapSources(Func<QueryFacts, QueryFacts> map)
    {
        // A query whose first source we cannot see may still have sources of its own (a subquery in its lambdas).
        var result = Kind == QueryRootKind.Unknown ? this : map(this);
        if (Sources.IsEmpty)
        {
            return result;
        }

        var sources = Sources.Select(s => s.WithFacts(map(s.Facts))).ToImmutableArray();
        return result.With(f => f.Sources = sources);
    }

    /// <summary>
    /// Applies what a summarised helper does (<paramref name="summary"/>, rooted in one of its parameters) to
    /// the caller's argument (<c>this</c>).
    /// </summary>
    public QueryFacts ComposeWith(QueryFacts summary)
    {
        var result = WithTenantPredicate(summary.Scope);
        if (summary.GroupedByTenant)
        {
            result = result.WithGroupedByTenant();
        }

        if (summary.CrossTenantGroupBy is not null)
        {
            result = result.WithCrossTenantGroupBy(summary.CrossTenantGroupBy);
        }

        if (summary.IgnoreQueryFiltersCall is not null)
        {
            result = result.WithIgnoredFilters(summary.IgnoreQueryFiltersCall, summary.IgnoredFilterNames);
        }

        foreach (var source in summary.Sources)
        {
            result = result.WithSource(source);
        }

        if (!summary.Links.IsEmpty)
        {
            result = result.With(f => f.Links = result.Links.AddRange(summary.Links));
        }

        // The helper keeps the caller's row (Paginate, ForTeam) or makes one the caller cannot see into.
        return summary.Path.Equals(RowPath.Self) ? result : result.WithPath(RowPath.Unreachable);
    }

    private QueryFacts WithoutSources() => With(f =>
    {
        f.Sources = ImmutableArray<QuerySource>.Empty;
        f.Links = ImmutableArray<SourceLink>.Empty;
    });

    private QueryFacts With(Action<QueryFacts> change)
    {
        var copy = (QueryFacts)MemberwiseClone();
        change(copy);
        return copy;
    }

    public override string ToString() =>
        $"{Kind} {EntityType?.Name} scope={Scope} path={Path} sources={Sources.Length} ignore={(IgnoreQueryFiltersCall is null ? "-" : IgnoredFilterNames is null ? "all" : string.Join("|", IgnoredFilterNames.Value.ToArray()))}";
}
