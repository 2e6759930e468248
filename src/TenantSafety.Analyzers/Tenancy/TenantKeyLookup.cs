using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Configuration;

namespace TenantSafety.Analyzers.Model;

/// <summary>Finds the tenant-key property of a type: declared, inherited, from an interface, or from a type parameter's constraints.</summary>
internal static class TenantKeyLookup
{
    public static IPropertySymbol? FindTenantKey(ITypeSymbol? type, TenantSafetyOptions options)
    {
        if (type is null)
        {
            return null;
        }

        // Configured order wins: with "TeamId, TenantId" an entity with both is keyed by TeamId.
        foreach (var name in options.TenantProperties)
        {
            var property = FindProperty(type, name);
            if (property is not null)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>The instance property <paramref name="name"/> of a type, its bases, its interfaces or a type parameter's constraints.</summary>
    public static IPropertySymbol? FindProperty(ITypeSymbol type, string name) =>
        FindProperty(type, name, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static IPropertySymbol? FindProperty(ITypeSymbol type, string name, HashSet<ITypeSymbol> visited)
    {
        if (!visited.Add(type))
        {
            return null;
        }

        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                var fromConstraint = FindProperty(constraint, name, visited);
                if (fromConstraint is not null)
                {
                    return fromConstraint;
                }
            }

            return null;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    return property;
                }
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            foreach (var member in implemented.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false } property)
                {
                    return property;
                }
            }
        }

        return null;
    }
}
