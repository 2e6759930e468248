using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A helper whose parameter is optional (<c>Expression&lt;Func&lt;T, bool&gt;&gt;? filter = null</c>, tested with
/// <c>if (filter != null)</c>) is read for what each call passes (<see cref="ArgumentNullness"/>): a call that passes a
/// lambda never takes the path without it, and one that passes nothing never takes the path with it.
/// </summary>
/// <remarks>
/// Only parameters the body tests against null, or hands on to another call as they are, are read this way, and only
/// when the body never assigns them: every other helper keeps its one summary per depth budget.
/// </remarks>
internal sealed partial class QueryEvaluator
{
    private readonly ConcurrentDictionary<IMethodSymbol, ulong> _parametersCallsDecide = new(SymbolEqualityComparer.Default);

    /// <summary>What <paramref name="call"/> passes to the parameters of <paramref name="body"/> whose nullness decides a branch.</summary>
    private ArgumentNullness NullnessAt(IInvocationOperation? call, IMethodSymbol body, EvaluationScope callerScope, CancellationToken cancellationToken)
    {
        if (call is null)
        {
            return ArgumentNullness.None;
        }

        var decided = ParametersCallsDecide((body.ReducedFrom ?? body).OriginalDefinition, cancellationToken);
        var nullness = ArgumentNullness.None;
        for (var ordinal = 0; decided != 0 && ordinal < ArgumentNullness.MaxParameters; ordinal++, decided >>= 1)
        {
            if ((decided & 1) != 0 && call.ArgumentAt(ordinal) is { } argument && IsNonNull(argument, callerScope, cancellationToken) is { } nonNull)
            {
                nullness = nullness.With(ordinal, nonNull);
            }
        }

        return nullness;
    }

    /// <summary>Whether <paramref name="argument"/> is never null (true), null (false), or may be either (null).</summary>
    private static bool? IsNonNull(IArgumentOperation argument, EvaluationScope callerScope, CancellationToken cancellationToken)
    {
        var value = argument.Value;
        var inner = value.Unwrap();
        if (value.ConstantValue is { HasValue: true, Value: null } || inner.ConstantValue is { HasValue: true, Value: null }
            || inner is IDefaultValueOperation { Type: var defaulted } && (defaulted is null || defaulted.IsReferenceType || defaulted.IsNullableValueType()))
        {
            return false;
        }

        switch (inner)
        {
            case IAnonymousFunctionOperation or IDelegateCreationOperation or IMethodReferenceOperation
                or IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation or IInterpolatedStringOperation:
            case ILiteralOperation { ConstantValue.HasValue: true }:
                return true;

            case IParameterReferenceOperation parameter when callerScope.Assumed?.IsNonNull(parameter.Parameter) is { } known:
                return known;
        }

        // A value of a non-nullable value type converted to Nullable<T> (a Guid passed for a Guid?).
        if (inner.Type is { IsValueType: true } type && !type.IsNullableValueType() && argument.Parameter?.Type.IsNullableValueType() == true)
        {
            return true;
        }

        // The caller's nullable analysis: a non-nullable local, parameter or call result (in an enabled nullable context).
        if (!argument.IsImplicit && value.Syntax.SyntaxTree == callerScope.Model.SyntaxTree
            && callerScope.Model.GetTypeInfo(value.Syntax, cancellationToken).Nullability.FlowState == NullableFlowState.NotNull)
        {
            return true;
        }

        return null;
    }

    /// <summary>
    /// The parameters of <paramref name="method"/> (a bit per ordinal) that its body tests against null or hands on to a
    /// call as they are, and never assigns. Read once per method, from its syntax.
    /// </summary>
    private ulong ParametersCallsDecide(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.Parameters.IsEmpty ? 0 : _parametersCallsDecide.GetOrAdd(method, m => ReadParametersCallsDecide(m, cancellationToken));

    private ulong ReadParametersCallsDecide(IMethodSymbol method, CancellationToken cancellationToken)
    {
        ulong candidates = 0;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Ordinal < ArgumentNullness.MaxParameters && parameter.RefKind == RefKind.None
                && (parameter.Type.IsReferenceType || parameter.Type.IsNullableValueType()))
            {
                candidates |= 1UL << parameter.Ordinal;
            }
        }

        ulong decided = 0;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (candidates == 0)
            {
                break;
            }

            var declaration = reference.GetSyntax(cancellationToken);
            var writes = LocalWrites.In(declaration);
            SemanticModel? model = null;
            foreach (var node in declaration.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || !IsNullnessUse(identifier)
                    || ParameterNamed(method, identifier.Identifier.ValueText) is not { } parameter)
                {
                    continue;
                }

                var bit = 1UL << parameter.Ordinal;
                if ((candidates & bit) == 0 || (decided & bit) != 0)
                {
                    continue;
                }

                if (writes.Of(parameter.Name).Count > 0)
                {
                    // After `filter ??= …` a test of the name no longer tests what the caller passed.
                    candidates &= ~bit;
                    continue;
                }

                model ??= _models.Get(declaration.SyntaxTree);
                if (model?.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol named
                    && named.Ordinal == parameter.Ordinal
                    && SymbolEqualityComparer.Default.Equals(named.ContainingSymbol.OriginalDefinition, method)
                    && (identifier.Parent is not ArgumentSyntax argument || IsHandedToABody(argument, model, cancellationToken)))
                {
                    decided |= bit;
                }
            }
        }

        return decided & candidates;
    }

    /// <summary>Whether <paramref name="argument"/> goes to a method whose body may be read (a LINQ operator's argument is decided by nothing).</summary>
    private static bool IsHandedToABody(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken) =>
        argument.Parent?.Parent is InvocationExpressionSyntax invocation
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target
        && MayHaveBody(target);

    private static IParameterSymbol? ParameterNamed(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="identifier"/> is tested against null (<c>== null</c>, <c>!= default</c>, <c>is null</c>,
    /// <c>is not null</c>, <c>.HasValue</c>) or handed on as an argument, where its callee may test it (asked of the
    /// callee by <see cref="IsHandedToABody"/>).
    /// </summary>
    private static bool IsNullnessUse(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression) =>
            IsNullLiteral(binary.Left == identifier ? binary.Right : binary.Left),
        IsPatternExpressionSyntax isPattern => isPattern.Expression == identifier,
        MemberAccessExpressionSyntax access => access.Expression == identifier && access.Name.Identifier.ValueText == "HasValue",
        ArgumentSyntax argument => argument.RefKindKeyword.IsKind(SyntaxKind.None),
        _ => false,
    };

    private static bool IsNullLiteral(ExpressionSyntax expression) =>
        expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression);
}
