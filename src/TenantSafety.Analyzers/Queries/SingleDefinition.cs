using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A local whose declaration initialises it and which nothing else in its member ever writes: every read sees the
/// initializer, so it is read without building the member's control-flow graph (most locals in real code, and most
/// of the cost of following one). Writes are found in the syntax and over-approximated: any identifier with the
/// local's name in a write position, even one that names something else, leaves the local to the graph.
/// </summary>
internal static class SingleDefinition
{
    /// <summary>
    /// Per member (per file for top-level statements): every name written in it, read in one walk however many locals
    /// the member declares. Kept with the syntax, which the IDE reuses across compilations.
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxNode, HashSet<string>> s_writtenNames = new();

    /// <summary>The initializer's value when it is the local's only definition; null when the graph has to decide.</summary>
    public static IOperation? ValueOf(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var reference = local.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != model.SyntaxTree
            || reference.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator
            || declarator.Parent?.Parent is not (LocalDeclarationStatementSyntax or UsingStatementSyntax))
        {
            return null;
        }

        if (IsWrittenElsewhere(declarator))
        {
            return null;
        }

        return model.GetOperation(declarator, cancellationToken) is IVariableDeclaratorOperation operation
            ? operation.GetVariableInitializer()?.Value
            : null;
    }

    private static bool IsWrittenElsewhere(VariableDeclaratorSyntax declarator)
    {
        // Top-level statements share their locals across every global statement of the file.
        var member = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var searched = member is null or GlobalStatementSyntax ? declarator.SyntaxTree.GetRoot() : member;
        return s_writtenNames.GetValue(searched, WrittenNames).Contains(declarator.Identifier.ValueText);
    }

    private static HashSet<string> WrittenNames(SyntaxNode searched)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in searched.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && IsWritePosition(identifier))
            {
                names.Add(identifier.Identifier.ValueText);
            }
        }

        return names;
    }

    /// <summary>Assigned (also compound, <c>??=</c>, deconstruction, <c>foreach ((q, n) in …)</c>), incremented, passed by reference, or aliased.</summary>
    private static bool IsWritePosition(ExpressionSyntax identifier)
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
