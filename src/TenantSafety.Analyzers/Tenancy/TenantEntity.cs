using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>A type that holds one tenant's rows, with its tenant key (see <see cref="TenantEntities"/>).</summary>
internal sealed class TenantEntity
{
    public TenantEntity(ITypeSymbol type, IPropertySymbol key, EntityInfo? entity)
    {
        Type = type;
        Key = key;
        Entity = entity;
    }

    /// <summary>The type as asked about: an entity class, or a generic helper's type parameter in <see cref="TenantEntityScope.Queried"/>.</summary>
    public ITypeSymbol Type { get; }

    /// <summary>The tenant-key property (<c>TeamId</c>): declared, inherited, from an interface or a constraint.</summary>
    public IPropertySymbol Key { get; }

    public string KeyName => Key.Name;

    /// <summary>What the model says about it; null in <see cref="TenantEntityScope.Queried"/>, which never asks the model.</summary>
    public EntityInfo? Entity { get; }
}
