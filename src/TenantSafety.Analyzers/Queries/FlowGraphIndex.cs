using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>A place in a control-flow graph: the operation at <see cref="Index"/> of a block (Operations.Length is the branch value).</summary>
/// <param name="Graph">The graph.</param>
/// <param name="Block">The block's ordinal.</param>
/// <param name="Index">The operation's index in the block.</param>
internal readonly record struct FlowPosition(FlowGraphIndex Graph, int Block, int Index);

/// <summary>
/// A control-flow graph with what the query analysis looks up in it: where a piece of syntax sits, where each
/// flow capture is assigned, and the graphs of the lambdas and local functions it contains (whose captured
/// locals resolve in this graph at the point the lambda is created).
/// </summary>
internal sealed class FlowGraphIndex
{
    private readonly Dictionary<SyntaxNode, (int Block, int Index)> _positions = new();
    private readonly Dictionary<CaptureId, List<(IFlowCaptureOperation Capture, int Block, int Index)>> _captures = new();
    private readonly List<(SyntaxNode Syntax, int Block, int Index, IFlowAnonymousFunctionOperation? Lambda, IMethodSymbol? LocalFunction)> _nested = new();
    private readonly Dictionary<SyntaxNode, FlowGraphIndex?> _nestedGraphs = new();

    /// <summary>The index of each body's graph, built once however many queries the body holds.</summary>
    private static readonly ConditionalWeakTable<ControlFlowGraph, FlowGraphIndex> s_ofGraph = new();

    /// <summary>The index of a body's graph, shared by every evaluation in that body.</summary>
    public static FlowGraphIndex Of(ControlFlowGraph graph) => s_ofGraph.GetValue(graph, g => new FlowGraphIndex(g));

