using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// What a specification (Ardalis.Specification) does to the rows it is evaluated over, as its constructors write it:
/// how far the predicates it applies on every path confine them to a tenant, and whether it switches the query filters
/// off (<c>Query.IgnoreQueryFilters()</c>, on any path).
/// </summary>
/// <param name="Scope">The strongest tenant predicate the specification applies on every path.</param>
/// <param name="IgnoreQueryFiltersCall">The builder's <c>IgnoreQueryFilters</c> call, when one may run.</param>
internal sealed record SpecificationFacts(TenantScope Scope, SyntaxNode? IgnoreQueryFiltersCall)
{
    /// <summary>A specification that adds nothing (the library's own <c>Specification&lt;T&gt;</c>): every row.</summary>
    public static readonly SpecificationFacts None = new(TenantScope.None, null);

    /// <summary>Both apply (a base specification's constructor, then the derived one's): the stronger predicate counts.</summary>
    public SpecificationFacts Then(SpecificationFacts next) =>
        new(next.Scope > Scope ? next.Scope : Scope, IgnoreQueryFiltersCall ?? next.IgnoreQueryFiltersCall);

    /// <summary>Either may be the one evaluated (two definitions of a local): the weaker predicate counts.</summary>
    public SpecificationFacts Or(SpecificationFacts other) =>
        new(other.Scope < Scope ? other.Scope : Scope, IgnoreQueryFiltersCall ?? other.IgnoreQueryFiltersCall);
}
