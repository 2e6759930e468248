using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Reads what an index must serve in a query: the columns its predicates compare by equality (in a conjunctive
/// position: <c>x.Status == s</c>, <c>s == x.Status</c>, <c>x.Status.Equals(s)</c>, <c>list.Contains(x.Status)</c>,
/// <c>x.IsRead</c>, <c>!x.IsRead</c>) and the columns it orders by (the last <c>OrderBy</c> and its <c>ThenBy</c>s).
/// Follows the operator chain back to its root, through query syntax and through the assignments of a local that
/// builds the query step by step (<c>q = q.Where(…)</c>, conditional ones included: the index should serve them).
/// </summary>
internal sealed class QueryShapeReader
{
    private const int MaxDepth = 32;

    private readonly EfSymbols _symbols;
    private readonly System.Func<string, bool> _isTenantKey;
    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellationToken;

    public QueryShapeReader(EfSymbols symbols, System.Func<string, bool> isTenantKey, SemanticModel model, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _isTenantKey = isTenantKey;
        _model = model;
        _cancellationToken = cancellationToken;
    }

    public RequiredIndex Read(IInvocationOperation executionPoint, string tenantKey)
    {
        var operators = new List<IInvocationOperation>();
        Collect(ExecutionPoints.Source(executionPoint), operators, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), executionPoint.Syntax.SpanStart, 0);
        operators.Add(executionPoint);

        var equalities = new List<string>();
        var ordering = new List<(string Column, bool Descending)>();
        foreach (var call in operators)
        {
            var name = call.TargetMethod.Name;
            if (ExecutionPoints.IsPredicateOperator(name) && Lambda(call) is { } predicate)
            {
                foreach (var column in EqualityColumns(predicate))
                {
                    if (!_isTenantKey(column) && !equalities.Contains(column))
                    {
                        equalities.Add(column);
                    }
                }
            }
            else if (name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" && Lambda(call) is { } keySelector)
            {
                if (name.StartsWith("OrderBy", System.StringComparison.Ordinal))
                {
                    ordering.Clear();
                }

                if (Column(keySelector.ReturnedValue(), keySelector.Symbol.Parameters) is { } column)
                {
                    ordering.Add((column, name.EndsWith("Descending", System.StringComparison.Ordinal)));
                }
                else
                {
                    // Ordered by an expression: no index column serves it, nor anything after it.
                    ordering.Add((string.Empty, false));
                }
            }
        }

        var usableOrdering = ordering.TakeWhile(o => o.Column.Length > 0)
            .Where(o => !equalities.Contains(o.Column) && !_isTenantKey(o.Column))
            .ToImmutableArray();
        return new RequiredIndex(tenantKey, equalities.ToImmutableArray(), usableOrdering);
    }

    private void Collect(IOperation? operation, List<IInvocationOperation> operators, HashSet<ILocalSymbol> following, int position, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return;
        }

        operation = operation.Unwrap();
        switch (operation)
        {
            case ITranslatedQueryOperation query:
                Collect(query.Operation, operators, following, position, depth + 1);
                break;

            case IInvocationOperation call when IsQueryOperator(call.TargetMethod) || IsQueryableHelper(call):
                Collect(ExecutionPoints.Source(call), operators, following, position, depth + 1);
                if (IsQueryOperator(call.TargetMethod))
                {
                    operators.Add(call);
                }

                break;

            case ILocalReferenceOperation reference when following.Add(reference.Local):
                foreach (var value in Definitions(reference.Local, position))
                {
                    Collect(value, operators, following, position, depth + 1);
                }

                break;
        }
    }

    /// <summary>The values assigned to a local before <paramref name="position"/>, in source order.</summary>
    private IEnumerable<IOperation> Definitions(ILocalSymbol local, int position)
    {
        var declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken);
        if (declaration is VariableDeclaratorSyntax { Initializer.Value: { } initializer } && _model.GetOperation(initializer, _cancellationToken) is { } initial)
        {
            yield return initial;
        }

        var body = declaration?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (body is null)
        {
            yield break;
        }

        foreach (var assignment in body.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.SpanStart < position
                && assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == local.Name
                && _model.GetOperation(assignment, _cancellationToken) is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } value
                && SymbolEqualityComparer.Default.Equals(target.Local, local))
            {
                yield return value.Value;
            }
        }
    }

    private bool IsQueryOperator(IMethodSymbol method) => _symbols.IsQueryOperatorClass(method.ContainingType);

    /// <summary>A helper of this compilation that takes and returns a query (<c>ForTeam(this IQueryable&lt;T&gt;, …)</c>): the chain goes on through its source.</summary>
    private bool IsQueryableHelper(IInvocationOperation call) =>
        call.TargetMethod.IsExtensionMethod
        && call.TargetMethod.Locations.Any(l => l.IsInSource)
        && _symbols.IsQueryable(call.TargetMethod.ReturnType);

    private static IAnonymousFunctionOperation? Lambda(IInvocationOperation call) =>
        call.Arguments.Where(a => a.Parameter?.Ordinal > 0).Select(a => a.Value.AsLambda()).FirstOrDefault(l => l is not null);

    private static IEnumerable<string> EqualityColumns(IAnonymousFunctionOperation predicate)
    {
        var body = predicate.ReturnedValue();
        return body is null ? Enumerable.Empty<string>() : Conjuncts(body, predicate.Symbol.Parameters);
    }

    private static IEnumerable<string> Conjuncts(IOperation operation, ImmutableArray<IParameterSymbol> row)
    {
        operation = operation.Unwrap();
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and:
                return Conjuncts(and.LeftOperand, row).Concat(Conjuncts(and.RightOperand, row));

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return Compared(equals.LeftOperand, equals.RightOperand, row);

            case IInvocationOperation { TargetMethod.Name: "Equals" } call when call.Instance is not null && call.Arguments.Length == 1:
                return Compared(call.Instance, call.Arguments[0].Value, row);

            case IInvocationOperation { TargetMethod.Name: "Contains" } contains:
                var item = contains.Arguments.LastOrDefault()?.Value;
                var collection = contains.Instance ?? contains.Arguments.FirstOrDefault()?.Value;
                return item is not null && collection is not null && !DependsOn(collection, row) && Column(item, row) is { } member
                    ? new[] { member }
                    : Enumerable.Empty<string>();

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not when Column(not.Operand, row) is { } negated:
                return new[] { negated };

            case var _ when operation.Type?.SpecialType == SpecialType.System_Boolean && Column(operation, row) is { } flag:
                return new[] { flag };

            default:
                return Enumerable.Empty<string>();
        }
    }

    private static IEnumerable<string> Compared(IOperation left, IOperation right, ImmutableArray<IParameterSymbol> row)
    {
        if (Column(left, row) is { } leftColumn && !DependsOn(right, row))
        {
            return new[] { leftColumn };
        }

        return Column(right, row) is { } rightColumn && !DependsOn(left, row) ? new[] { rightColumn } : Enumerable.Empty<string>();
    }

    /// <summary>A property read directly from the row (<c>x.Status</c>); null for anything else, navigations included.</summary>
    private static string? Column(IOperation? operation, ImmutableArray<IParameterSymbol> row)
    {
        if (operation is null)
        {
            return null;
        }

        operation = operation.Unwrap();
        if (operation is IPropertyReferenceOperation { Instance: { } instance } property
            && instance.Unwrap() is IParameterReferenceOperation parameter
            && row.Contains(parameter.Parameter, SymbolEqualityComparer.Default))
        {
            return property.Property.Name;
        }

        return null;
    }

    private static bool DependsOn(IOperation operation, ImmutableArray<IParameterSymbol> row) =>
        operation.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => row.Contains(p.Parameter, SymbolEqualityComparer.Default));
}
