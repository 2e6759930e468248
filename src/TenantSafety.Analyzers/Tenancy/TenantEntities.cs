using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The one definition of a tenant entity, for one compilation and one tenant-key configuration: whether a type holds
/// tenant rows, its tenant key, and the tenant query filters that scope it. Every rule and the report ask here, so
/// they never disagree about which types are tenant entities. Where they need different things of the model, the
/// difference is the <see cref="TenantEntityScope"/> they pass.
/// </summary>
internal sealed class TenantEntities
{
    private readonly Func<EntityModel> _model;
    private readonly Lazy<TenantFilterIndex> _filters;

    /// <param name="options">The tenant-key configuration; only <see cref="TenantSafetyOptions.TenantProperties"/> is read.</param>
    /// <param name="symbols">The compilation's EF Core symbols.</param>
    /// <param name="model">The compilation's entity model, built on first use.</param>
    /// <param name="filters">Builds the tenant-filter index, on first use, with this configuration's <see cref="Predicate"/>.</param>
    public TenantEntities(TenantSafetyOptions options, EfSymbols symbols, Func<EntityModel> model, Func<TenantPredicate, TenantFilterIndex> filters)
    {
        Options = options;
        Predicate = new TenantPredicate(options, symbols);
        _model = model;
        _filters = new Lazy<TenantFilterIndex>(() => filters(Predicate), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TenantSafetyOptions Options { get; }

    /// <summary>What scopes a query to a tenant: a predicate on the tenant key.</summary>
    public TenantPredicate Predicate { get; }

    /// <summary>
    /// The tenant key of <paramref name="type"/>, from the type alone: the first configured name it has, declared,
    /// inherited, from an interface or from a type parameter's constraints. With <c>TeamId, TenantId</c> a type that has
    /// both is keyed by <c>TeamId</c>. Null when it has none.
    /// </summary>
    public IPropertySymbol? KeyOf(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var name in Options.TenantProperties)
        {
            if (type.FindInstanceProperty(name) is { } property)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Whether a property name is one of the configured tenant keys, whatever type it is on.</summary>
    public bool IsTenantKeyName(string propertyName) => Options.IsTenantPropertyName(propertyName);

    /// <summary><paramref name="type"/> as a tenant entity in <paramref name="scope"/>; null when it is not one.</summary>
    public TenantEntity? Find(ITypeSymbol? type, TenantEntityScope scope)
    {
        // The key first: a type without one never waits for the model.
        if (type is null || KeyOf(type) is not { } key)
        {
            return null;
        }

        if (scope == TenantEntityScope.Queried)
        {
            return new TenantEntity(type, key, entity: null);
        }

        return _model().Find(type) is { } entity && IsIn(entity, scope) ? new TenantEntity(type, key, entity) : null;
    }

    /// <summary>Every tenant entity of the model in <paramref name="scope"/>, in the model's order.</summary>
    public IEnumerable<TenantEntity> All(TenantEntityScope scope)
    {
        foreach (var entity in _model().Entities)
        {
            if (IsIn(entity, scope) && KeyOf(entity.Type) is { } key)
            {
                yield return new TenantEntity(entity.Type, key, entity);
            }
        }
    }

    /// <summary>The tenant query filters that apply to queries over <paramref name="type"/>; empty when none.</summary>
    public ImmutableArray<TenantFilter> FiltersOf(ITypeSymbol? type) => _filters.Value.FiltersFor(type);

    /// <inheritdoc cref="TenantFilterIndex.HasUnnamedNonTenantFilter"/>
    public bool HasUnnamedNonTenantFilter(ITypeSymbol? type) => _filters.Value.HasUnnamedNonTenantFilter(type);

    private static bool IsIn(EntityInfo entity, TenantEntityScope scope) => scope switch
    {
        TenantEntityScope.OwnTable => entity.HasOwnTable,
        TenantEntityScope.NamedInSql => !entity.IsOwned,
        _ => true,
    };
}
