using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A helper's body read for one call's <see cref="ArgumentNullness"/>: the null tests of its parameters that the call
/// decides (<c>filter != null</c>, <c>filter is null</c>, <c>tenantId.HasValue</c>), the branches they rule out, and the
/// blocks no run of that call reaches.
/// </summary>
/// <remarks>
/// Only parameters the body never assigns are assumed (<see cref="QueryEvaluator"/> picks them): after
/// <c>filter ??= …</c> a test of <c>filter</c> no longer tests what the caller passed. One instance serves one summary,
/// computed on one thread.
/// </remarks>
internal sealed class NullnessAssumptions
{
    private readonly IMethodSymbol _method;
    private readonly Dictionary<FlowGraphIndex, bool[]> _reachable = new();

    public NullnessAssumptions(IMethodSymbol method, ArgumentNullness nullness)
    {
        _method = method;
        Nullness = nullness;
    }

    public ArgumentNullness Nullness { get; }

    /// <summary>What the call makes of <paramref name="parameter"/>: true when never null, false when null, null when unknown.</summary>
    public bool? IsNonNull(IParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method) ? Nullness.IsNonNull(parameter.Ordinal) : null;

    /// <summary>The value of <paramref name="condition"/> under the assumptions; null when they do not decide it.</summary>
    public bool? Decide(IOperation condition)
    {
        switch (condition.Unwrap())
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Decide(not.Operand) is { } operand ? !operand : null;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var tested = IsNullConstant(comparison.RightOperand) ? comparison.LeftOperand
                    : IsNullConstant(comparison.LeftOperand) ? comparison.RightOperand
                    : null;
                if (tested is null || NonNullOf(tested) is not { } nonNull)
                {
                    return null;
                }

                return comparison.OperatorKind == BinaryOperatorKind.NotEquals ? nonNull : !nonNull;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                var left = Decide(logical.LeftOperand);
                var right = Decide(logical.RightOperand);
                var isAnd = logical.OperatorKind == BinaryOperatorKind.ConditionalAnd;
                if (left == !isAnd || right == !isAnd)
                {
                    // false && …, … || true: one side settles it.
                    return !isAnd;
                }

                return left is not null && right is not null ? isAnd : null;

            case IIsPatternOperation isPattern when NonNullOf(isPattern.Value) is { } valueNonNull:
                return MatchesNonNull(isPattern.Pattern) is { } matchesNonNull ? (valueNonNull ? matchesNonNull : !matchesNonNull) : null;

            case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } hasValue
                when hasValue.Property.ContainingType.IsNullableValueType():
                return NonNullOf(instance);

            default:
                return null;
        }
    }

    /// <summary>Whether no run of the call takes <paramref name="branch"/>: its block's condition goes the other way.</summary>
    public bool RulesOut(ControlFlowBranch branch) =>
        branch.Source is { ConditionKind: not ControlFlowConditionKind.None, BranchValue: { } condition }
        && Decide(condition) is { } value
        && ReachingDefinitions.IsRuledOutWhen(branch, value);

    /// <summary>Whether a run of the call can reach <paramref name="position"/>, and the place its lambda or local function is created.</summary>
    public bool IsReachable(FlowPosition position)
    {
        for (FlowPosition? at = position; at is { } current; at = current.Graph.PositionInParent)
        {
            if (!IsReachable(current.Graph, current.Block))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a run of the call can reach block <paramref name="block"/> of <paramref name="graph"/> from the graph's entry.</summary>
    public bool IsReachable(FlowGraphIndex graph, int block) => ReachableBlocks(graph)[block];

    /// <summary>The blocks reachable from the entry without a branch the assumptions rule out.</summary>
    private bool[] ReachableBlocks(FlowGraphIndex index)
    {
        if (_reachable.TryGetValue(index, out var known))
        {
            return known;
        }

        var blocks = index.Graph.Blocks;
        var reachable = new bool[blocks.Length];
        var pending = new Stack<BasicBlock>();
        foreach (var block in blocks)
        {
            // The entry, and each catch or finally, which is entered from no block: reachable as the graph says.
            if (block.Ordinal == 0 || (block.Predecessors.IsEmpty && block.IsReachable))
            {
                reachable[block.Ordinal] = true;
                pending.Push(block);
            }
        }

        while (pending.Count > 0)
        {
            var block = pending.Pop();
            Follow(block.FallThroughSuccessor);
            Follow(block.ConditionalSuccessor);
        }

        void Follow(ControlFlowBranch? branch)
        {
            if (branch?.Destination is { } destination && !reachable[destination.Ordinal] && !RulesOut(branch))
            {
                reachable[destination.Ordinal] = true;
                pending.Push(destination);
            }
        }

        _reachable[index] = reachable;
        return reachable;
    }

    private bool? NonNullOf(IOperation tested) =>
        tested.Unwrap() is IParameterReferenceOperation { Parameter: var parameter } ? IsNonNull(parameter) : null;

    private static bool IsNullConstant(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: null } || operation.Unwrap() is IDefaultValueOperation { Type: null or { IsReferenceType: true } };

    /// <summary>Whether a pattern matches exactly the non-null values (<c>not null</c>, <c>{ }</c>): true; exactly null: false; else null.</summary>
    private static bool? MatchesNonNull(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant when IsNullConstant(constant.Value) => false,
        INegatedPatternOperation negated => MatchesNonNull(negated.Pattern) is { } inner ? !inner : null,
        IRecursivePatternOperation { DeconstructionSubpatterns.IsEmpty: true, PropertySubpatterns.IsEmpty: true, DeclaredSymbol: null, MatchedType: var matched }
            when SymbolEqualityComparer.Default.Equals(matched, pattern.InputType) => true,
        _ => null,
    };
}
