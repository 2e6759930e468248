using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>
/// Fix All for model edits: gathers every diagnostic in scope, turns each into a <see cref="ModelEdit"/> and
/// applies them grouped by the document they change (usually one <c>OnModelCreating</c> or a few configuration
/// classes), which need not be the documents the diagnostics are in.
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
        var edits = diagnostics
            .Where(d => fixAllContext.CodeFixProvider.FixableDiagnosticIds.Contains(d.Id))
            .SelectMany(d => ModelEdit.AllFrom(d, solution))
            .Where(e => ModelFixTitles.EquivalenceKeyFor(e) == fixAllContext.CodeActionEquivalenceKey)
            .ToList();
        if (edits.Count == 0)
        {
            return null;
        }

        return CodeAction.Create(
            $"{ModelFixTitles.TitleFor(edits[0])} for {edits.Count} entit{(edits.Count == 1 ? "y" : "ies")}",
            cancellationToken => ModelConfigurationEditor.ApplyAsync(solution, edits, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey);
    }
}
