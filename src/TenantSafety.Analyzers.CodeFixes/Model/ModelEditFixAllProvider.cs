using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>
/// Fix All for model edits: gathers every diagnostic in scope, plans the fewest edits that fix them all
/// (<see cref="ModelEditPlanner.PlanAll"/>: indexes of one table merged, existing ones widened) and applies them grouped
/// by the document they change, which need not be the documents the diagnostics are in. A host that asks with no
/// equivalence key, or another fixer's (<c>dotnet format</c> takes the first finding's first action), gets each finding's first action.
/// </summary>
internal sealed class ModelEditFixAllProvider : FixAllProvider
{
    public static ModelEditFixAllProvider Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = new List<Diagnostic>();
        switch (fixAllContext.Scope)
        {
            case FixAllScope.Document when fixAllContext.Document is not null:
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (var project in fixAllContext.Solution.Projects)
                {
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        var solution = fixAllContext.Solution;
        var fixes = diagnostics
            .Where(d => fixAllContext.DiagnosticIds.Contains(d.Id) && fixAllContext.CodeFixProvider.FixableDiagnosticIds.Contains(d.Id))
            .Select(ModelFixProperties.Read)
            .OfType<ModelFix>()
            .ToList();
        var kind = ModelFixTitles.KindFor(fixAllContext.CodeActionEquivalenceKey);
        var edits = ModelEditPlanner.PlanAll(fixes, kind, solution);
        if (edits.Count == 0)
        {
            return null;
        }

        var entities = edits.Select(e => e.Fix.EntityType).Distinct(StringComparer.Ordinal).Count();
        return CodeAction.Create(
            ModelFixTitles.FixAllTitle(kind ?? edits[0].Kind, entities),
            cancellationToken => ModelConfigurationEditor.ApplyAsync(solution, edits, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey ?? ModelFixTitles.EquivalenceKeyFor(edits[0].Kind));
    }
}
