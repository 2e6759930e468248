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
    private HashSet<DefinitionKey>? _inProgress;
    private Dictionary<DefinitionKey, QueryFacts>? _definitionFacts;

    private static readonly IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> s_noRows =
        new Dictionary<IParameterSymbol, ImmutableArray<RowSource>>(SymbolEqualityComparer.Default);

    public EvaluationScope(SemanticModel model, Func<ControlFlowGraph?> graphFactory, IMethodSymbol? summarizedMethod, IMethodSymbol? containingMethod = null, NullnessAssumptions? assumed = null, KeptQuery? keptQuery = null)
    {
        Model = model;
        Assumed = assumed;
        KeptQuery = keptQuery;
        _graphFactory = graphFactory;
        SummarizedMethod = summarizedMethod;
        ContainingMethod = summarizedMethod ?? containingMethod;
    }

    public SemanticModel Model { get; }

    /// <summary>
    /// When a helper is summarised for one call: which of its parameters that call fills with null or with a value, and so
    /// which branches of the body it can take. Null when every branch counts.
    /// </summary>
    public NullnessAssumptions? Assumed { get; }

    /// <summary>Whether the call this scope is read for can reach <paramref name="position"/>; always, outside such a summary.</summary>
    public bool CanReach(FlowPosition position) => Assumed is null || Assumed.IsReachable(position);

    /// <summary>
    /// When a keeper's method is read for what a store of a query into one of its members leaves to the store's callers:
    /// that member, whose reads evaluate to the store's parameter.
    /// </summary>
    public KeptQuery? KeptQuery { get; }

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
    public bool IsBodyTop => SummarizedMethod is null && KeptQuery is null && !HasOuterRows && (_inProgress?.Count ?? 0) == 0;

    /// <summary>Whether a lambda's subquery is being read: what is read depends on the enclosing lambdas' rows.</summary>
    private bool HasOuterRows => _outerRows is { Count: > 0 };

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
    /// How many times an evaluation in this scope was cut short: a definition reached again while it was being evaluated
    /// (a loop), or the depth limit. A result read without a cut is the same however it is reached.
    /// </summary>
    public int Cuts { get; private set; }

    /// <summary>
    /// Marks a definition as being evaluated, to cut cycles through loops (optimistically: a cycle adds nothing); false,
    /// and a cut counted, when it already is.
    /// </summary>
    public bool EnterDefinition(DefinitionKey definition)
    {
        if ((_inProgress ??= new()).Add(definition))
        {
            return true;
        }

        Cuts++;
        return false;
    }

    public void LeaveDefinition(DefinitionKey definition) => _inProgress?.Remove(definition);

    /// <summary>Counts an evaluation stopped by the depth limit: what it would have read is missing from the result.</summary>
    public void NoteDepthLimit() => Cuts++;

    /// <summary>
    /// A definition's facts read before in this scope. Each assignment of a local is then evaluated once, however many
    /// later assignments and execution points reach it: a query refined by <c>k</c> optional filters
    /// (<c>if (…) q = q.Where(…);</c>) reaches its first value along <c>2^k</c> paths.
    /// </summary>
    /// <remarks>
    /// Kept only for facts read at the body's level (no enclosing lambda's rows, which a subquery's facts depend on) and
    /// without a cut. A definition on a loop's cycle always meets itself, so it is never kept; any other definition
    /// reads the same facts whichever definitions are being evaluated around it.
    /// </remarks>
    public QueryFacts? KnownDefinitionFacts(DefinitionKey definition) =>
        _definitionFacts is not null && !HasOuterRows && _definitionFacts.TryGetValue(definition, out var facts) ? facts : null;

    /// <summary>Keeps <paramref name="facts"/> for <paramref name="definition"/>, read with no cut since <paramref name="cutsBefore"/> (see <see cref="KnownDefinitionFacts"/>).</summary>
    public void KeepDefinitionFacts(DefinitionKey definition, QueryFacts facts, int cutsBefore)
    {
        if (Cuts == cutsBefore && !HasOuterRows)
        {
            (_definitionFacts ??= new())[definition] = facts;
        }
    }

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
