using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A local whose declaration initialises it and which nothing else in its member ever writes: every read sees the
/// initializer, so it is read without building the member's control-flow graph (most locals in real code, and most
/// of the cost of following one). Writes are found in the syntax (<see cref="LocalWrites"/>): any identifier with the
/// local's name in a write position, even one that names something else, leaves the local to the graph.
/// </summary>
internal static class SingleDefinition
{
    /// <summary>The initializer's value (or a declaration pattern's input) when it is the local's only definition; null when the graph has to decide.</summary>
    public static IOperation? ValueOf(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var reference = local.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        var syntax = reference.GetSyntax(cancellationToken);
        if (syntax is SingleVariableDesignationSyntax designation)
        {
            return PatternInput(designation, local.Name, model, cancellationToken);
        }

        if (syntax is not VariableDeclaratorSyntax { Initializer: not null } declarator
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

    /// <summary>
    /// The value a top-level declaration pattern tests when it declares the local (<c>leadId is Guid id</c>, <c>is not Guid
    /// id</c>, <c>row is { } lead</c>): where the local is definitely assigned it holds that value. Null for a nested pattern
    /// (<c>is { Id: var id }</c>, a member of the value), a switch's pattern, or a local written elsewhere.
    /// </summary>
    private static IOperation? PatternInput(SingleVariableDesignationSyntax designation, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        var pattern = designation.Parent is DeclarationPatternSyntax or RecursivePatternSyntax ? designation.Parent : null;
        while (pattern?.Parent is UnaryPatternSyntax or ParenthesizedPatternSyntax)
        {
            pattern = pattern.Parent;
        }

        if (pattern?.Parent is not IsPatternExpressionSyntax test || LocalWrites.In(designation).Of(name).Count > 0)
        {
            return null;
        }

        return model.GetOperation(test, cancellationToken) is IIsPatternOperation operation ? operation.Value : null;
    }

    private static bool IsWrittenElsewhere(VariableDeclaratorSyntax declarator) =>
        LocalWrites.Around(declarator).Of(declarator.Identifier.ValueText).Count > 0;
}
