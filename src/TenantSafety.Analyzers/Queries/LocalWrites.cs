using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Every name written in a member (per file for top-level statements), read in one walk of its syntax however many
/// locals the member declares, and whether it jumps to labels. Writes are found in the syntax and over-approximated:
/// an identifier in a write position counts for its name, even when it names something else. Kept with the syntax,
/// which the IDE reuses across compilations.
/// </summary>
internal sealed class LocalWrites
{
    private static readonly ConditionalWeakTable<SyntaxNode, LocalWrites> s_byMember = new();
    private static readonly IReadOnlyList<IdentifierNameSyntax> s_none = Array.Empty<IdentifierNameSyntax>();

    private readonly Dictionary<string, List<IdentifierNameSyntax>> _writes = new(StringComparer.Ordinal);

    private LocalWrites(SyntaxNode searched)
    {
        foreach (var node in searched.DescendantNodes())
        {
            switch (node)
            {
                case IdentifierNameSyntax identifier when IsWritePosition(identifier):
                    var name = identifier.Identifier.ValueText;
                    if (!_writes.TryGetValue(name, out var writes))
                    {
                        writes = new List<IdentifierNameSyntax>(2);
                        _writes.Add(name, writes);
                    }

                    writes.Add(identifier);
                    break;
                case LabeledStatementSyntax or GotoStatementSyntax:
                    HasLabelsOrJumps = true;
                    break;
            }
        }
    }

    /// <summary>Whether the member has a label or a <c>goto</c>: control that statements in order do not describe.</summary>
    public bool HasLabelsOrJumps { get; }

    /// <summary>The writes of the member that declares <paramref name="declarator"/> (the whole file for top-level statements).</summary>
    public static LocalWrites Around(VariableDeclaratorSyntax declarator) => In(declarator);

    /// <summary>The writes of the member <paramref name="node"/> is part of (the whole file for top-level statements).</summary>
    public static LocalWrites In(SyntaxNode node)
    {
        // Top-level statements share their locals across every global statement of the file.
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var searched = member is null or GlobalStatementSyntax ? node.SyntaxTree.GetRoot() : member;
        return s_byMember.GetValue(searched, s => new LocalWrites(s));
    }

    /// <summary>Every identifier named <paramref name="name"/> in a write position, in source order.</summary>
    public IReadOnlyList<IdentifierNameSyntax> Of(string name) => _writes.TryGetValue(name, out var writes) ? writes : s_none;

    /// <summary>
    /// Whether <paramref name="identifier"/> (or a member access, <c>request.RoleId</c>) is assigned (also compound, <c>??=</c>,
    /// deconstruction, <c>foreach ((q, n) in …)</c>), incremented, passed by reference, or aliased.
    /// </summary>
    public static bool IsWritePosition(ExpressionSyntax identifier)
    {
        SyntaxNode child = identifier;
        while (child.Parent is { } parent)
        {
            switch (parent)
            {
                case AssignmentExpressionSyntax assignment:
                    return assignment.Left == child;
                case ForEachVariableStatementSyntax forEach:
                    return forEach.Variable == child;
                case ParenthesizedExpressionSyntax:
                case PostfixUnaryExpressionSyntax when parent.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                case ArgumentSyntax { Parent: TupleExpressionSyntax } argument when argument.RefKindKeyword.IsKind(SyntaxKind.None):
                case TupleExpressionSyntax:
                    child = parent;
                    continue;
                case ArgumentSyntax argument:
                    return !argument.RefKindKeyword.IsKind(SyntaxKind.None);
                case PrefixUnaryExpressionSyntax:
                    return parent.IsKind(SyntaxKind.PreIncrementExpression) || parent.IsKind(SyntaxKind.PreDecrementExpression) || parent.IsKind(SyntaxKind.AddressOfExpression);
                case PostfixUnaryExpressionSyntax:
                    return parent.IsKind(SyntaxKind.PostIncrementExpression) || parent.IsKind(SyntaxKind.PostDecrementExpression);
                case RefExpressionSyntax:
                case MakeRefExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }
}
