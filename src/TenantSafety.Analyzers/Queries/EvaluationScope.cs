using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The method body a query is evaluated in: its semantic model, its control-flow graph (built only when a
/// local has to be resolved) and, when summarising a helper, which method's parameters are symbolic.
/// </summary>
internal sealed class EvaluationScope
{
    private readonly Func<ControlFlowGraph?> _graphFactory;
    private FlowGraphIndex? _graph;
    private bool _graphCreated;

    public EvaluationScope(SemanticModel model, Func<ControlFlowGraph?> graphFactory, IMethodSymbol? summarizedMethod, IMethodSymbol? containingMethod = null)
    {
        Model = model;
        _graphFactory = graphFactory;
        SummarizedMethod = summarizedMethod;
        ContainingMethod = summarizedMethod ?? containingMethod;
    }

    public SemanticModel Model { get; }

    /// <summary>When set, references to this method's parameters evaluate to <see cref="QueryRootKind.Parameter"/>.</summary>
    public IMethodSymbol? SummarizedMethod { get; }

    /// <summary>
    /// The method whose body this is: a predicate it receives as a parameter and applies (<c>db.Leads.Where(predicate)</c>)
    /// is its callers' to judge.
    /// </summary>
    public IMethodSymbol? ContainingMethod { get; }

    /// <summary>
    /// While a subquery inside a lambda is read: the rows the enclosing lambdas' parameters stand for, so that a subquery
    /// correlated to them through a relationship key (<c>n.LeadId == l.Id</c>) is tied to their sources.
    /// </summary>
    public Dictionary<IParameterSymbol, ImmutableArray<RowSource>> OuterRows { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether nothing is being read yet: not a helper's summary, no enclosing lambda's rows, no definition being followed.</summary>
    public bool IsBodyTop => SummarizedMethod is null && OuterRows.Count == 0 && InProgress.Count == 0;

    /// <summary>Definitions being evaluated, to cut cycles through loops (optimistically: a cycle adds nothing).</summary>
    public HashSet<(ISymbol Local, int Graph, int Block, int Index)> InProgress { get; } = new();

    public FlowGraphIndex? Graph
    {
        get
        {
            if (!_graphCreated)
            {
                _graphCreated = true;
                var graph = _graphFactory();
                _graph = graph is null ? null : FlowGraphIndex.Of(graph);
            }

            return _graph;
        }
    }
}
