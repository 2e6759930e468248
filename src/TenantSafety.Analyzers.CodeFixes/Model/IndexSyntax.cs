using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>
/// Index declarations as syntax: <c>[Index(…)]</c> attributes added to an entity class, and an existing
/// <c>HasIndex(…)</c> call or <c>[Index(…)]</c> widened to more columns. The code itself comes from <see cref="ModelFixRenderer"/>.
/// </summary>
internal static class IndexSyntax
{
    /// <summary>The class with one <c>[Index]</c> per index, before its other attributes; its comments stay above them.</summary>
    public static ClassDeclarationSyntax WithIndexAttributes(ClassDeclarationSyntax entity, IEnumerable<IndexShape> indexes, TenantKeyReference? tenantKey, string endOfLine)
    {
        var leading = entity.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
        var lists = indexes
            .Select(index => ParseAttribute(ModelFixRenderer.IndexAttribute(index, tenantKey)))
            .Select((attribute, i) => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithLeadingTrivia(i == 0 ? leading : (indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation)))
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine)))
            .ToList();
        if (lists.Count == 0)
        {
            return entity;
        }

        var indented = entity.WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation));
        return indented.WithAttributeLists(indented.AttributeLists.InsertRange(0, lists));
    }

    /// <summary>
    /// <c>HasIndex(e =&gt; e.TeamId)</c> → <c>HasIndex(e =&gt; new { e.TeamId, e.Status })</c> with the call's own lambda
    /// parameter and other arguments (a name) kept, <c>.IsDescending(…)</c> added when needed; <c>[Index(nameof(TeamId))]</c>
    /// → <c>[Index(nameof(TeamId), nameof(Status))]</c> with its <c>Name</c> kept. Null for any other node.
    /// </summary>
    public static SyntaxNode? Widen(SyntaxNode declaration, IndexShape index, TenantKeyReference? tenantKey)
    {
        switch (declaration)
        {
            case InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } call:
                var parameter = arguments[0].Expression switch
                {
                    SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                    ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                    _ => null,
                };
                // The call's own style: its lambda parameter, or property names when it named them (HasIndex("TeamId")).
                var written = parameter is null ? ModelFixRenderer.IndexNames(index) : ModelFixRenderer.IndexArguments(index, parameter, tenantKey);
                var columns = SyntaxFactory.ParseArgumentList($"({written})").Arguments;
                var kept = parameter is null ? Enumerable.Empty<ArgumentSyntax>() : arguments.Skip(1);
                var widened = call.WithArgumentList(call.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(columns.Concat(kept))));
                if (!index.HasDescending)
                {
                    return widened;
                }

                return SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, widened.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("IsDescending")),
                        SyntaxFactory.ParseArgumentList($"({ModelFixRenderer.DescendingFlags(index)})"))
                    .WithTrailingTrivia(call.GetTrailingTrivia());

            case AttributeSyntax { ArgumentList: { } list } attribute:
                var rendered = ParseAttribute(ModelFixRenderer.IndexAttribute(index, tenantKey)).ArgumentList!.Arguments;
                var named = list.Arguments.Where(a => a.NameEquals is not null);
                return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(rendered.Concat(named))));

            default:
                return null;
        }
    }

    /// <summary>The document with <c>using Microsoft.EntityFrameworkCore;</c> among its usings (for <c>[Index]</c>); null when it has it.</summary>
    /// <remarks>Only this one name is inserted, so the order test is written for it.</remarks>
    public static SyntaxNode? WithEfCoreUsing(SyntaxNode root)
    {
        if (root is not CompilationUnitSyntax unit || unit.Usings.Any(u => u.Name?.ToString() == "Microsoft.EntityFrameworkCore"))
        {
            return null;
        }

        var usingDirective = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.EntityFrameworkCore")).WithAdditionalAnnotations(Formatter.Annotation);
        // Before the first using that sorts after it, System namespaces first (dotnet_sort_system_directives_first); the
        // others keep their order, and a file's leading comment stays first.
        var position = unit.Usings.TakeWhile(u => !SortsAfter(u, "Microsoft.EntityFrameworkCore")).Count();
        if (position == 0 && unit.Usings.Count > 0)
        {
            var first = unit.Usings[0];
            return unit.WithUsings(unit.Usings.Replace(first, first.WithoutLeadingTrivia()).Insert(0, usingDirective.WithLeadingTrivia(first.GetLeadingTrivia())));
        }

        return unit.WithUsings(unit.Usings.Insert(position, usingDirective));

        static bool SortsAfter(UsingDirectiveSyntax directive, string name)
        {
            var other = directive.Name?.ToString() ?? string.Empty;
            var otherIsSystem = other == "System" || other.StartsWith("System.", System.StringComparison.Ordinal);
            return !otherIsSystem && string.CompareOrdinal(other, name) > 0;
        }
    }

    private static AttributeSyntax ParseAttribute(string text) =>
        SyntaxFactory.ParseCompilationUnit($"[{text}] class C {{ }}").Members[0].AttributeLists[0].Attributes[0];
}
