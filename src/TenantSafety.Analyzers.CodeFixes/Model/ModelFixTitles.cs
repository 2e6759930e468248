using System;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>Titles and equivalence keys of model edits: one key per kind of call, so Fix All adds indexes with indexes and filters with filters.</summary>
internal static class ModelFixTitles
{
    public const string AddIndexKey = "TenantSafety.AddIndexToModel";
    public const string AddQueryFilterKey = "TenantSafety.AddQueryFilterToModel";
    public const string AddRelationshipKey = "TenantSafety.AddRelationshipToModel";

    public static string EquivalenceKeyFor(ModelEdit edit)
    {
        if (edit.BuilderCall.StartsWith("HasQueryFilter", StringComparison.Ordinal))
        {
            return AddQueryFilterKey;
        }

        return edit.BuilderCall.StartsWith("HasOne", StringComparison.Ordinal) ? AddRelationshipKey : AddIndexKey;
    }

    public static string TitleFor(ModelEdit edit)
    {
        var call = edit.BuilderCall.Replace("$p", "e").Replace("$value", "…");
        var place = edit.Kind switch
        {
            Analyzers.Model.ConfigurationSiteKind.EntityTypeConfiguration => $"{edit.Entity}'s configuration",
            Analyzers.Model.ConfigurationSiteKind.ContextClass => "a new OnModelCreating",
            _ => "OnModelCreating",
        };
        return $"Add {call} to {place}";
    }
}
