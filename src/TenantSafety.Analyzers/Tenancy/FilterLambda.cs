using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>The predicate a <c>HasQueryFilter</c> argument holds, for the filter index (what scopes queries) and TSA1008 alike.</summary>
internal static class FilterLambda
{
    /// <summary>
    /// The lambda a filter argument is: written in the call, or held by an <c>Expression</c> local of the same body that
    /// its declaration initialises and nothing assigns again (<c>Expression&lt;Func&lt;Coupon, bool&gt;&gt; filter = c =&gt; …;</c>).
    /// </summary>
    public static IAnonymousFunctionOperation? Of(IOperation argument, SemanticModel model, CancellationToken cancellationToken) =>
        ValueHeld(argument, model, cancellationToken).AsLambda();

    /// <summary>
    /// What a value holds: itself past casts, or the initializer of a local of the same body that nothing assigns again
    /// (<c>var filter = method.Invoke(this, null);</c>), past casts too.
    /// </summary>
    public static IOperation ValueHeld(IOperation value, SemanticModel model, CancellationToken cancellationToken)
    {
        value = value.Unwrap();
        if (value is not ILocalReferenceOperation { Local: var local }
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || declarator.SyntaxTree != model.SyntaxTree
            || declarator.IsAssignedInItsMethod(local.Name)
            || model.GetOperation(WithoutSuppression(initializer), cancellationToken) is not { } initialized)
        {
            return value;
        }

        return initialized.Unwrap();
    }

    /// <summary><c>x!</c> is <c>x</c>: the suppression has no operation of its own.</summary>
    private static ExpressionSyntax WithoutSuppression(ExpressionSyntax expression)
    {
        while (expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
        {
            expression = suppressed.Operand;
        }

        return expression;
    }
}
