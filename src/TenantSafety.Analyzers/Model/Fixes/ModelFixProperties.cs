using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>
/// The one place a <see cref="ModelFix"/> becomes diagnostic properties and additional locations, and back. The
/// analyzers write it, the fixers and the report tool read it; no consumer reads a property by its name. Values are
/// data (property names, flags, kinds), never code: <see cref="ModelFixRenderer"/> writes the code.
/// </summary>
internal static class ModelFixProperties
{
    /// <summary>The tenant key's property name. The scoping rules (TSA1001–TSA1005) set this one property too.</summary>
    public const string TenantKey = "TenantKey";

    private const string Entity = "Entity";
    private const string EntityType = "EntityType";
    private const string TenantKeyForm = "TenantKeyForm";
    private const string TenantKeyType = "TenantKeyType";
    private const string SiteKind = "SiteKind";
    private const string SiteLocation = "SiteLocation";
    private const string EntityLocation = "EntityLocation";
    private const string IndexColumns = "IndexColumns";
    private const string IndexDescending = "IndexDescending";
    private const string IndexUnique = "IndexUnique";
    private const string IndexEqualityColumns = "IndexEqualityColumns";
    private const string IndexPlacementKey = "IndexPlacement";
    private const string ReplaceablePrefix = "Replaceable";
    private const string RelationshipPrincipal = "RelationshipPrincipal";
    private const string QueryFilterKey = "QueryFilter";

    /// <summary>Separates the names of a list; property names are identifiers, so never contain it.</summary>
    private const char Separator = ',';

    public static (ImmutableDictionary<string, string?> Properties, ImmutableArray<Location> AdditionalLocations) Write(ModelFix fix)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        var locations = ImmutableArray.CreateBuilder<Location>();
        properties[Entity] = fix.Entity;
        properties[EntityType] = fix.EntityType;
        if (fix.TenantKey is { } key)
        {
            WriteTenantKey(properties, key);
        }

        if (fix is { SiteKind: { } kind, Site: { } site })
        {
            properties[SiteKind] = EnumNames<ConfigurationSiteKind>.Of(kind);
            properties[SiteLocation] = Add(locations, site);
        }

        if (fix.EntityDeclaration is { } declaration)
        {
            properties[EntityLocation] = Add(locations, declaration);
        }

        if (fix.Index is { } index)
        {
            WriteIndex(properties, string.Empty, index);
            properties[IndexPlacementKey] = EnumNames<IndexPlacement>.Of(fix.Placement);
        }

        for (var i = 0; i < fix.Replaceable.Length; i++)
        {
            var prefix = $"{ReplaceablePrefix}{i}.";
            var replaceable = fix.Replaceable[i];
            WriteIndex(properties, prefix, replaceable.Shape);
            properties[prefix + "Location"] = Add(locations, replaceable.Declaration);
            if (replaceable.IsAttribute)
            {
                properties[prefix + "Attribute"] = "true";
            }
        }

        if (fix.RelationshipPrincipal is { } principal)
        {
            properties[RelationshipPrincipal] = principal;
        }

        if (fix.QueryFilter is { } filter)
        {
            properties[QueryFilterKey] = EnumNames<QueryFilterKind>.Of(filter);
        }

