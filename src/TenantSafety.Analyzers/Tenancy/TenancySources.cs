using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// What tenancy is read from, for one compilation and tenancy configuration: the entity model, the query filters and
/// Finbuckle calls, the DbContexts, ABP's marker, and the configured tenant and global types. Asked by the key
/// inference and by <see cref="TenantEntities"/> for each entity.
/// </summary>
internal sealed class TenancySources(
    EntityModel model,
    TenantFilterIndex filters,
    ImmutableArray<INamedTypeSymbol> contexts,
    Func<DatabaseSwitches> databaseSwitches,
    TenantTypeNames tenantTypes,
    TenantTypeNames globalTypes,
    EfSymbols symbols,
    SemanticModelCache models,
    Func<ImmutableArray<ITypeSymbol>> foreignEntityTypes)
{
    private readonly ConcurrentDictionary<string, ITypeSymbol?> _keyTypes = new(System.StringComparer.Ordinal);
    private readonly Lazy<DatabaseSwitches> _databaseSwitches = new(databaseSwitches, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lazy<Dictionary<ITypeSymbol, List<FinbuckleLoop>>> _loopsByContext = new(() => LoopsByContext(filters, contexts, models), LazyThreadSafetyMode.ExecutionAndPublication);

    public EntityModel Model { get; } = model;

    public TenantFilterIndex Filters { get; } = filters;

    /// <summary>The DbContext classes declared in source.</summary>
    public ImmutableArray<INamedTypeSymbol> Contexts { get; } = contexts;

    public TenantTypeNames TenantTypes { get; } = tenantTypes;

    private readonly Lazy<ImmutableArray<ITypeSymbol>> _foreignEntityTypes = new(foreignEntityTypes, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The entities of other projects' DbContexts and entity-set interfaces this project can query, when it declares no
    /// DbContext of its own (empty otherwise); read on first use. Their configuration is not visible here, but the types
    /// they implement are: a configured tenant type declares their key.
    /// </summary>
    public ImmutableArray<ITypeSymbol> ForeignEntityTypes => _foreignEntityTypes.Value;

    /// <summary>The contexts whose database the project switches at run time; searched for on first use.</summary>
    public DatabaseSwitches DatabaseSwitches => _databaseSwitches.Value;

    /// <summary>
    /// Whether every context that maps <paramref name="entity"/> switches its database at run time: a database per
    /// tenant, most likely, so its <c>TenantId</c> is no evidence of shared tables. An entity no context names
    /// (configured from an assembly) belongs to the contexts no other derives from.
    /// </summary>
    public bool OnlyInSwitchedDatabases(EntityInfo entity)
    {
        if (!DatabaseSwitches.Any)
        {
            return false;
        }

        var any = false;
        foreach (var owner in OwnersOf(entity))
        {
            if (DatabaseSwitches.WhereSwitched(owner) is null)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>The contexts that map <paramref name="entity"/>; for an entity no context names, the contexts no other derives from.</summary>
    public IEnumerable<INamedTypeSymbol> OwnersOf(EntityInfo entity) =>
        entity.Contexts.Count > 0
            ? entity.Contexts
            : Contexts.Where(c => !c.IsAbstract && !Contexts.Any(other => other.DerivesFrom(c)));

    public TenantTypeNames GlobalTypes { get; } = globalTypes;

    /// <summary>Configured with Finbuckle's <c>IsMultiTenant()</c>, marked <c>[MultiTenant]</c>, or reached by a Finbuckle loop its context runs.</summary>
    public bool IsFinbuckleEntity(ITypeSymbol type) =>
        Filters.IsFinbuckleEntity(type)
        || (type is INamedTypeSymbol named && TenancyLibraries.FinbuckleMultiTenantAttribute(named) is not null)
        || FinbuckleLoopFilter(type) is not null;

    /// <summary>Whether <c>IsMultiTenant()</c> is called in a loop that no context of the compilation is seen to run.</summary>
    public bool HasUnfollowedFinbuckleLoop => Filters.AppliesFinbuckleInLoop && _loopsByContext.Value.Count == 0;

    /// <summary>
    /// The filter of Finbuckle's isolation by default (<see cref="FinbuckleLoop"/>) on a mapped entity with a key, not
    /// owned, of a context that runs the loop, which its guards do not skip; null when no loop reaches it.
    /// </summary>
    public TenantFilter? FinbuckleLoopFilter(ITypeSymbol type)
    {
        if (Filters.FinbuckleLoops.Count == 0 || Model.Find(type) is not { IsOwned: false, IsKeyless: false } entity)
        {
            return null;
        }

        foreach (var context in entity.Contexts)
        {
            if (_loopsByContext.Value.TryGetValue(context, out var loops) && loops.FirstOrDefault(loop => loop.Reaches(entity.Type)) is { } loop)
            {
                return loop.Filter;
            }
        }

        return null;
    }

    private static Dictionary<ITypeSymbol, List<FinbuckleLoop>> LoopsByContext(TenantFilterIndex filters, ImmutableArray<INamedTypeSymbol> contexts, SemanticModelCache models)
    {
        var byContext = new Dictionary<ITypeSymbol, List<FinbuckleLoop>>(SymbolEqualityComparer.Default);
        foreach (var loop in filters.FinbuckleLoops)
        {
            foreach (var context in loop.ContextsRunningIt(contexts, models, CancellationToken.None))
            {
                if (!byContext.TryGetValue(context, out var loops))
                {
                    byContext.Add(context, loops = new List<FinbuckleLoop>());
                }

                loops.Add(loop);
            }
        }

        return byContext;
    }

    /// <summary>Implements ABP's <c>IMultiTenant</c>.</summary>
    public bool IsAbpEntity(ITypeSymbol type) =>
        symbols.AbpMultiTenant is { } marker && type.Satisfies(marker);

    /// <summary>Whether a mapped entity carries <paramref name="name"/>: a mapped CLR property, or a property the model names by string.</summary>
    public bool CarriesKey(EntityInfo entity, string name) =>
        MappedKeyProperty(entity.Type, name, symbols) is not null || entity.NamedProperties.ContainsKey(name);

    /// <summary>
    /// The CLR property <paramref name="name"/> of a type, its bases, interfaces or constraints, else the one spelled so in
    /// another case (<see cref="TenantKeys.ContainsName"/>); null when it has none or it is <c>[NotMapped]</c>.
    /// </summary>
    public static IPropertySymbol? MappedKeyProperty(ITypeSymbol type, string name, EfSymbols symbols) =>
        type.FindInstancePropertyInAnyCase(name) is { } property && !property.GetAttributes().Any(a => a.AttributeClass.IsDefinitionOf(symbols.NotMappedAttribute))
            ? property
            : null;

    /// <summary>
    /// The type of a shadow key the model does not type: Finbuckle's <c>string</c>, else the type the other entities
    /// declare the key with (most often), else null.
    /// </summary>
    public ITypeSymbol? KeyTypeOf(string name) =>
        _keyTypes.GetOrAdd(name, key => Model.Entities
            .Select(e => MappedKeyProperty(e.Type, key, symbols)?.Type ?? (e.NamedProperties.TryGetValue(key, out var declared) ? declared : null))
            .Where(type => type is not null)
            .GroupBy(type => type, SymbolEqualityComparer.Default)
            .OrderByDescending(group => group.Count())
            .Select(group => (ITypeSymbol?)group.Key)
            .FirstOrDefault());
}
