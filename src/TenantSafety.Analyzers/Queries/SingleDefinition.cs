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

    private static bool IsWrittenElsewhere(VariableDeclaratorSyntax declarator) =>
        LocalWrites.Around(declarator).Of(declarator.Identifier.ValueText).Count > 0;
}
