using System.Threading;
using Microsoft.CodeAnalysis;
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
    public static IAnonymousFunctionOperation? Of(IOperation argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (argument.AsLambda() is { } lambda)
        {
            return lambda;
        }

        if (argument.Unwrap() is not ILocalReferenceOperation { Local: var local }
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || declarator.SyntaxTree != model.SyntaxTree
            || declarator.IsAssignedInItsMethod(local.Name))
        {
            return null;
        }

        return model.GetOperation(initializer, cancellationToken)?.AsLambda();
    }
}
