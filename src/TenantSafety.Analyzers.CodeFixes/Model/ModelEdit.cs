using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>What a model edit does.</summary>
internal enum ModelEditKind
{
    /// <summary>Adds <see cref="ModelEdit.Index"/>: a <c>HasIndex</c> call at the configuration site, or an <c>[Index]</c> on the entity class.</summary>
    AddIndex,

    /// <summary>Rewrites the columns of an existing <c>HasIndex</c> call or <c>[Index]</c> to <see cref="ModelEdit.Index"/>, which starts with them.</summary>
    WidenIndex,

    /// <summary>Adds <c>HasOne&lt;Principal&gt;().WithMany().HasForeignKey(…)</c> at the configuration site.</summary>
    AddRelationship,

    /// <summary>Adds <c>HasQueryFilter(e =&gt; e.TeamId == current)</c> at the configuration site.</summary>
    AddQueryFilter,
}

/// <summary>
/// One change to one document: the node at <see cref="Span"/> (a configuration site, the entity's class, or an index
/// declaration) and what to do there, with the analyzer's <see cref="ModelFix"/> for the rest (entity, tenant key).
/// </summary>
/// <param name="Kind">What the edit does.</param>
/// <param name="Document">The document it changes.</param>
/// <param name="Span">The node it edits.</param>
/// <param name="Fix">The analyzer's fix it carries out.</param>
/// <param name="Index">The index to add or widen to: the diagnostic's own, or the one Fix All merged it into.</param>
/// <param name="AtAttribute">The edit is on an <c>[Index]</c> attribute or adds one, rather than a fluent call.</param>
/// <param name="SiteKind">How the entity is configured at <paramref name="Span"/>, for fluent additions.</param>
/// <param name="Widened">The columns of the index <see cref="ModelEditKind.WidenIndex"/> rewrites, as they were.</param>
internal sealed record ModelEdit(ModelEditKind Kind, DocumentId Document, TextSpan Span, ModelFix Fix, IndexShape? Index = null, bool AtAttribute = false, ConfigurationSiteKind? SiteKind = null, IndexShape? Widened = null);
