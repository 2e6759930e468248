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
/// What the analysis knows about a query value at one program point. Immutable. Paths are merged with
/// <see cref="Join"/>: the result is scoped only when every path is scoped.
/// </summary>
internal sealed class QueryFacts
{
    public static readonly QueryFacts Unknown = new(QueryRootKind.Unknown, null, -1, TenantScope.None, false, null, null, null, null);

    private QueryFacts(
        QueryRootKind kind,
        ITypeSymbol? entityType,
        int parameterOrdinal,
        TenantScope scope,
        bool groupedByTenant,
        SyntaxNode? ignoreQueryFiltersCall,
        ImmutableArray<string>? ignoredFilterNames,
        SyntaxNode? crossTenantGroupBy,
        SyntaxNode? rootSyntax,
        SyntaxNode? rawSqlCall = null)
    {
        RawSqlCall = rawSqlCall;
        Kind = kind;
        EntityType = entityType;
        ParameterOrdinal = parameterOrdinal;
        Scope = scope;
        GroupedByTenant = groupedByTenant;
        IgnoreQueryFiltersCall = ignoreQueryFiltersCall;
        IgnoredFilterNames = ignoredFilterNames;
        CrossTenantGroupBy = crossTenantGroupBy;
        RootSyntax = rootSyntax;
    }

    public QueryRootKind Kind { get; }

    /// <summary>The entity (or generic type parameter) the query is rooted in.</summary>
    public ITypeSymbol? EntityType { get; }

    public int ParameterOrdinal { get; }

    /// <summary>How far the tenant predicates applied on every path confine the rows.</summary>
    public TenantScope Scope { get; }

    /// <summary>A tenant predicate is applied on every path: the query reads one tenant's rows (and maybe shared ones).</summary>
    public bool HasTenantPredicate => Scope != TenantScope.None;

    /// <summary>The query groups by a key that contains the tenant key: per-tenant results.</summary>
    public bool GroupedByTenant { get; }

    /// <summary>The <c>IgnoreQueryFilters</c> call, when the query switches filters off.</summary>
    public SyntaxNode? IgnoreQueryFiltersCall { get; }

    /// <summary>Null: every filter is switched off. Otherwise the EF Core 10 filter keys named in the call.</summary>
    public ImmutableArray<string>? IgnoredFilterNames { get; }

    /// <summary>A <c>GroupBy</c> whose key lacks the tenant key.</summary>
    public SyntaxNode? CrossTenantGroupBy { get; }

    /// <summary>Where the code fix inserts the tenant predicate: the root of the chain as written in this method.</summary>
    public SyntaxNode? RootSyntax { get; }

    /// <summary>For a raw SQL root: the <c>FromSqlRaw</c>/<c>FromSql</c>/<c>FromSqlInterpolated</c> call, whose SQL TSA1004 reads.</summary>
    public SyntaxNode? RawSqlCall { get; }

    public bool IsEntityQuery => Kind == QueryRootKind.EntitySet;

    public static QueryFacts ForEntitySet(ITypeSymbol entityType, SyntaxNode rootSyntax) =>
        new(QueryRootKind.EntitySet, entityType, -1, TenantScope.None, false, null, null, null, rootSyntax);

    public static QueryFacts ForRawSql(ITypeSymbol entityType, SyntaxNode rootSyntax, SyntaxNode rawSqlCall) =>
        new(QueryRootKind.RawSql, entityType, -1, TenantScope.None, false, null, null, null, rootSyntax, rawSqlCall);

    public static QueryFacts ForParameter(int ordinal) =>
        new(QueryRootKind.Parameter, null, ordinal, TenantScope.None, false, null, null, null, null);

    /// <summary>A predicate applied to every row: the stronger of the scopes counts.</summary>
    public QueryFacts WithTenantPredicate(TenantScope scope) =>
        Kind == QueryRootKind.Unknown || scope <= Scope ? this : With(scope: scope);

    public QueryFacts WithGroupedByTenant() =>
        Kind == QueryRootKind.Unknown ? this : With(groupedByTenant: true);

