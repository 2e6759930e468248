using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TenantSafety.Analyzers.CodeFixes.Migrations;

/// <summary>Syntax edits on <c>migrationBuilder.X(…)</c> calls shared by the migration fixes.</summary>
internal static class MigrationCalls
{
    /// <summary>
    /// Offers, for each diagnostic of <paramref name="diagnosticId"/>, the edit <paramref name="fix"/> makes of the
    /// migration call the diagnostic is reported on (from the method name to the end of the call); none where it
    /// returns null. A host may ask about the other migration rule's findings (dotnet format asks with the first
    /// finding of the analyzer, which reports both): they get nothing.
    /// </summary>
    public static async Task RegisterFixesAsync(
        CodeFixContext context,
        string diagnosticId,
        string equivalenceKey,
        Func<SyntaxNode, InvocationExpressionSyntax, (string Title, SyntaxNode NewRoot)?> fix)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == diagnosticId
                && root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call
                && fix(root, call) is { } edit)
            {
                var document = context.Document.WithSyntaxRoot(edit.NewRoot);
                context.RegisterCodeFix(CodeAction.Create(edit.Title, _ => Task.FromResult(document), equivalenceKey), diagnostic);
            }
        }
    }

    public static ArgumentSyntax? Argument(InvocationExpressionSyntax call, string name, int position)
    {
        var arguments = call.ArgumentList.Arguments;
        var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
        if (named is not null)
        {
            return named;
        }

        return position < arguments.Count && arguments.Take(position + 1).All(a => a.NameColon is null) ? arguments[position] : null;
    }

    /// <summary><c>Sql(sql)</c> → <c>Sql(sql, suppressTransaction: true)</c>; an explicit <c>false</c> becomes <c>true</c>.</summary>
    public static InvocationExpressionSyntax WithSuppressTransaction(InvocationExpressionSyntax call)
    {
        var trueLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
        var existing = Argument(call, "suppressTransaction", 1);
        if (existing is not null)
        {
            return call.ReplaceNode(existing.Expression, trueLiteral.WithTriviaFrom(existing.Expression));
        }

        var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon("suppressTransaction"), default, trueLiteral);
        var arguments = call.ArgumentList.Arguments;
        var separators = arguments.GetSeparators().ToList();
        separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        var list = SyntaxFactory.SeparatedList(arguments.Add(argument), separators);
        return call.WithArgumentList(call.ArgumentList.WithArguments(list));
    }
}
