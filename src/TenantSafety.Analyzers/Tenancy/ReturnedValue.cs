using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The value a method of the compilation returns, for readers of configuration helpers (a filter factory's lambda, the
/// expression tree a method builds): its expression body, or the one <c>return</c> of its block, not counting those of
/// lambdas and local functions inside it.
/// </summary>
internal static class ReturnedValue
{
    /// <summary>The returned value's operation; null when the method is not in source, has no single return, or its model is not at hand.</summary>
    public static IOperation? Of(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || models.ForConfiguration(declaration.SyntaxTree) is not { } model)
        {
            return null;
        }

        var returned = declaration.ExpressionBody?.Expression;
        if (declaration.Body is { } body)
        {
            var returns = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().ToList();
            returned = returns.Count == 1 ? returns[0].Expression : null;
        }

        return returned is null ? null : model.GetOperation(returned, cancellationToken);
    }
}
