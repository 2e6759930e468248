using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>A type that holds one tenant's rows, with its tenant key and how it was declared (see <see cref="TenantEntities"/>).</summary>
/// <param name="Type">The type as asked about: an entity class, or a generic helper's type parameter in <see cref="TenantEntityScope.Queried"/>.</param>
/// <param name="Key">The tenant key: a CLR property (<c>TeamId</c>) or a shadow property.</param>
/// <param name="DeclaredBy">
/// What makes it a tenant entity: <see cref="TenantDeclaration.ConfiguredType"/>, <see cref="TenantDeclaration.Finbuckle"/>,
/// <see cref="TenantDeclaration.Abp"/>, else the key itself (<see cref="TenantDeclaration.Configured"/> or the key's
/// inference: a property or shadow property named like the key).
/// </param>
/// <param name="Entity">What the model says about it; null in <see cref="TenantEntityScope.Queried"/> when the key alone decided.</param>
internal sealed record TenantEntity(ITypeSymbol Type, TenantKey Key, TenantDeclaration DeclaredBy, EntityInfo? Entity)
{
    public string KeyName => Key.Name;

    /// <summary>How the report names the origin: property, shadow property, Finbuckle, ABP, configured type.</summary>
    public string Origin => Key.Via is { } via ? $"parent {via}" : DeclaredBy switch
    {
        TenantDeclaration.ConfiguredType => "configured type",
        TenantDeclaration.Finbuckle => "Finbuckle",
        TenantDeclaration.Abp => "ABP",
        _ => Key.IsShadow ? "shadow property" : "property",
    };
}
