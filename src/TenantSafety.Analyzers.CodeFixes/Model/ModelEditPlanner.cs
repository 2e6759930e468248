using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>
/// Turns the <see cref="ModelFix"/>es of diagnostics into <see cref="ModelEdit"/>s: for one diagnostic, the edit each
/// of its actions makes; for Fix All, the fewest edits that fix them all. Indexes asked for on one table are merged
/// (<see cref="IndexPlan"/>), and an index that an existing one starts with widens that one instead of joining it.
/// </summary>
internal static class ModelEditPlanner
{
    /// <summary>The kinds of edit a diagnostic offers, its first (the one Fix All applies by default) first.</summary>
    public static IEnumerable<ModelEditKind> Offered(ModelFix fix)
    {
        if (fix.CanAddIndex)
        {
            yield return ModelEditKind.AddIndex;
        }

        if (fix.CanAddRelationship)
        {
            yield return ModelEditKind.AddRelationship;
        }

        if (fix.CanAddQueryFilter)
        {
            yield return ModelEditKind.AddQueryFilter;
        }
    }

    /// <summary>The edit of one action of one diagnostic; null when it cannot be made in <paramref name="solution"/>.</summary>
    public static ModelEdit? Plan(ModelFix fix, ModelEditKind kind, Solution solution) =>
        kind == ModelEditKind.AddIndex && fix.Index is { } index
            ? IndexEdit(fix, index, fix.Replaceable, solution).Edit
            : Addition(fix, kind, null, solution);

    /// <summary>
    /// The edits that fix every diagnostic in <paramref name="fixes"/> with the action of <paramref name="kind"/> (null:
    /// each its first): one per index of each table's merged plan, one relationship or filter per entity.
    /// </summary>
    public static List<ModelEdit> PlanAll(IEnumerable<ModelFix> fixes, ModelEditKind? kind, Solution solution)
    {
        var edits = new List<ModelEdit>();
        // In the order the entities are declared, not the order the analyzers reported them in (concurrently): Fix All
        // writes the same file every time.
        var chosen = fixes
            .OrderBy(f => f.EntityDeclaration?.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(f => f.EntityDeclaration?.SourceSpan.Start)
            .ThenBy(f => f.EntityType, StringComparer.Ordinal)
            .ThenBy(f => f.Index?.ToString(), StringComparer.Ordinal)
            .Select(f => (Fix: f, Kind: kind is { } k ? (Offered(f).Contains(k) ? k : (ModelEditKind?)null) : Offered(f).Cast<ModelEditKind?>().FirstOrDefault()))
            .Where(c => c.Kind is not null)
            .ToList();

        foreach (var table in chosen.Where(c => c.Kind == ModelEditKind.AddIndex).GroupBy(c => c.Fix.EntityType, StringComparer.Ordinal))
        {
            var first = table.First().Fix;
            var replaceable = table.SelectMany(c => c.Fix.Replaceable)
                .GroupBy(r => (r.Declaration.SourceTree?.FilePath, r.Declaration.SourceSpan))
                .Select(g => g.First())
                .ToList();
            foreach (var index in IndexPlan.Merge(table.Select(c => c.Fix.Index!)))
            {
                var (edit, widened) = IndexEdit(first, index, replaceable, solution);
                if (edit is not null)
                {
                    edits.Add(edit);
                    if (widened is not null)
                    {
                        replaceable.Remove(widened);
                    }
                }
            }
        }

        // One filter per entity, one relationship per foreign key, however many findings ask for it.
        foreach (var same in chosen.Where(c => c.Kind != ModelEditKind.AddIndex).GroupBy(c => (c.Fix.EntityType, c.Kind, c.Fix.RelationshipPrincipal, c.Fix.Index?.ToString())))
        {
            var (fix, editKind) = same.First();
            if (Addition(fix, editKind!.Value, null, solution) is { } edit)
            {
                edits.Add(edit);
            }
        }

        return edits;
    }

    /// <summary>Widens the longest of <paramref name="replaceable"/> that <paramref name="index"/> starts with, else adds <paramref name="index"/>.</summary>
    private static (ModelEdit? Edit, ExistingIndex? Widened) IndexEdit(ModelFix fix, IndexShape index, IEnumerable<ExistingIndex> replaceable, Solution solution)
    {
        var widened = replaceable.Where(r => index.Covers(r.Shape)).OrderByDescending(r => r.Shape.Length).FirstOrDefault();
        if (widened is not null && solution.GetDocument(widened.Declaration.SourceTree) is { } document)
        {
            return (new ModelEdit(ModelEditKind.WidenIndex, document.Id, widened.Declaration.SourceSpan, fix, index, widened.IsAttribute, Widened: widened.Shape), widened);
        }

        return (Addition(fix, ModelEditKind.AddIndex, index, solution), null);
    }

    private static ModelEdit? Addition(ModelFix fix, ModelEditKind kind, IndexShape? index, Solution solution)
    {
        if (kind == ModelEditKind.AddIndex && fix.Placement == IndexPlacement.Attribute)
        {
            return fix.EntityDeclaration is { } declaration && solution.GetDocument(declaration.SourceTree) is { } entityDocument
                ? new ModelEdit(kind, entityDocument.Id, declaration.SourceSpan, fix, index ?? fix.Index, AtAttribute: true)
                : null;
        }

        return fix is { Site: { } site, SiteKind: { } siteKind } && solution.GetDocument(site.SourceTree) is { } document
            ? new ModelEdit(kind, document.Id, site.SourceSpan, fix, index ?? fix.Index, SiteKind: siteKind)
            : null;
    }
}
