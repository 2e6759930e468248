using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// An index declared for entities the code does not name: in a generic helper on a type parameter
/// (<c>builder.HasIndex(e =&gt; e.TeamId)</c> with <c>where T : ITeamOwned</c>), or on an untyped builder in a loop over the
/// model (<c>modelBuilder.Entity(t.ClrType).HasIndex("TeamId")</c>), whose guards decide which entities reach it
/// (<see cref="EntityTypeLoop"/>). It goes to every entity that reaches it and has its columns.
/// </summary>
/// <param name="Index">The index.</param>
/// <param name="Required">Types an entity must be, derive from or implement: the helper's constraints, the loop's required guards.</param>
/// <param name="Excluded">Types whose implementers and subclasses the loop skips.</param>
/// <param name="RequiredProperties">Properties an entity must have to reach the call.</param>
/// <param name="ExcludedProperties">Properties whose entities the loop skips.</param>
/// <param name="Context">The DbContext whose own model the loop runs over (<c>modelBuilder.Model.GetEntityTypes()</c> in its <c>OnModelCreating</c>); null when any context may run it.</param>
internal sealed record SharedIndex(
    IndexDefinition Index,
    ImmutableArray<ITypeSymbol> Required,
    ImmutableArray<ITypeSymbol> Excluded,
    ImmutableArray<string> RequiredProperties,
    ImmutableArray<string> ExcludedProperties,
    ITypeSymbol? Context)
{
    /// <summary>Whether <paramref name="entity"/>, whose declared properties are <paramref name="propertyNames"/>, gets the index.</summary>
    public bool Reaches(EntityInfo entity, ImmutableHashSet<string> propertyNames) =>
        Required.All(entity.Type.Satisfies)
        && !Excluded.Any(entity.Type.Satisfies)
        && RequiredProperties.All(propertyNames.Contains)
        && !ExcludedProperties.Any(propertyNames.Contains)
        && (Context is null || entity.Contexts.Contains(Context, SymbolEqualityComparer.Default))
        && Index.Properties.All(propertyNames.Contains);
}
