using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Configuration;

/// <summary>The <c>.editorconfig</c> keys the rules read, one typed value each.</summary>
internal sealed class TenantSafetyOptions : IEquatable<TenantSafetyOptions>
{
    public const string TenantPropertyKey = "tenant_safety.tenant_property";
    public const string TenantValueKey = "tenant_safety.tenant_value";
    public const string HotEntitiesKey = "tenant_safety.hot_entities";
    public const string TenantTypesKey = "tenant_safety.tenant_types";
    public const string GlobalTypesKey = "tenant_safety.global_types";

    /// <summary>The keys in the order <see cref="ReadText"/> writes their values.</summary>
    private static readonly string[] s_keys = { TenantPropertyKey, TenantValueKey, HotEntitiesKey, TenantTypesKey, GlobalTypesKey };

    /// <summary>No key set: the tenant key is inferred (see <c>Tenancy/TenantKeyInference</c>).</summary>
    public static readonly TenantSafetyOptions Default = new(
        ImmutableArray<string>.Empty,
        tenantValue: null,
        ImmutableArray<string>.Empty,
        ImmutableArray<string>.Empty,
        ImmutableArray<string>.Empty);

    private TenantSafetyOptions(
        ImmutableArray<string> tenantProperties,
        string? tenantValue,
        ImmutableArray<string> hotEntities,
        ImmutableArray<string> tenantTypes,
        ImmutableArray<string> globalTypes)
    {
        TenantProperties = tenantProperties;
        TenantValue = tenantValue;
        HotEntities = hotEntities;
        TenantTypes = tenantTypes;
        GlobalTypes = globalTypes;
        CacheKey = string.Join(",", tenantProperties) + "|" + string.Join(",", tenantTypes) + "|" + string.Join(",", globalTypes);
    }

    /// <summary>Property names configured as the tenant key; empty when none is configured and the key is inferred. When configured, only these names count.</summary>
    public ImmutableArray<string> TenantProperties { get; }

    /// <summary>A C# expression the code fix may use as the current tenant (e.g. <c>_currentTeam.Id</c>).</summary>
    public string? TenantValue { get; }

    /// <summary>Entities expected to be busy (class or table names): their queries need composite indexes (TSA2002).</summary>
    public ImmutableArray<string> HotEntities { get; }

    /// <summary>
    /// Interfaces and base classes (simple or namespace-qualified names) whose mapped implementers and subclasses are
    /// tenant entities with a tenant filter: for models that apply tenancy in a loop or through a base type.
    /// </summary>
    public ImmutableArray<string> TenantTypes { get; }

    /// <summary>Interfaces and base classes whose implementers and subclasses are never tenant entities (shared, global rows).</summary>
    public ImmutableArray<string> GlobalTypes { get; }

    /// <summary>Identifies the tenancy configuration (keys and types): analyses that depend only on it share it.</summary>
    public string CacheKey { get; }

    public static TenantSafetyOptions Read(AnalyzerConfigOptionsProvider provider, SyntaxTree tree) => Parse(ReadText(provider, tree));

    /// <summary>
    /// The keys' values for <paramref name="tree"/> as written (the file's section, else the global config), one string:
    /// every file of a project usually shares it, so a caller can parse it once (<see cref="Parse"/>).
    /// </summary>
    public static string ReadText(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        var treeOptions = provider.GetOptions(tree);
        return string.Join(
            "\n",
            s_keys.Select(key => ReadString(treeOptions, key) ?? ReadString(provider.GlobalOptions, key)).Select(value => value is null ? "\u0000" : value.Replace("\n", " ")));
    }

    /// <summary>The options <see cref="ReadText"/> wrote.</summary>
    public static TenantSafetyOptions Parse(string text)
    {
        var values = text.Split('\n').Select(value => value == "\u0000" ? null : value).ToArray();
        var properties = ReadList(values[0]);
        var value = values[1];
        var hot = ReadList(values[2]);
        var tenantTypes = ReadList(values[3]);
        var globalTypes = ReadList(values[4]);
        if (properties is null && value is null && hot is null && tenantTypes is null && globalTypes is null)
        {
            return Default;
        }

        return new TenantSafetyOptions(
            properties ?? ImmutableArray<string>.Empty,
            value,
            hot ?? ImmutableArray<string>.Empty,
            tenantTypes ?? ImmutableArray<string>.Empty,
            globalTypes ?? ImmutableArray<string>.Empty);
    }

    /// <summary>Whether an entity is listed as hot, by class name or by any of its table names, any case.</summary>
    public bool IsHot(string className, string tableName)
    {
        foreach (var hot in HotEntities)
        {
            if (string.Equals(hot, className, StringComparison.OrdinalIgnoreCase) || string.Equals(hot, tableName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(TenantSafetyOptions? other) =>
        other is not null && CacheKey == other.CacheKey && TenantValue == other.TenantValue && HotEntities.SequenceEqual(other.HotEntities, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TenantSafetyOptions);

    public override int GetHashCode() => CacheKey.GetHashCode();

    private static ImmutableArray<string>? ReadList(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var names = text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.Trim())
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        return names.IsEmpty ? null : names;
    }

    private static string? ReadString(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
