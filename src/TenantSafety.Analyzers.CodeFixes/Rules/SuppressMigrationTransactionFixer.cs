using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.CodeFixes.Editing;
using TenantSafety.Analyzers.CodeFixes.Migrations;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>TSA3002: <c>Sql("… CONCURRENTLY …")</c> → <c>Sql("… CONCURRENTLY …", suppressTransaction: true)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SuppressMigrationTransactionFixer))]
public sealed class SuppressMigrationTransactionFixer : CodeFixProvider
{
    public const string EquivalenceKey = "TenantSafety.SuppressMigrationTransaction";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ConcurrentlyInsideTransaction);

    /// <summary>Whatever key the host asks with: dotnet format asks with the first finding's, which can be another rule's of the same analyzer (TSA3001 and TSA3002).</summary>
    public override FixAllProvider GetFixAllProvider() => new OwnKeyFixAllProvider(EquivalenceKey);

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        MigrationCalls.RegisterFixesAsync(context, RuleIdentifiers.ConcurrentlyInsideTransaction, EquivalenceKey, (root, call) =>
            call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sql" }
                ? ("Run the statement outside the migration transaction (suppressTransaction: true)", root.ReplaceNode(call, MigrationCalls.WithSuppressTransaction(call)))
                : null);
}
