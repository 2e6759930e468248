using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The tenant key of one entity: a mapped CLR property (declared, inherited, from an interface or a constraint) or a
/// shadow property the model declares by name (<c>Property&lt;Guid&gt;("TeamId")</c>, Finbuckle's <c>TenantId</c>).
/// </summary>
/// <param name="Name">The property's name.</param>
/// <param name="Property">The CLR property; null for a shadow key.</param>
/// <param name="Type">The key's CLR type; null for a shadow key whose type the model does not say.</param>
/// <param name="IsAssumed">
/// A key no code of this compilation declares: an entity of a configured tenant type (<c>tenant_safety.tenant_types</c>)
/// that carries no such property, and no shadow property of that name in the model. Its filter may reach the tenant
/// through a navigation (<c>e =&gt; e.Shelf.TenantId == …</c>), so its table may have no such column: no rule asks for
/// an index on it, and no fix writes it. Also the key of a child entity reached through its parent (<paramref name="Via"/>).
/// </param>
/// <param name="Via">
/// For a child entity with no key of its own, the required reference navigation to the tenant entity whose key places
/// its rows in a tenant (<c>DddFile</c> of a <c>DriverActivity</c>, read as <c>a.DddFile.CompanyId</c>); null for a key of
/// the entity itself.
/// </param>
internal sealed record TenantKey(string Name, IPropertySymbol? Property, ITypeSymbol? Type, bool IsAssumed = false, string? Via = null)
{
    /// <summary>A shadow property: queries read it as <c>EF.Property&lt;T&gt;(e, "TeamId")</c>, indexes name it by string.</summary>
    public bool IsShadow => Property is null;

    public static TenantKey Clr(IPropertySymbol property) => new(property.Name, property, property.Type);

    public static TenantKey Shadow(string name, ITypeSymbol? type) => new(name, Property: null, type);

    public static TenantKey Assumed(string name, ITypeSymbol? type) => new(name, Property: null, type, IsAssumed: true);

    /// <summary>The key of a child entity: its parent's key, read through <paramref name="navigation"/>; no column of the child's table.</summary>
    public static TenantKey ThroughParent(string navigation, TenantKey parentKey) => new(parentKey.Name, Property: null, parentKey.Type, IsAssumed: true, Via: navigation);

    /// <summary>How messages name the key: <c>TeamId</c>, or <c>DddFile.CompanyId</c> for a key read through a parent.</summary>
    public string Display => Via is null ? Name : $"{Via}.{Name}";

    /// <summary>Whether a fix can write the key: a known column, of a known type when it is a shadow property.</summary>
    public bool IsWritable => !IsAssumed && !(IsShadow && Type is null);

    /// <summary>The type as C# writes it in a fix (<c>Guid</c>, <c>string</c>, <c>Guid?</c>); null when unknown.</summary>
    public string? TypeDisplay => Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>The value of the <c>ShadowKeyType</c> diagnostic property: the type of a shadow key (empty when unknown), null for a CLR key.</summary>
    public string? ShadowTypeProperty => IsShadow ? TypeDisplay ?? string.Empty : null;

    /// <summary>How a lambda over <paramref name="parameter"/> reads the key: <c>x.TeamId</c>, or <c>EF.Property&lt;Guid&gt;(x, "TeamId")</c> for a shadow key.</summary>
    public string AccessOn(string parameter) =>
        IsShadow ? $"EF.Property<{TypeDisplay ?? "object"}>({parameter}, \"{Name}\")" : $"{parameter}.{Name}";

    /// <summary>The key as a fix writes it; a shadow key of unknown type is read as <c>object</c>.</summary>
    public TenantKeyReference Reference => IsShadow ? TenantKeyReference.Shadow(Name, TypeDisplay ?? "object") : TenantKeyReference.Property(Name);

    public override string ToString() => IsShadow ? $"{Name} (shadow {TypeDisplay})" : Name;
}
