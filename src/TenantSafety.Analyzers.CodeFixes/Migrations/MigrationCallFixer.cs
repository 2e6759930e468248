using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.CodeFixes.Editing;

namespace TenantSafety.Analyzers.CodeFixes.Migrations;

/// <summary>
/// The fixer of one migration rule: it rewrites the <c>migrationBuilder.X(…)</c> call the finding is reported on
/// (<see cref="MigrationCalls.RegisterFixesAsync"/>). Fix All keeps its own key whatever key the host asks with: dotnet
/// format asks with the first finding's, which can be another rule's of the same analyzer (TSA3001 and TSA3002).
/// </summary>
/// <param name="diagnosticId">The rule it fixes.</param>
/// <param name="equivalenceKey">The key of its code actions.</param>
public abstract class MigrationCallFixer(string diagnosticId, string equivalenceKey) : CodeFixProvider
{
    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(diagnosticId);

    public sealed override FixAllProvider GetFixAllProvider() => new OwnKeyFixAllProvider(equivalenceKey);

    public sealed override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        MigrationCalls.RegisterFixesAsync(context, diagnosticId, equivalenceKey, Fix);

    /// <summary>The title and the new root for a fix of <paramref name="call"/>; null when it cannot be fixed.</summary>
    private protected abstract (string Title, SyntaxNode NewRoot)? Fix(SyntaxNode root, InvocationExpressionSyntax call);
}
