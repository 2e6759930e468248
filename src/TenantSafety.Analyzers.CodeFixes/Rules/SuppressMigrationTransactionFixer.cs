using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.CodeFixes.Migrations;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>TSA3002: <c>Sql("… CONCURRENTLY …")</c> → <c>Sql("… CONCURRENTLY …", suppressTransaction: true)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SuppressMigrationTransactionFixer))]
public sealed class SuppressMigrationTransactionFixer() : MigrationCallFixer(RuleIdentifiers.ConcurrentlyInsideTransaction, EquivalenceKey)
{
    public const string EquivalenceKey = "TenantSafety.SuppressMigrationTransaction";

    private protected override (string Title, SyntaxNode NewRoot)? Fix(SyntaxNode root, InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sql" }
            ? ("Run the statement outside the migration transaction (suppressTransaction: true)", root.ReplaceNode(call, MigrationCalls.WithSuppressTransaction(call)))
            : null;
}
