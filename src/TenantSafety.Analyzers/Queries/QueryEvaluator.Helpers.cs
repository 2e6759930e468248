using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Helpers of this compilation, each summarised once per method: what a query-returning helper does to the query
/// (rooted in one of its parameters, or in a DbSet), and whether a predicate-returning helper returns only tenant
/// predicates. A helper's body is read through its control-flow graph, its parameters symbolic.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>
    /// Applies a helper's summary, read for what the call passes (<see cref="NullnessAt"/>), at the call: a query rooted in
    /// one of its parameters continues the caller's argument.
    /// </summary>
    private QueryFacts FromSummary(IMethodSymbol method, IInvocationOperation? invocation, SyntaxNode callSyntax, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken) =>
        Instantiate(Summarize(method, NullnessAt(invocation, method, scope, cancellationToken), cancellationToken), method, invocation, callSyntax, scope, position, depth, cancellationToken);

    /// <summary>
    /// What a helper's <paramref name="facts"/> (read with its parameters symbolic) say at one call: a query rooted in one
    /// of its parameters continues the caller's argument; a query over its type parameter reads the caller's entity; a
    /// predicate it takes from its caller (<c>Where(set, predicate) =&gt; Queryable.Where(set, predicate)</c>,
    /// <c>Find(predicate) =&gt; db.Leads.Where(predicate)…</c>) is the argument the caller passes.
    /// </summary>
    /// <remarks><c>rootSyntax</c> is where the caller's fix goes when the query starts inside the helper; null for none.</remarks>
    internal QueryFacts Instantiate(QueryFacts facts, IMethodSymbol method, IOperation? call, SyntaxNode? rootSyntax, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        QueryFacts result;
        switch (facts.Kind)
        {
            case QueryRootKind.Parameter:
                if (call.CallArgumentAt(facts.ParameterOrdinal) is not { } argument)
                {
                    return QueryFacts.Unknown;
                }

                result = Evaluate(argument.Value, scope, position, depth + 1, cancellationToken).ComposeWith(facts);
                break;

            case QueryRootKind.EntitySet:
            case QueryRootKind.RawSql:
                // Scoping inside the helper is already in the summary; the caller's fix goes after the call.
                result = facts.WithEntityType(Substitute(facts.EntityType, method)).WithRootSyntax(rootSyntax).WithoutPredicateParameters();
                break;

            default:
                return QueryFacts.Unknown;
        }

        foreach (var ordinal in facts.PredicateParameters)
        {
            if (call.CallArgumentAt(ordinal) is { } predicate)
            {
                result = ApplyPredicate(result, predicate.Value, scope, position, depth + 1, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>The facts of what a helper returns, joined over the return paths a call with <paramref name="nullness"/> can take. Cached per method and nullness.</summary>
    private QueryFacts Summarize(IMethodSymbol method, ArgumentNullness nullness, CancellationToken cancellationToken) =>
        PerHelper(method, _summaries, QueryFacts.Unknown, definition => ComputeSummary(definition, nullness, cancellationToken), nullness);

    /// <summary>
    /// A fact of a helper, computed once per method definition and depth budget. A helper more than
    /// <see cref="MaxHelperDepth"/> helpers deep gets <paramref name="whenCut"/>, and so does one reached again while
    /// its fact is being computed (recursion). A fact read under recursion depends on the path that led to it and is
    /// used once, never cached: analysis runs concurrently from every call site, and no answer may depend on which
    /// call came first.
    /// </summary>
    private T PerHelper<T>(IMethodSymbol method, ConcurrentDictionary<HelperKey, T> cache, T whenCut, Func<IMethodSymbol, T> compute, ArgumentNullness nullness = default)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var stack = _summariesInProgress.Value!;
        var key = new HelperKey(definition, MaxHelperDepth - stack.Methods.Count, nullness);
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (key.Budget <= 0)
        {
            return whenCut;
        }

        if (!stack.Methods.Add(definition))
        {
            stack.RecursionCuts++;
            return whenCut;
        }

        var cutsBefore = stack.RecursionCuts;
        try
        {
            var fact = compute(definition);
            return stack.RecursionCuts == cutsBefore ? cache.GetOrAdd(key, fact) : fact;
        }
        finally
        {
            stack.Methods.Remove(definition);
        }
    }

    private QueryFacts ComputeSummary(IMethodSymbol method, ArgumentNullness nullness, CancellationToken cancellationToken)
    {
        if (method.IsAbstract || method.IsExtern)
        {
            return QueryFacts.Unknown;
        }

        var result = QueryFacts.Unknown;
        foreach (var (returned, scope, position) in ReturnedValues(method, nullness, cancellationToken))
        {
            result = QueryFacts.Join(result, Evaluate(returned, scope, position, depth: 0, cancellationToken));
        }

        return result;
    }

    /// <summary>How far the predicates a helper returning <c>Expression&lt;Func&lt;T, bool&gt;&gt;</c> returns confine rows: the weakest return counts.</summary>
    private TenantScope PredicateHelperScope(IMethodSymbol method, CancellationToken cancellationToken) =>
        PerHelper(method, _predicateHelpers, whenCut: TenantScope.None, definition => Weakest(
            ReturnedValues(definition, ArgumentNullness.None, cancellationToken).Select(r => ScopeOfPredicate(r.Value, r.Scope, r.Position, depth: 0, cancellationToken))));

    /// <summary>
    /// Every value a helper returns on a path a call with <paramref name="nullness"/> can take, with the scope (its
    /// parameters symbolic) and place to evaluate it in.
    /// </summary>
    private IEnumerable<(IOperation Value, EvaluationScope Scope, FlowPosition Position)> ReturnedValues(IMethodSymbol method, ArgumentNullness nullness, CancellationToken cancellationToken)
    {
        var assumed = nullness.IsEmpty ? null : new NullnessAssumptions(method, nullness);
        foreach (var (graph, model) in BodyGraphs(method, cancellationToken))
        {
            var scope = new EvaluationScope(model, () => graph, method, assumed: assumed);
            var index = scope.Graph!;
            foreach (var block in graph.Blocks)
            {
                if (block.BranchValue is { } returned && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                {
                    var position = new FlowPosition(index, block.Ordinal, block.Operations.Length);
                    if (scope.CanReach(position))
                    {
                        yield return (returned, scope, position);
                    }
                }
            }
        }
    }

    private IEnumerable<(ControlFlowGraph Graph, SemanticModel Model)> BodyGraphs(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            NoteHelperBodyRead(reference);
            var syntax = reference.GetSyntax(cancellationToken);
            var model = _models.Get(syntax.SyntaxTree);
            var graph = model is null ? null : CreateGraph(model, syntax, cancellationToken);
            if (graph is not null)
            {
                yield return (graph, model!);
            }
        }
    }

    /// <remarks>
    /// A local function's graph exists only within the graph that declares it (the body's, another local function's or
    /// a lambda's, say a minimal API handler's): it is found from its body's graph down (<see cref="FlowGraphIndex.NestedGraph"/>).
    /// </remarks>
    internal static ControlFlowGraph? CreateGraph(SemanticModel model, SyntaxNode declaration, CancellationToken cancellationToken) =>
        BodyOperation(model, declaration, cancellationToken) switch
        {
            { Parent: null } root => GraphOf(root, cancellationToken),
            ILocalFunctionOperation localFunction when GraphOf(RootOf(localFunction), cancellationToken) is { } body =>
                FlowGraphIndex.Of(body).NestedGraph(localFunction.Syntax)?.Graph,
            _ => null,
        };

    private static readonly ConditionalWeakTable<IOperation, StrongBox<ControlFlowGraph?>> s_graphs = new();

    /// <summary>
    /// The control-flow graph of a body's root operation, built once per root: the rules that evaluate queries and the
    /// helper summaries share it (operations are kept per semantic model, which the analyzer driver shares).
    /// </summary>
    internal static ControlFlowGraph? GraphOf(IOperation root, CancellationToken cancellationToken) =>
        s_graphs.GetValue(root, r => new StrongBox<ControlFlowGraph?>(r switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            IParameterInitializerOperation parameter => ControlFlowGraph.Create(parameter, cancellationToken),
            _ => null,
        })).Value;

    /// <summary>The root operation of the body <paramref name="operation"/> is part of.</summary>
    internal static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>
    /// The method whose body a call runs: the target itself when it has one in source, else the one implementation in
    /// source of the interface method it calls (<c>IRepository&lt;Lead&gt;.Find</c> → <c>Repository&lt;Lead&gt;.Find</c>); null when none.
    /// </summary>
    private IMethodSymbol? BodyOf(IMethodSymbol method) =>
        IsSourceMethodWithBody(method) ? method : _implementations.SoleImplementation(method);

    /// <summary>Whether <see cref="BodyOf"/> can find a body: a source method with one, or an interface method a source class may implement.</summary>
    private static bool MayHaveBody(IMethodSymbol method) =>
        IsSourceMethodWithBody(method) || method is { ContainingType.TypeKind: TypeKind.Interface, IsAbstract: true, MethodKind: MethodKind.Ordinary };

    private static bool IsSourceMethodWithBody(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return !definition.DeclaringSyntaxReferences.IsEmpty && !definition.IsAbstract && !definition.IsExtern
            && definition.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.LocalFunction;
    }

    /// <summary>Maps a helper's type parameter (<c>Set&lt;T&gt;()</c> in <c>Query&lt;T&gt;()</c>) to the caller's type argument.</summary>
    private static ITypeSymbol? Substitute(ITypeSymbol? entityType, IMethodSymbol constructed)
    {
        if (entityType is not ITypeParameterSymbol typeParameter)
        {
            return entityType;
        }

        var method = constructed.ReducedFrom is null ? constructed : constructed.GetConstructedReducedFrom() ?? constructed;
        if (typeParameter.TypeParameterKind == TypeParameterKind.Method && typeParameter.Ordinal < method.TypeArguments.Length)
        {
            return method.TypeArguments[typeParameter.Ordinal];
        }

        if (typeParameter.TypeParameterKind == TypeParameterKind.Type)
        {
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, typeParameter.DeclaringType) && typeParameter.Ordinal < type.TypeArguments.Length)
                {
                    return type.TypeArguments[typeParameter.Ordinal];
                }
            }
        }

        return entityType;
    }
}
