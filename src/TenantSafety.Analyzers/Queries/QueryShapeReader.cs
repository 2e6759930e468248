using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Reads what an index must serve in a query, per execution path (<see cref="QueryPaths"/>): the columns its
/// predicates compare by equality (in a conjunctive position: <c>x.Status == s</c>, <c>s == x.Status</c>,
/// <c>x.Status.Equals(s)</c>, <c>list.Contains(x.Status)</c>, <c>x.IsRead</c>, <c>!x.IsRead</c>) and the columns it
/// orders by (the last <c>OrderBy</c> and its <c>ThenBy</c>s), while its rows are still the table's entity. A path whose only tenant predicate is on another table
/// (<c>c.TaskItem.TeamId == teamId</c>) asks nothing of this table's tenant-key indexes and gives no shape.
/// </summary>
internal sealed class QueryShapeReader
{
    private readonly EfSymbols _symbols;
    private readonly QueryEvaluator _evaluator;
    private readonly System.Func<string, bool> _isTenantKey;
    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellationToken;

    public QueryShapeReader(EfSymbols symbols, QueryEvaluator evaluator, System.Func<string, bool> isTenantKey, SemanticModel model, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _evaluator = evaluator;
        _isTenantKey = isTenantKey;
        _model = model;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The distinct shapes of the query <paramref name="executionPoint"/> runs, one per execution path that scopes this table by its own key.</summary>
    public ImmutableArray<RequiredIndex> Read(IInvocationOperation executionPoint, string tenantKey, ITypeSymbol entityType, EvaluationScope? scope)
    {
        var shapes = ImmutableArray.CreateBuilder<RequiredIndex>();
        foreach (var path in new QueryPaths(_symbols, _evaluator, _model, scope, _cancellationToken).Of(executionPoint))
        {
            if (ReadPath(path, tenantKey, entityType) is { } shape && !shapes.Any(s => s.ToString() == shape.ToString()))
            {
                shapes.Add(shape);
            }
        }

        return shapes.ToImmutable();
    }

    /// <summary>Whether <paramref name="lambda"/> is given a row of the table: its entity, a base or derived class, an interface it implements, or a helper's type parameter.</summary>
    private static bool IsRowOf(IAnonymousFunctionOperation lambda, ITypeSymbol entityType) =>
        lambda.Symbol.Parameters.FirstOrDefault()?.Type is { } row && (row is ITypeParameterSymbol || row.Satisfies(entityType) || entityType.Satisfies(row));

    private RequiredIndex? ReadPath(List<IInvocationOperation> operators, string tenantKey, ITypeSymbol entityType)
    {
        var equalities = new List<string>();
        var ordering = new List<(string Column, bool Descending)>();
        var ownKey = false;
        var keyThroughNavigation = false;
        foreach (var call in operators)
        {
            var name = call.TargetMethod.Name;
            // After a projection (Select, GroupBy, a join) the lambdas read projected rows or groups, not this table's columns.
            if (ExecutionPoints.IsPredicateOperator(name) && Lambda(call) is { } predicate && IsRowOf(predicate, entityType) && predicate.ReturnedValue() is { } body)
            {
                foreach (var member in Conjuncts(body, predicate.Symbol.Parameters))
                {
                    var column = member[member.Length - 1];
                    if (!IsTenantKey(column, tenantKey))
                    {
                        if (member.Length == 1 && !equalities.Contains(column))
                        {
                            equalities.Add(column);
                        }
                    }
                    else if (member.Length == 1)
                    {
                        ownKey = true;
                    }
                    else
                    {
                        keyThroughNavigation = true;
                    }
                }
            }
            else if (name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" && Lambda(call) is { } keySelector)
            {
                if (name.StartsWith("OrderBy", System.StringComparison.Ordinal))
                {
                    ordering.Clear();
                }

                // Ordered by an expression, through a navigation or by a projected member (a group's count): no index
                // column serves it, nor anything after it.
                ordering.Add(IsRowOf(keySelector, entityType) && Member(keySelector.ReturnedValue(), keySelector.Symbol.Parameters) is { Length: 1 } column
                    ? (column[0], name.EndsWith("Descending", System.StringComparison.Ordinal))
                    : (string.Empty, false));
            }
        }

        if (keyThroughNavigation && !ownKey)
        {
            return null;
        }

        var usableOrdering = ordering.TakeWhile(o => o.Column.Length > 0)
            .Where(o => !equalities.Contains(o.Column) && !IsTenantKey(o.Column, tenantKey))
            .ToImmutableArray();
        return new RequiredIndex(tenantKey, equalities.ToImmutableArray(), usableOrdering);
    }

    private bool IsTenantKey(string column, string tenantKey) => column == tenantKey || _isTenantKey(column);

    private static IAnonymousFunctionOperation? Lambda(IInvocationOperation call) =>
        call.Arguments.Where(a => a.Parameter?.Ordinal > 0).Select(a => a.Value.AsLambda()).FirstOrDefault(l => l is not null);

    /// <summary>The members of the row a conjunct compares by equality, each as its path from the row (<c>[Status]</c>, <c>[TaskItem, TeamId]</c>).</summary>
    private static IEnumerable<string[]> Conjuncts(IOperation operation, ImmutableArray<IParameterSymbol> row)
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
                return item is not null && collection is not null && !DependsOn(collection, row) && Member(item, row) is { } member
                    ? new[] { member }
                    : Enumerable.Empty<string[]>();

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not when Member(not.Operand, row) is { Length: 1 } negated:
                return new[] { negated };

            case var _ when operation.Type?.SpecialType == SpecialType.System_Boolean && Member(operation, row) is { Length: 1 } flag:
                return new[] { flag };

            default:
                return Enumerable.Empty<string[]>();
        }
    }

    private static IEnumerable<string[]> Compared(IOperation left, IOperation right, ImmutableArray<IParameterSymbol> row)
    {
        if (Member(left, row) is { } leftMember && !DependsOn(right, row))
        {
            return new[] { leftMember };
        }

        return Member(right, row) is { } rightMember && !DependsOn(left, row) ? new[] { rightMember } : Enumerable.Empty<string[]>();
    }

    /// <summary>
    /// A property read from the row, as its path: <c>x.Status</c> is <c>[Status]</c>, <c>x.TaskItem.TeamId</c> is
    /// <c>[TaskItem, TeamId]</c> (a column of another table); null for anything else.
    /// </summary>
    private static string[]? Member(IOperation? operation, ImmutableArray<IParameterSymbol> row)
    {
        var path = new List<string>();
        for (var current = operation?.Unwrap(); current is not null; current = ((IPropertyReferenceOperation)current).Instance?.Unwrap())
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter when row.ContainsSymbol(parameter.Parameter) && path.Count > 0:
                    path.Reverse();
                    return path.ToArray();
                case IPropertyReferenceOperation property:
                    path.Add(property.Property.Name);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool DependsOn(IOperation operation, ImmutableArray<IParameterSymbol> row) =>
        operation.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => row.ContainsSymbol(p.Parameter));
}
