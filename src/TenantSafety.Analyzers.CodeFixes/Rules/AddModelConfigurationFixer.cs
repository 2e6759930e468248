using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using TenantSafety.Analyzers.CodeFixes.Model;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>
/// TSA2001, TSA2002, TSA2003 and TSA1007: adds the builder call the analyzer asks for (<c>HasIndex</c>,
/// <c>HasQueryFilter</c>, <c>HasOne … HasForeignKey</c>) where the entity is already configured — its
/// <c>IEntityTypeConfiguration&lt;T&gt;</c>, else its <c>Entity&lt;T&gt;</c> block, else <c>OnModelCreating</c>, created
/// when missing. The edited document may be another than the diagnostic's.
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
            foreach (var edit in ModelEdit.AllFrom(diagnostic, solution))
            {
                if (solution.GetDocument(edit.Document) is not { } target
                    || await ModelConfigurationEditor.EditDocumentAsync(target, new[] { edit }, context.CancellationToken).ConfigureAwait(false) is not { } edited)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(ModelFixTitles.TitleFor(edit), _ => Task.FromResult(edited.Project.Solution), ModelFixTitles.EquivalenceKeyFor(edit)),
                    diagnostic);
            }
        }
    }
}
