using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using TenantSafety.Analyzers.CodeFixes.Model;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>
/// TSA2001, TSA2002, TSA2003 and TSA1007: makes the change the analyzer describes (<see cref="ModelFix"/>: an index, a
/// relationship, a query filter) where the entity is configured — its <c>IEntityTypeConfiguration&lt;T&gt;</c>, else its
/// <c>Entity&lt;T&gt;</c> block or statement; an <c>[Index]</c> on the class of an entity mapped by attributes alone; else
/// <c>OnModelCreating</c>, created when missing. An index an existing one starts with widens that one. The edited
/// document may be another than the diagnostic's.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddModelConfigurationFixer))]
public sealed class AddModelConfigurationFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.MissingTenantKeyIndex,
        RuleIdentifiers.MissingCompositeIndex,
        RuleIdentifiers.UnindexedReference,
        RuleIdentifiers.MissingTenantFilter);

    public override FixAllProvider GetFixAllProvider() => ModelEditFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (ModelFixProperties.Read(diagnostic) is not { } fix)
            {
                continue;
            }

            foreach (var kind in ModelEditPlanner.Offered(fix))
            {
                if (ModelEditPlanner.Plan(fix, kind, solution) is not { } edit
                    || solution.GetDocument(edit.Document) is not { } target
                    || await ModelConfigurationEditor.EditDocumentAsync(target, new[] { edit }, context.CancellationToken).ConfigureAwait(false) is not { } edited)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(ModelFixTitles.TitleFor(edit), _ => Task.FromResult(edited.Project.Solution), ModelFixTitles.EquivalenceKeyFor(kind)),
                    diagnostic);
            }
        }
    }
}