    public FlowGraphIndex(ControlFlowGraph graph, FlowGraphIndex? parent = null, FlowPosition? positionInParent = null)
    {
        Graph = graph;
        Parent = parent;
        PositionInParent = positionInParent;
        var pending = new Stack<IOperation>();
        foreach (var block in graph.Blocks)
        {
            for (var i = 0; i <= block.Operations.Length; i++)
            {
                var operation = GetOperation(block, i);
                if (operation is not null)
                {
                    IndexOperation(operation, block.Ordinal, i, pending);
                }
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            foreach (var reference in localFunction.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (_positions.TryGetValue(syntax, out var position))
                {
                    _nested.Add((syntax, position.Block, position.Index, null, localFunction));
                }
                else
                {
                    // A local function's declaration is not an operation of the graph; it sees the locals of the whole body.
                    _nested.Add((syntax, graph.Blocks.Length - 1, 0, null, localFunction));
                }
            }
        }
    }

    public ControlFlowGraph Graph { get; }

    public FlowGraphIndex? Parent { get; }

    public FlowPosition? PositionInParent { get; }

    public static IOperation? GetOperation(BasicBlock block, int index) =>
        index < block.Operations.Length ? block.Operations[index] : index == block.Operations.Length ? block.BranchValue : null;

    /// <summary>The graph and position of <paramref name="syntax"/>, descending into lambdas and local functions.</summary>
    public FlowPosition? Locate(SyntaxNode syntax)
    {
        for (var node = syntax; node is not null; node = node.Parent)
        {
            // Lambdas first: a lambda's own syntax is also an operation of this graph, but what is inside it lives in its graph.
            var nested = FindNested(node);
            if (nested is not null)
            {
                return nested.Locate(syntax);
            }

            if (_positions.TryGetValue(node, out var position))
            {
                return new FlowPosition(this, position.Block, position.Index);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether what runs at <paramref name="from"/> may run before what runs at <paramref name="to"/>: some path leads from
    /// one to the other (around a loop too). A position inside a lambda or local function counts where it is created;
    /// positions of different bodies, or a target in a <c>catch</c> (which no edge of the graph enters), always may.
    /// </summary>
    public static bool MayRunBefore(FlowPosition from, FlowPosition to)
    {
        from = Outermost(from);
        to = Outermost(to);
        if (from.Graph != to.Graph || (from.Block == to.Block && from.Index <= to.Index))
        {
            return true;
        }

        var blocks = from.Graph.Graph.Blocks;
        for (var region = blocks[to.Block].EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler)
            {
                return true;
            }
        }

        var seen = new bool[blocks.Length];
        var pending = new Stack<int>();
        pending.Push(from.Block);
        while (pending.Count > 0)
        {
            var block = blocks[pending.Pop()];
            foreach (var successor in new[] { block.FallThroughSuccessor?.Destination, block.ConditionalSuccessor?.Destination })
            {
                if (successor is null || seen[successor.Ordinal])
                {
                    continue;
                }

                if (successor.Ordinal == to.Block)
                {
                    return true;
                }

                seen[successor.Ordinal] = true;
                pending.Push(successor.Ordinal);
            }
        }

        return false;
    }

    /// <summary>The position in the outermost body: a lambda's or local function's position is where it is created.</summary>
    private static FlowPosition Outermost(FlowPosition position)
    {
        while (position.Graph.PositionInParent is { } inParent)
        {
            position = inParent;
        }

        return position;
    }

    public IEnumerable<(IFlowCaptureOperation Capture, FlowPosition Position)> CaptureDefinitions(CaptureId id)
    {
        if (_captures.TryGetValue(id, out var list))
        {
            foreach (var (capture, block, index) in list)
            {
                yield return (capture, new FlowPosition(this, block, index));
            }
        }
    }

    /// <summary>
    /// The index of the lambda or local function that <paramref name="declaration"/> declares, descending into the
    /// lambdas and local functions around it; null when this graph holds none.
    /// </summary>
    public FlowGraphIndex? NestedGraph(SyntaxNode declaration)
    {
        for (var node = declaration; node is not null; node = node.Parent)
        {
            if (FindNested(node) is { } nested)
            {
                return node == declaration ? nested : nested.NestedGraph(declaration);
            }
        }

        return null;
    }

    private FlowGraphIndex? FindNested(SyntaxNode node)
    {
        foreach (var nested in _nested)
        {
            if (nested.Syntax != node)
            {
                continue;
            }

            // An index is shared by every query of its body (Of), which the driver may analyse on several threads.
            lock (_nestedGraphs)
            {
                if (!_nestedGraphs.TryGetValue(node, out var index))
                {
                    var graph = nested.Lambda is not null
                        ? Graph.GetAnonymousFunctionControlFlowGraph(nested.Lambda)
                        : Graph.GetLocalFunctionControlFlowGraph(nested.LocalFunction!);
                    index = new FlowGraphIndex(graph, this, new FlowPosition(this, nested.Block, nested.Index));
                    _nestedGraphs[node] = index;
                }

                return index;
            }
        }

        return null;
    }

    /// <param name="root">A top-level operation of the block.</param>
    /// <param name="block">The block's ordinal.</param>
    /// <param name="index">The operation's index in the block.</param>
    /// <param name="stack">An empty stack, shared by every operation of the graph.</param>
    private void IndexOperation(IOperation root, int block, int index, Stack<IOperation> stack)
    {
        stack.Push(root);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            if (!_positions.ContainsKey(operation.Syntax))
            {
                _positions.Add(operation.Syntax, (block, index));
            }

            switch (operation)
            {
                case IFlowCaptureOperation capture:
                    if (!_captures.TryGetValue(capture.Id, out var list))
                    {
                        list = new List<(IFlowCaptureOperation, int, int)>();
                        _captures.Add(capture.Id, list);
                    }

                    list.Add((capture, block, index));
                    break;
                case IFlowAnonymousFunctionOperation lambda:
                    _nested.Add((lambda.Syntax, block, index, lambda, null));
                    continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }
}
