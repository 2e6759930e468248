using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The interfaces and base classes <c>tenant_safety.tenant_types</c> or <c>tenant_safety.global_types</c> name, matched
/// by simple name (<c>ITenantEntity</c>, <c>BaseEntity</c> for <c>BaseEntity&lt;TId&gt;</c>) or namespace-qualified name
/// against a type, its base classes and its interfaces (a type parameter through its constraints).
/// </summary>
internal sealed class TenantTypeNames
{
    private readonly ImmutableArray<string> _names;

    public TenantTypeNames(ImmutableArray<string> configured)
    {
        // "BaseEntity<TId>" and "BaseEntity`1" mean BaseEntity.
        _names = configured.Select(name => name.Split('<', '`')[0].Trim()).Where(name => name.Length > 0).ToImmutableArray();
    }

    public bool IsEmpty => _names.IsEmpty;

    /// <summary>The configured names as written, for messages.</summary>
    public string Display => string.Join(", ", _names);

    /// <summary>The configured type <paramref name="type"/> is, derives from or implements; null when none.</summary>
    public INamedTypeSymbol? Match(ITypeSymbol? type)
    {
        if (_names.IsEmpty || type is null)
        {
            return null;
        }

        if (type is ITypeParameterSymbol parameter)
        {
            return parameter.ConstraintTypes.Select(Match).FirstOrDefault(found => found is not null);
        }

        foreach (var candidate in type.SelfAndBaseClasses().Concat(type.AllInterfaces))
        {
            if (IsNamed(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private bool IsNamed(INamedTypeSymbol type)
    {
        foreach (var name in _names)
        {
            if (name.IndexOf('.') < 0
                ? string.Equals(type.Name, name, StringComparison.Ordinal)
                : string.Equals(QualifiedName(type), name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The namespace-qualified name a setting names <paramref name="type"/> by (<c>Shop.Catalog.Product</c>), matching it alone.</summary>
    public static string QualifiedName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.Name : type.Name;
}
