using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.CodeFixes.Scoping;

/// <summary>
/// Whether a query asks for rows of other tenants on purpose: a predicate of its chain compares the row's tenant key
/// with "not equal" (<c>x.TeamId != teamId</c>, <c>!(x.TeamId == teamId)</c>, <c>!x.TeamId.Equals(teamId)</c>,
/// <c>!ids.Contains(x.TeamId)</c>). Scoping such a query to the current tenant makes it return nothing, so the fix
/// leaves it to its author. <c>x.TeamId != null</c> (rows that belong to some tenant) excludes nobody.
/// </summary>
internal static class TenantExclusion
{
    /// <summary>Whether a lambda of the call chains around <paramref name="nodes"/> excludes the tenant keyed <paramref name="keyName"/>.</summary>
    public static bool IsExcluded(SemanticModel model, string keyName, CancellationToken cancellationToken, params SyntaxNode[] nodes)
    {
        foreach (var node in nodes)
        {
            var chain = node.AncestorsAndSelf()
                .TakeWhile(n => n is ExpressionSyntax or ArgumentSyntax or ArgumentListSyntax or QueryBodySyntax or QueryClauseSyntax or SelectOrGroupClauseSyntax or FromClauseSyntax)
                .LastOrDefault() ?? node;
            foreach (var lambda in chain.DescendantNodesAndSelf().Where(n => n is LambdaExpressionSyntax or WhereClauseSyntax))
            {
                var operation = lambda is WhereClauseSyntax where ? model.GetOperation(where.Condition, cancellationToken) : model.GetOperation(lambda, cancellationToken);
                if (operation is not null && operation.DescendantsAndSelf().Any(o => Excludes(o, keyName)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Excludes(IOperation operation, string keyName) => operation switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals =>
            (IsKey(notEquals.LeftOperand, keyName) && !IsNull(notEquals.RightOperand))
            || (IsKey(notEquals.RightOperand, keyName) && !IsNull(notEquals.LeftOperand)),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => not.Operand.Unwrap() switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
                (IsKey(equals.LeftOperand, keyName) && !IsNull(equals.RightOperand)) || (IsKey(equals.RightOperand, keyName) && !IsNull(equals.LeftOperand)),
            IInvocationOperation { TargetMethod.Name: "Equals" or "Contains" } call =>
                (call.Instance is { } instance && IsKey(instance, keyName)) || call.Arguments.Any(a => IsKey(a.Value, keyName)),
            _ => false,
        },
        _ => false,
    };

    /// <summary><c>x.TeamId</c> where <c>x</c> is a lambda parameter or a query range variable: the row's own key.</summary>
    private static bool IsKey(IOperation operation, string keyName) =>
        operation.Unwrap() is IPropertyReferenceOperation { Instance: { } instance } property
        && string.Equals(property.Property.Name, keyName, StringComparison.Ordinal)
        && instance.Unwrap() is IParameterReferenceOperation;

    private static bool IsNull(IOperation operation) => operation.Unwrap() is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
}
