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
    private Dictionary<IParameterSymbol, ImmutableArray<RowSource>>? _outerRows;
    private HashSet<(ISymbol Local, int Graph, int Block, int Index)>? _inProgress;

    private static readonly IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> s_noRows =
        new Dictionary<IParameterSymbol, ImmutableArray<RowSource>>(SymbolEqualityComparer.Default);

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
    /// <remarks>
    /// This and <see cref="EnterDefinition"/>'s set are made on first use: a scope is made for every execution point,
    /// and most are read without a lambda's subquery or a local assigned on several paths.
    /// </remarks>
    public IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> OuterRows =>
        (IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>>?)_outerRows ?? s_noRows;

    /// <summary>Whether nothing is being read yet: not a helper's summary, no enclosing lambda's rows, no definition being followed.</summary>
    public bool IsBodyTop => SummarizedMethod is null && (_outerRows?.Count ?? 0) == 0 && (_inProgress?.Count ?? 0) == 0;

    /// <summary>Adds an enclosing lambda parameter's rows, unless it is already there; says whether it added them.</summary>
    public bool AddOuterRows(IParameterSymbol parameter, ImmutableArray<RowSource> rows)
    {
        _outerRows ??= new Dictionary<IParameterSymbol, ImmutableArray<RowSource>>(SymbolEqualityComparer.Default);
        if (_outerRows.ContainsKey(parameter))
        {
            return false;
        }

        _outerRows.Add(parameter, rows);
        return true;
    }

    public void RemoveOuterRows(IParameterSymbol parameter) => _outerRows?.Remove(parameter);

    /// <summary>
    /// Marks a definition as being evaluated, to cut cycles through loops (optimistically: a cycle adds nothing); false
    /// when it already is.
    /// </summary>
    public bool EnterDefinition((ISymbol Local, int Graph, int Block, int Index) definition) => (_inProgress ??= new()).Add(definition);

    public void LeaveDefinition((ISymbol Local, int Graph, int Block, int Index) definition) => _inProgress?.Remove(definition);

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
