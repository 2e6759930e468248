using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>EF Core's conventions for which properties of a class it maps, and which of those are columns.</summary>
internal static class MappedProperties
{
    /// <summary>
    /// The properties EF Core maps by convention, navigations included: public instance properties with a getter, the
    /// inherited ones too (the most derived declaration of a name wins), <c>[NotMapped]</c> excluded.
    /// </summary>
    public static IEnumerable<IPropertySymbol> Of(ITypeSymbol type, INamedTypeSymbol? notMapped)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var current in type.SelfAndBaseClasses())
        {
            foreach (var member in current.GetMembers())
            {
                // A declaration of the right shape hides the base's of that name, even when it is [NotMapped].
                if (member is IPropertySymbol property && HasMappedShape(property) && names.Add(property.Name) && !IsNotMapped(property, notMapped))
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>The mapped properties that are columns (<see cref="IsColumn"/>), the inherited ones included.</summary>
    public static IEnumerable<IPropertySymbol> Columns(ITypeSymbol type, INamedTypeSymbol? notMapped) =>
        Of(type, notMapped).Where(property => IsColumn(property, notMapped));

    /// <summary>
    /// Whether a mapped property is a column: its getter is public and it has a setter of any accessibility. Computed
    /// (<c>=&gt; …</c>) and get-only properties are no columns.
    /// </summary>
    public static bool IsColumn(IPropertySymbol property, INamedTypeSymbol? notMapped) =>
        IsMapped(property, notMapped)
        && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
        && property.SetMethod is not null;

    private static bool IsMapped(IPropertySymbol property, INamedTypeSymbol? notMapped) => HasMappedShape(property) && !IsNotMapped(property, notMapped);

    private static bool HasMappedShape(IPropertySymbol property) =>
        property is { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null };

    private static bool IsNotMapped(IPropertySymbol property, INamedTypeSymbol? notMapped) =>
        property.GetAttributes().Any(a => a.AttributeClass.IsDefinitionOf(notMapped));
}
