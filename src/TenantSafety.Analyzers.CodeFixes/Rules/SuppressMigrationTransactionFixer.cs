using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.CodeFixes.Migrations;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>TSA3002: <c>Sql("… CONCURRENTLY …")</c> → <c>Sql("… CONCURRENTLY …", suppressTransaction: true)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SuppressMigrationTransactionFixer))]
public sealed class SuppressMigrationTransactionFixer : CodeFixProvider
{
    public const string EquivalenceKey = "TenantSafety.SuppressMigrationTransaction";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ConcurrentlyInsideTransaction);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var call = MigrationCalls.FindCall(root, diagnostic.Location.SourceSpan);
            if (call?.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sql" })
            {
                continue;
            }

            var document = context.Document.WithSyntaxRoot(root.ReplaceNode(call, MigrationCalls.WithSuppressTransaction(call)));
            context.RegisterCodeFix(
                CodeAction.Create("Run the statement outside the migration transaction (suppressTransaction: true)", _ => Task.FromResult(document), EquivalenceKey),
                diagnostic);
        }
    }
}
