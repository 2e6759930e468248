using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.CodeFixes.Migrations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Sql;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>
/// TSA3001: <c>CreateIndex(…)</c> gets <c>.Annotation("Npgsql:CreatedConcurrently", true)</c>, which Npgsql turns into
/// <c>CREATE INDEX CONCURRENTLY</c> outside the transaction. <c>Sql("CREATE INDEX …")</c> is rewritten to
/// <c>CREATE INDEX CONCURRENTLY</c> with <c>suppressTransaction: true</c>, when the text is one statement in one literal
/// (several statements sent together run as one implicit transaction, where CONCURRENTLY fails).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BuildIndexConcurrentlyFixer))]
public sealed class BuildIndexConcurrentlyFixer() : MigrationCallFixer(RuleIdentifiers.IndexWithoutConcurrently, EquivalenceKey)
{
    public const string EquivalenceKey = "TenantSafety.BuildIndexConcurrently";

    private protected override (string Title, SyntaxNode NewRoot)? Fix(SyntaxNode root, InvocationExpressionSyntax call) =>
        (call.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText switch
        {
            "CreateIndex" when AnnotateConcurrently(root, call) is { } annotated => ("Build the index concurrently", annotated),
            "Sql" when RewriteSql(root, call) is { } rewritten => ("Use CREATE INDEX CONCURRENTLY outside the transaction", rewritten),
            _ => null,
        };

    private static SyntaxNode? AnnotateConcurrently(SyntaxNode root, InvocationExpressionSyntax createIndex)
    {
        // An existing .Annotation("Npgsql:CreatedConcurrently", false) is set to true: adding a second one would throw.
        for (var node = createIndex.Parent; node is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer }; node = outer.Parent)
        {
            if (((MemberAccessExpressionSyntax)node).Name.Identifier.ValueText == "Annotation"
                && outer.ArgumentList.Arguments.Count == 2
                && outer.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { Token.ValueText: EfSymbols.CreatedConcurrentlyAnnotation })
            {
                var value = outer.ArgumentList.Arguments[1].Expression;
                return root.ReplaceNode(value, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(value));
            }
        }

        // Generated migrations put one argument per line; the annotation then goes on its own line, as Npgsql scaffolds it.
        var text = createIndex.SyntaxTree.GetText();
        var multiline = text.Lines.GetLineFromPosition(createIndex.SpanStart).LineNumber != text.Lines.GetLineFromPosition(createIndex.Span.End).LineNumber;
        var dot = SyntaxFactory.Token(SyntaxKind.DotToken);
        if (multiline)
        {
            var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var indentation = Indentation(text, createIndex.SpanStart) + "    ";
            dot = dot.WithLeadingTrivia(newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.CarriageReturnLineFeed, SyntaxFactory.Whitespace(indentation));
        }

        var annotated = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, createIndex.WithoutTrailingTrivia(), dot, SyntaxFactory.IdentifierName("Annotation")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                new[]
                {
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(EfSymbols.CreatedConcurrentlyAnnotation))),
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)),
                },
                new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) })))
            .WithTrailingTrivia(createIndex.GetTrailingTrivia());
        return root.ReplaceNode(createIndex, annotated);
    }

    private static SyntaxNode? RewriteSql(SyntaxNode root, InvocationExpressionSyntax sqlCall)
    {
        var sqlArgument = MigrationCalls.Argument(sqlCall, "sql", 0);
        if (sqlArgument?.Expression is not LiteralExpressionSyntax literal || !StringLiteralEdit.IsStringLiteral(literal))
        {
            return null;
        }

        var statements = SqlStatements.Split(literal.Token.ValueText);
        if (statements.Length != 1 || SqlIndexStatement.TryRead(statements[0]) is not { IsCreateIndex: true, IsConcurrent: false } index)
        {
            return null;
        }

        var rewritten = StringLiteralEdit.InsertAfterWord(literal, index.IndexKeywordEnd, "INDEX", " CONCURRENTLY");
        if (rewritten is null)
        {
            return null;
        }

        var newCall = MigrationCalls.WithSuppressTransaction(sqlCall.ReplaceNode(literal, rewritten));
        return root.ReplaceNode(sqlCall, newCall);
    }

    private static string Indentation(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        var lineText = text.ToString(line.Span);
        return lineText.Substring(0, lineText.Length - lineText.TrimStart().Length);
    }
}
