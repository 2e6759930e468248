using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>What the readers have found so far while an <see cref="EntityModel"/> is built. Single-threaded.</summary>
internal sealed class ModelRegistry
{
    public Dictionary<ITypeSymbol, EntityInfo> Entities { get; } = new(SymbolEqualityComparer.Default);

    public HashSet<ITypeSymbol> Owned { get; } = new(SymbolEqualityComparer.Default);

    public HashSet<ITypeSymbol> Ignored { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Entities whose primary key the fluent API sets: the <c>Id</c> convention and <c>[Key]</c> no longer apply.</summary>
    public HashSet<ITypeSymbol> ExplicitPrimaryKeys { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Navigations (dependent type, navigation name) whose foreign key the fluent API names: the FK conventions no longer apply to them.</summary>
    public HashSet<(ITypeSymbol Dependent, string Navigation)> ConfiguredNavigations { get; } = new();

    /// <summary>Relationships configured without a <c>HasForeignKey</c>: their FK is found by convention.</summary>
    public List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)> ConventionalRelationships { get; } = new();

    /// <summary>Indexes declared in generic helpers on a type parameter or on a builder of unknown type: applied to every entity that reaches them.</summary>
    public List<SharedIndex> SharedIndexes { get; } = new();

    public bool ForeignKeyIndexConventionRemoved { get; set; }

    /// <summary>
    /// Methods compiled elsewhere that a body hands the <c>ModelBuilder</c> to (<c>modelBuilder.ApplyTenantIndexes()</c> of a
    /// shared project), with the DbContext whose <c>OnModelCreating</c> does so; null when a helper or configuration class does.
    /// </summary>
    public List<(INamedTypeSymbol? Context, string Helper)> UnreadModelHelpers { get; } = new();

    public bool UsesSnakeCaseNaming { get; set; }

    public EntityInfo GetOrAdd(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        if (!Entities.TryGetValue(definition, out var entity))
        {
            entity = new EntityInfo(definition);
            Entities.Add(definition, entity);
        }

        return entity;
    }

    public EntityInfo? Entity(ITypeSymbol? type) =>
        type is INamedTypeSymbol named ? GetOrAdd(named) : null;
}
