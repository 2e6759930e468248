using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// What a model rule tells its fix (TSA2001, TSA2002, TSA2003, TSA1007): the entity, the statement to add, and
/// where the entity is configured — the kind in <see cref="SiteKind"/>, the node as the first additional location.
/// The fixer edits that place without rebuilding the model.
/// </summary>
public static class ModelFixProperties
{
    /// <summary>The entity class name as written in C# (<c>Lead</c>).</summary>
    public const string Entity = "Entity";

    /// <summary>A <see cref="ConfigurationSiteKind"/> name; absent when the entity is configured nowhere a fix can edit.</summary>
    public const string SiteKind = "SiteKind";

    /// <summary>The builder call to add after <c>builder.</c>, e.g. <c>HasIndex(e =&gt; e.TeamId)</c>.</summary>
    public const string BuilderCall = "BuilderCall";

    /// <summary>The tenant key, for fixes that compare it (TSA1007).</summary>
    public const string TenantKey = "TenantKey";

    /// <summary>
    /// Present when the tenant key is a shadow property: its CLR type as C# writes it (<c>Guid</c>, <c>string</c>), or
    /// empty when the model does not say. Fixes then read it as <c>EF.Property&lt;Guid&gt;(e, "TeamId")</c> and name it by string.
    /// </summary>
    public const string ShadowKeyType = "ShadowKeyType";

    internal static (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> AdditionalLocations) For(
        EntityInfo entity,
        string builderCall,
        ConfigurationSite? site,
        string? tenantKey = null,
        string? shadowKeyType = null)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[Entity] = entity.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        properties[BuilderCall] = builderCall;
        if (tenantKey is not null)
        {
            properties[TenantKey] = tenantKey;
        }

        if (shadowKeyType is not null)
        {
            properties[ShadowKeyType] = shadowKeyType;
        }

        if (site is null)
        {
            return (properties.ToImmutable(), ImmutableArray<Location>.Empty);
        }

        properties[SiteKind] = site.Kind.ToString();
        return (properties.ToImmutable(), ImmutableArray.Create(site.Syntax.GetSyntax().GetLocation()));
    }
}
