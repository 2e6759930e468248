using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>What a type of another project that this project queries through is.</summary>
internal enum ForeignModelKind
{
    /// <summary>A DbContext.</summary>
    Context,

    /// <summary>An interface that declares entity sets (<c>IAppDbContext</c>).</summary>
    EntitySetInterface,

    /// <summary>A store whose methods take predicates over the entities or hand out their rows (<c>IGenericRepository&lt;T&gt;</c>).</summary>
    Store,

    /// <summary>
    /// A store of another project over entities that no DbContext this project can see maps (a Domain project's
    /// <c>IRepository&lt;T&gt;</c> in an Application layer that references only Domain): its entities are those of its project
    /// that carry a conventional tenant key.
    /// </summary>
    UnmappedStore,

    /// <summary>
    /// A store interface of this project that another project implements (an Application layer's own
    /// <c>IRepository&lt;T&gt;</c>, <see cref="OwnStoreInterfaces"/>), over entities no DbContext this project can see maps.
    /// </summary>
    OwnStore,

    /// <summary>
    /// A repository of Ardalis.Specification (<c>IReadRepositoryBase&lt;T&gt;</c>, or this project's interface or class that
    /// extends it), over entities no DbContext this project can see maps: its entities are the classes this project sees
    /// that carry a conventional tenant key.
    /// </summary>
    SpecificationRepository,
}

/// <summary>
/// The first place this project names a type of another project that it queries through (<see cref="ForeignEntitySetHolders"/>).
/// </summary>
/// <param name="Type">The DbContext, entity-set interface or store.</param>
/// <param name="Location">Where this project names it first.</param>
/// <param name="EntityTypes">The entities its queries read: the context's or interface's entity sets; for a store, those of the DbContexts of its assembly.</param>
/// <param name="Kind">What it is.</param>
internal sealed record ForeignModelUse(INamedTypeSymbol Type, Location Location, ImmutableArray<ITypeSymbol> EntityTypes, ForeignModelKind Kind);
