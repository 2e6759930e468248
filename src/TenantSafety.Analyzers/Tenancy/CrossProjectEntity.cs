using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// What a type parameter other projects choose (<see cref="CrossProjectTypeParameters"/>) may be: it is a tenant entity when
/// one of the entities it may be is, and its queries are scoped by a filter only when every such tenant entity has one.
/// </summary>
/// <param name="ChosenThrough">The type through which its callers choose it: an interface of another assembly, or a public store of this library or its interface (<see cref="LibraryStores"/>).</param>
/// <param name="Unfiltered">The tenant entities it may be that no tenant query filter scopes: those subclasses of its store close it over first, then the model's order.</param>
/// <param name="Filters">The tenant filters of the tenant entities it may be; they scope it only when <paramref name="Unfiltered"/> is empty.</param>
internal sealed record CrossProjectEntity(INamedTypeSymbol ChosenThrough, ImmutableArray<ITypeSymbol> Unfiltered, ImmutableArray<TenantFilter> Filters);
