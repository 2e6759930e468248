using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>Titles and equivalence keys of model edits: one key per kind of change, so Fix All adds indexes with indexes and filters with filters.</summary>
internal static class ModelFixTitles
{
    public const string AddIndexKey = "TenantSafety.AddIndexToModel";
    public const string AddQueryFilterKey = "TenantSafety.AddQueryFilterToModel";
    public const string AddRelationshipKey = "TenantSafety.AddRelationshipToModel";

    public static string EquivalenceKeyFor(ModelEditKind kind) => kind switch
    {
        ModelEditKind.AddQueryFilter => AddQueryFilterKey,
        ModelEditKind.AddRelationship => AddRelationshipKey,
        _ => AddIndexKey,
    };

    /// <summary>The kind of edit an equivalence key stands for; null for none of ours (a host that passes another fixer's key, or none).</summary>
    public static ModelEditKind? KindFor(string? equivalenceKey) => equivalenceKey switch
    {
        AddIndexKey => ModelEditKind.AddIndex,
        AddQueryFilterKey => ModelEditKind.AddQueryFilter,
        AddRelationshipKey => ModelEditKind.AddRelationship,
        _ => null,
    };

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
