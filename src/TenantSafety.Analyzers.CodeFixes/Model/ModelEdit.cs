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
internal sealed class ModelEdit
{
    public ModelEdit(ModelEditKind kind, DocumentId document, TextSpan span, ModelFix fix, IndexShape? index = null, bool atAttribute = false, ConfigurationSiteKind? siteKind = null, IndexShape? widened = null)
    {
        Kind = kind;
        Document = document;
        Span = span;
        Fix = fix;
        Index = index;
        AtAttribute = atAttribute;
        SiteKind = siteKind;
        Widened = widened;
    }

    public ModelEditKind Kind { get; }

    public DocumentId Document { get; }

    public TextSpan Span { get; }

    public ModelFix Fix { get; }

    /// <summary>The index to add or widen to: the diagnostic's own, or the one Fix All merged it into.</summary>
    public IndexShape? Index { get; }

    /// <summary>The edit is on an <c>[Index]</c> attribute or adds one, rather than a fluent call.</summary>
    public bool AtAttribute { get; }

    /// <summary>How the entity is configured at <see cref="Span"/>, for fluent additions.</summary>
    public ConfigurationSiteKind? SiteKind { get; }

    /// <summary>The columns of the index <see cref="ModelEditKind.WidenIndex"/> rewrites, as they were.</summary>
    public IndexShape? Widened { get; }
}
