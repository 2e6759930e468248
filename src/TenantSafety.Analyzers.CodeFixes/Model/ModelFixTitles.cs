using System;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>Titles and equivalence keys of model edits: one key per kind of change, so Fix All adds indexes with indexes and filters with filters.</summary>
internal static class ModelFixTitles
{
    // One rule names every key: "TenantSafety." + the kind + "ToModel" ("TenantSafety.AddIndexToModel").
    private const string KeyPrefix = "TenantSafety.";
    private const string KeySuffix = "ToModel";

    public const string AddIndexKey = KeyPrefix + nameof(ModelEditKind.AddIndex) + KeySuffix;
    public const string AddQueryFilterKey = KeyPrefix + nameof(ModelEditKind.AddQueryFilter) + KeySuffix;
    public const string AddRelationshipKey = KeyPrefix + nameof(ModelEditKind.AddRelationship) + KeySuffix;

    /// <summary>Widening an index shares the key of adding one, so Fix All does both together.</summary>
    public static string EquivalenceKeyFor(ModelEditKind kind) =>
        KeyPrefix + (kind == ModelEditKind.WidenIndex ? ModelEditKind.AddIndex : kind) + KeySuffix;

    /// <summary>The kind of edit an equivalence key stands for; null for none of ours (a host that passes another fixer's key, or none).</summary>
    public static ModelEditKind? KindFor(string? equivalenceKey)
    {
        if (equivalenceKey is null || !equivalenceKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || !equivalenceKey.EndsWith(KeySuffix, StringComparison.Ordinal))
        {
            return null;
        }

        // The round trip keeps out what the rule does not produce: WidenIndex's own name, numbers, other spellings.
        var name = equivalenceKey.Substring(KeyPrefix.Length, equivalenceKey.Length - KeyPrefix.Length - KeySuffix.Length);
        return Enum.TryParse<ModelEditKind>(name, out var kind) && EquivalenceKeyFor(kind) == equivalenceKey ? kind : null;
    }

    public static string TitleFor(ModelEdit edit)
    {
        var fix = edit.Fix;
        var place = edit.SiteKind switch
        {
            ConfigurationSiteKind.EntityTypeConfiguration => $"{fix.Entity}'s configuration",
            ConfigurationSiteKind.ContextClass => "a new OnModelCreating",
            _ => "OnModelCreating",
        };
        return edit.Kind switch
        {
            ModelEditKind.WidenIndex => $"Extend index ({edit.Widened}) on {fix.Entity} to ({edit.Index})",
            ModelEditKind.AddIndex when edit.AtAttribute => $"Add [{ModelFixRenderer.IndexAttribute(edit.Index!, fix.TenantKey)}] to {fix.Entity}",
            ModelEditKind.AddIndex => $"Add {ModelFixRenderer.IndexCall(edit.Index!, "e", fix.TenantKey)} to {place}",
            ModelEditKind.AddRelationship => $"Add {ModelFixRenderer.RelationshipCall(fix.RelationshipPrincipal!, fix.Index!.Columns[0], "e")} to {place}",
            _ => $"Add {ModelFixRenderer.QueryFilterCall(fix.TenantKey!, "e", "…")} to {place}",
        };
    }

    /// <summary>The title of Fix All: what it adds, to how many entities.</summary>
    public static string FixAllTitle(ModelEditKind kind, int entities)
    {
        var what = kind switch
        {
            ModelEditKind.AddQueryFilter => "tenant query filters",
            ModelEditKind.AddRelationship => "the relationships",
            _ => "the missing indexes",
        };
        return $"Add {what} to {entities} entit{(entities == 1 ? "y" : "ies")}";
    }
}
