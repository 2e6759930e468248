using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// One assignment of a local (or of a parameter the body reassigns) that can reach a use. <see cref="Value"/> is null
/// when the value cannot be read (out, ref, deconstruction, <c>??=</c>), the local was never assigned on that path, or the
/// parameter still holds what the call passed (<see cref="IsParameterValue"/>); <see cref="Position"/> is null for a
/// local's only definition, read without the graph (<see cref="SingleDefinition"/>).
/// </summary>
internal readonly struct Definition
{
    public Definition(IOperation? value, FlowPosition? position, bool isParameterValue = false)
    {
        Value = value;
        Position = position;
        IsParameterValue = isParameterValue;
    }

    public IOperation? Value { get; }

    public FlowPosition? Position { get; }

    /// <summary>A parameter not assigned on this path since the body began: the value its caller passed.</summary>
    public bool IsParameterValue { get; }
}

/// <summary>
/// Reaching definitions of a local, or of a parameter the body reassigns (<c>query = query.Where(…)</c> in a filter
/// helper), at a position, found by walking the control-flow graph backwards.
/// Every path counts, so a value assigned only inside an <c>if</c> reaches alongside the value from before it, and a
/// <c>catch</c> or <c>finally</c> sees every value its <c>try</c> may have held when it stopped. A path no run takes does
/// not count: out of a loop on a constant <c>true</c> condition without a <c>break</c>, a branch a constant condition
/// rules out, code after a <c>return</c>.
/// </summary>
internal static class ReachingDefinitions
{
    /// <param name="local">The local, or a parameter the body reassigns.</param>
    /// <param name="position">Where it is read.</param>
    /// <param name="assumed">In a helper read for one call, the branches that call cannot take; null for every branch.</param>
    public static List<Definition> Find(ISymbol local, FlowPosition position, NullnessAssumptions? assumed = null)
    {
        var result = new List<Definition>();
        var visited = new HashSet<int>();
        var graph = position.Graph;
        var pending = new Stack<(int Block, int Before)>();
        pending.Push((position.Block, position.Index));
        while (pending.Count > 0)
        {
            var (blockOrdinal, before) = pending.Pop();
            var block = graph.Graph.Blocks[blockOrdinal];
            if (TryFindInBlock(local, graph, block, before, out var definition))
            {
                // The points of a try region can find the same assignment more than once.
                if (!result.Exists(found => found.Position == definition.Position))
                {
                    result.Add(definition);
                }

                continue;
            }

            if (block.Predecessors.IsEmpty)
            {
                if (ProtectedRegionOf(block) is { } guarded)
                {
                    // A catch or finally is entered from wherever its try may stop: any point of the protected blocks
                    // that a run can reach (not code after a return inside the try).
                    for (var ordinal = guarded.FirstBlockOrdinal; ordinal <= guarded.LastBlockOrdinal; ordinal++)
                    {
                        var protectedBlock = graph.Graph.Blocks[ordinal];
                        if (!protectedBlock.IsReachable)
                        {
                            continue;
                        }

                        for (var index = protectedBlock.Operations.Length + 1; index >= 0; index--)
                        {
                            pending.Push((ordinal, index));
                        }
                    }
                }
                else if (graph.Parent is not null && graph.PositionInParent is { } parentPosition)
                {
                    // A local captured by a lambda or local function: its value where the lambda is created.
                    result.AddRange(Find(local, parentPosition, assumed));
                }
                else
                {
                    // The body's start: a local is unassigned there, a parameter holds its argument.
                    result.Add(new Definition(null, new FlowPosition(graph, blockOrdinal, 0), isParameterValue: local is IParameterSymbol));
                }

                continue;
            }

            foreach (var predecessor in block.Predecessors)
            {
                // No run takes a branch a constant condition rules out (the way out of a `while (true)` that only a
                // return or a throw leaves) or leaves a block the graph marks unreachable (code after a return).
                var source = predecessor.Source;
                if (source.IsReachable && !IsNeverTaken(predecessor) && IsTakenUnder(assumed, predecessor, graph) && visited.Add(source.Ordinal))
                {
                    pending.Push((source.Ordinal, source.Operations.Length + 1));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Whether a constant condition rules <paramref name="branch"/> out: the exit of <c>while (true)</c> or
    /// <c>do … while (true)</c>, the <c>else</c> of <c>if (true)</c>. The graph keeps such branches. It marks a block
    /// only they lead to unreachable, but a branch from a reachable block straight to a join (the exit of a
    /// <c>while (true)</c> that ends an <c>else</c>) is ruled out only by its condition, as C# reads which statements
    /// can run.
    /// </summary>
    private static bool IsNeverTaken(ControlFlowBranch branch) =>
        branch.Source.BranchValue?.ConstantValue is { HasValue: true, Value: bool condition } && IsRuledOutWhen(branch, condition);

    /// <summary>
    /// Whether no run takes <paramref name="branch"/> when its source block's condition is <paramref name="condition"/>:
    /// the conditional successor when the block does not jump, the fall-through when it does. False for a block without a condition.
    /// </summary>
    internal static bool IsRuledOutWhen(ControlFlowBranch branch, bool condition)
    {
        var source = branch.Source;
        if (source.ConditionKind == ControlFlowConditionKind.None)
        {
            return false;
        }

        var jumps = condition == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
        return branch.IsConditionalSuccessor ? !jumps : jumps;
    }

    /// <summary>Whether the call a helper is read for can take <paramref name="branch"/>: its source is reachable, and its condition does not rule it out.</summary>
    private static bool IsTakenUnder(NullnessAssumptions? assumed, ControlFlowBranch branch, FlowGraphIndex graph) =>
        assumed is null || (!assumed.RulesOut(branch) && assumed.IsReachable(graph, branch.Source.Ordinal));

    /// <summary>
    /// When <paramref name="block"/> starts a <c>catch</c>, an exception filter or a <c>finally</c>, which the graph
    /// enters from no block: the region it guards (the <c>try</c>, with its catches for a <c>finally</c>). Null otherwise.
    /// </summary>
    private static ControlFlowRegion? ProtectedRegionOf(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally
                && region.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally } tryStatement
                && tryStatement.NestedRegions[0] != region)
            {
                return tryStatement.NestedRegions[0];
            }
        }

        return null;
    }

    private static bool TryFindInBlock(ISymbol local, FlowGraphIndex graph, BasicBlock block, int before, out Definition definition)
    {
        for (var i = before - 1; i >= 0; i--)
        {
            var operation = FlowGraphIndex.GetOperation(block, i);
            if (operation is null)
            {
                continue;
            }

            if (TryFindAssignment(operation, local, out var value))
            {
                definition = new Definition(value, new FlowPosition(graph, block.Ordinal, i));
                return true;
            }
        }

        definition = default;
        return false;
    }

    /// <summary>The last assignment to <paramref name="local"/> (a local or a parameter) inside <paramref name="root"/>, in evaluation order.</summary>
    private static bool TryFindAssignment(IOperation root, ISymbol local, out IOperation? value)
    {
        var found = false;
        value = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: var target } assignment when Names(target, local):
                    found = true;
                    value = assignment.Value;
                    break;
                case IAssignmentOperation { Target: var target } when Names(target, local):
                case IArgumentOperation { Value: var argument } byReference when byReference.Parameter?.RefKind is RefKind.Out or RefKind.Ref
                    && Names(argument, local):
                    found = true;
                    value = null;
                    break;
                case IDeconstructionAssignmentOperation deconstruction when ContainsLocal(deconstruction.Target, local):
                    found = true;
                    value = null;
                    break;
            }
        }

        return found;
    }

    private static bool ContainsLocal(IOperation operation, ISymbol local)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (Names(descendant, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="reference"/> reads or writes <paramref name="variable"/>, a local or a parameter.</summary>
    private static bool Names(IOperation reference, ISymbol variable) => reference switch
    {
        ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
        IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
        _ => false,
    };
}