        return (properties.ToImmutable(), locations.ToImmutable());
    }

    /// <summary>The fix a diagnostic carries; null when it carries none (another rule's, or written by another version).</summary>
    public static ModelFix? Read(Diagnostic diagnostic) => Read(diagnostic.Properties, diagnostic.AdditionalLocations);

    /// <summary>
    /// The fix in <paramref name="properties"/>. Without <paramref name="additionalLocations"/> (a tool that has only the
    /// properties, such as the report's SARIF input) the places are null and the data is complete.
    /// </summary>
    public static ModelFix? Read(IReadOnlyDictionary<string, string?> properties, IReadOnlyList<Location>? additionalLocations = null)
    {
        if (Get(properties, Entity) is not { } entity || Get(properties, EntityType) is not { } entityType)
        {
            return null;
        }

        var locations = additionalLocations ?? Array.Empty<Location>();
        var replaceable = ImmutableArray.CreateBuilder<ExistingIndex>();
        for (var i = 0; ReadIndex(properties, $"{ReplaceablePrefix}{i}.") is { } shape; i++)
        {
            if (LocationAt(properties, locations, $"{ReplaceablePrefix}{i}.Location") is { } declaration)
            {
                replaceable.Add(new ExistingIndex(shape, declaration, Get(properties, $"{ReplaceablePrefix}{i}.Attribute") == "true"));
            }
        }

        return new ModelFix(
            entity,
            entityType,
            ReadTenantKey(properties),
            Enum.TryParse<ConfigurationSiteKind>(Get(properties, SiteKind), out var kind) ? kind : null,
            LocationAt(properties, locations, SiteLocation),
            LocationAt(properties, locations, EntityLocation),
            ReadIndex(properties, string.Empty),
            Enum.TryParse<IndexPlacement>(Get(properties, IndexPlacementKey), out var placement) ? placement : IndexPlacement.Fluent,
            replaceable.ToImmutable(),
            Get(properties, RelationshipPrincipal),
            Enum.TryParse<QueryFilterKind>(Get(properties, QueryFilterKey), out var filter) ? filter : null);
    }

    /// <summary>The properties of a scoping rule's diagnostic (TSA1001–TSA1005): the tenant key alone.</summary>
    public static ImmutableDictionary<string, string?> WriteTenantKey(TenantKeyReference key)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        WriteTenantKey(properties, key);
        return properties.ToImmutable();
    }

    /// <summary>The tenant key of any rule's diagnostic (the scoping rules set only this); null when it names none.</summary>
    public static TenantKeyReference? ReadTenantKey(IReadOnlyDictionary<string, string?> properties)
    {
        if (Get(properties, TenantKey) is not { } name)
        {
            return null;
        }

        return Get(properties, TenantKeyForm) == nameof(Fixes.TenantKeyForm.Shadow) && Get(properties, TenantKeyType) is { } type
            ? TenantKeyReference.Shadow(name, type)
            : TenantKeyReference.Property(name);
    }

    private static void WriteTenantKey(ImmutableDictionary<string, string?>.Builder properties, TenantKeyReference key)
    {
        properties[TenantKey] = key.Name;
        if (key.IsShadow)
        {
            properties[TenantKeyForm] = EnumNames<TenantKeyForm>.Of(key.Form);
            properties[TenantKeyType] = key.ClrType;
        }
    }

    private static void WriteIndex(ImmutableDictionary<string, string?>.Builder properties, string prefix, IndexShape index)
    {
        if (index.Columns.Any(c => c.IndexOf(Separator) >= 0))
        {
            throw new ArgumentException($"A column name contains '{Separator}': {index}.", nameof(index));
        }

        properties[prefix + IndexColumns] = string.Join(Separator.ToString(), index.Columns);
        if (index.HasDescending)
        {
            properties[prefix + IndexDescending] = string.Join(Separator.ToString(), index.Descending.Select(d => d ? "true" : "false"));
        }

        if (index.IsUnique)
        {
            properties[prefix + IndexUnique] = "true";
        }

        if (index.EqualityColumns > 0)
        {
            properties[prefix + IndexEqualityColumns] = index.EqualityColumns.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static IndexShape? ReadIndex(IReadOnlyDictionary<string, string?> properties, string prefix)
    {
        if (Get(properties, prefix + IndexColumns) is not { Length: > 0 } columnList)
        {
            return null;
        }

        var columns = columnList.Split(Separator).ToImmutableArray();
        var descending = Get(properties, prefix + IndexDescending) is { } flags
            ? flags.Split(Separator).Select(f => f == "true").ToImmutableArray()
            : default;
        if (!descending.IsDefault && descending.Length != columns.Length)
        {
            return null;
        }

        var equalities = int.TryParse(Get(properties, prefix + IndexEqualityColumns), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        return new IndexShape(columns, descending, Get(properties, prefix + IndexUnique) == "true", equalities);
    }

    private static string Add(ImmutableArray<Location>.Builder locations, Location location)
    {
        locations.Add(location);
        return (locations.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    private static Location? LocationAt(IReadOnlyDictionary<string, string?> properties, IReadOnlyList<Location> locations, string key) =>
        int.TryParse(Get(properties, key), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < locations.Count ? locations[index] : null;

    private static string? Get(IReadOnlyDictionary<string, string?> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value : null;
}