    public QueryFacts WithCrossTenantGroupBy(SyntaxNode groupBy) =>
        Kind == QueryRootKind.Unknown || CrossTenantGroupBy is not null ? this : With(crossTenantGroupBy: groupBy);

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
        return With(ignoreQueryFiltersCall: IgnoreQueryFiltersCall ?? call, ignoredFilterNames: combined, setIgnoredNames: true);
    }

    public QueryFacts WithRootSyntax(SyntaxNode? rootSyntax) => With(rootSyntax: rootSyntax, setRoot: true);

    public QueryFacts WithEntityType(ITypeSymbol? entityType) =>
        new(Kind, entityType, ParameterOrdinal, Scope, GroupedByTenant, IgnoreQueryFiltersCall, IgnoredFilterNames, CrossTenantGroupBy, RootSyntax, RawSqlCall);

    /// <summary>
    /// Applies what a summarised helper does (<paramref name="summary"/>, rooted in one of its parameters) to
    /// the caller's argument (<c>this</c>).
    /// </summary>
    public QueryFacts ComposeWith(QueryFacts summary)
    {
        var result = this;
        result = result.WithTenantPredicate(summary.Scope);

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

        return result;
    }

    /// <summary>Merges two paths. Unknown is neutral; a query is scoped only if scoped on both paths.</summary>
    public static QueryFacts Join(QueryFacts left, QueryFacts right)
    {
        if (left.Kind == QueryRootKind.Unknown)
        {
            return right;
        }

        if (right.Kind == QueryRootKind.Unknown)
        {
            return left;
        }

        if (left.Kind != right.Kind)
        {
            // The more dangerous kind decides: an EF query path outranks raw SQL and parameters.
            return left.Kind > right.Kind ? left : right;
        }

        var sameEntity = SymbolEqualityComparer.Default.Equals(left.EntityType, right.EntityType);
        return new QueryFacts(
            left.Kind,
            sameEntity ? left.EntityType : left.EntityType ?? right.EntityType,
            left.ParameterOrdinal == right.ParameterOrdinal ? left.ParameterOrdinal : -1,
            left.Scope < right.Scope ? left.Scope : right.Scope,
            left.GroupedByTenant && right.GroupedByTenant,
            left.IgnoreQueryFiltersCall ?? right.IgnoreQueryFiltersCall,
            left.IgnoreQueryFiltersCall is not null ? left.IgnoredFilterNames : right.IgnoredFilterNames,
            left.CrossTenantGroupBy ?? right.CrossTenantGroupBy,
            JoinRoots(left, right),
            left.HasTenantPredicate && !right.HasTenantPredicate ? right.RawSqlCall ?? left.RawSqlCall : left.RawSqlCall ?? right.RawSqlCall);
    }

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

    private QueryFacts With(
        TenantScope? scope = null,
        bool? groupedByTenant = null,
        SyntaxNode? ignoreQueryFiltersCall = null,
        ImmutableArray<string>? ignoredFilterNames = null,
        bool setIgnoredNames = false,
        SyntaxNode? crossTenantGroupBy = null,
        SyntaxNode? rootSyntax = null,
        bool setRoot = false)
    {
        return new QueryFacts(
            Kind,
            EntityType,
            ParameterOrdinal,
            scope ?? Scope,
            groupedByTenant ?? GroupedByTenant,
            ignoreQueryFiltersCall ?? IgnoreQueryFiltersCall,
            setIgnoredNames ? ignoredFilterNames : IgnoredFilterNames,
            crossTenantGroupBy ?? CrossTenantGroupBy,
            setRoot ? rootSyntax : RootSyntax,
            RawSqlCall);
    }

    public override string ToString() =>
        $"{Kind} {EntityType?.Name} scope={Scope} ignore={(IgnoreQueryFiltersCall is null ? "-" : IgnoredFilterNames is null ? "all" : string.Join("|", IgnoredFilterNames.Value.ToArray()))}";
}
