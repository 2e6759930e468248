using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The LINQ operator chains a query can run with: one per execution path, following the chain back to its root through
/// query syntax, helpers that take and return a query, conditional expressions and the assignments of a local that
/// builds the query step by step (its reaching definitions in the control-flow graph). Branches that replace each
/// other (<c>if</c>/<c>else</c>, <c>switch</c>, <c>?:</c>) give one chain each; a chain whose operators are all in
/// another one (an <c>if</c> without <c>else</c> that only adds a filter) is left out, as the index of the longer
/// chain serves it. Without a control-flow graph, every assignment before the execution counts, in one chain.
/// </summary>
internal sealed class QueryPaths
{
    private const int MaxDepth = 32;

    private readonly EfSymbols _symbols;
    private readonly QueryEvaluator _evaluator;
    private readonly SemanticModel _model;
    private readonly EvaluationScope? _scope;
    private readonly CancellationToken _cancellationToken;

    /// <summary>
    /// The chains of each definition read so far without a cut. A query refined by k optional filters reaches its first
    /// definition along 2^k paths; each definition is read once (the chains it hands back are copies, as callers extend them).
    /// </summary>
    private readonly Dictionary<SyntaxNode, List<List<IInvocationOperation>>> _definitionPaths = new();

    /// <summary>How many times a read was cut short (a definition met again on a loop, the depth limit): a chain read without one is the same however it is reached.</summary>
    private int _cuts;

    public QueryPaths(EfSymbols symbols, QueryEvaluator evaluator, SemanticModel model, EvaluationScope? scope, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _evaluator = evaluator;
        _model = model;
        _scope = scope;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The operator chains of the query <paramref name="executionPoint"/> runs, each ending with it.</summary>
    public List<List<IInvocationOperation>> Of(IInvocationOperation executionPoint)
    {
        var distinct = new List<(List<IInvocationOperation> Path, HashSet<SyntaxNode> Syntax)>();
        var paths = Collect(ExecutionPoints.Source(executionPoint), new HashSet<SyntaxNode>(), executionPoint.Syntax.SpanStart, 0);
        if (_symbols.Specifications.RunsQueryOfItsOwn(executionPoint.TargetMethod))
        {
            // repository.ListAsync(spec), set.ToListAsync(spec): the specification's operators run after the source's.
            paths = OperatorChains.Product(paths, SpecificationPaths(executionPoint));
        }

        foreach (var path in paths)
        {
            var syntax = new HashSet<SyntaxNode>(path.Select(o => o.Syntax));
            if (!distinct.Any(d => d.Syntax.SetEquals(syntax)))
            {
                distinct.Add((path, syntax));
            }
        }

        var kept = distinct.Where(p => !distinct.Any(other => p.Syntax.IsProperSubsetOf(other.Syntax))).Select(p => p.Path).ToList();
        foreach (var path in kept)
        {
            path.Add(executionPoint);
        }

        return kept;
    }

    private List<List<IInvocationOperation>> Collect(IOperation? operation, HashSet<SyntaxNode> inProgress, int position, int depth)
    {
        if (depth > MaxDepth)
        {
            _cuts++;
            return OperatorChains.Empty();
        }

        if (operation is null)
        {
            return OperatorChains.Empty();
        }

        operation = operation.Unwrap();
        switch (operation)
        {
            case ITranslatedQueryOperation query:
                return Collect(query.Operation, inProgress, position, depth + 1);

            case IInvocationOperation applied when _symbols.Specifications.AppliesSpecification(applied.TargetMethod):
                // query.WithSpecification(spec): the query's operators, then the specification's.
                return OperatorChains.Product(Collect(_evaluator.SpecifiedQuery(applied), inProgress, position, depth + 1), SpecificationPaths(applied));

            case IInvocationOperation call when IsQueryOperator(call.TargetMethod) || IsQueryableHelper(call):
                var paths = Collect(ExecutionPoints.Source(call), inProgress, position, depth + 1);
                if (IsQueryOperator(call.TargetMethod))
                {
                    paths.ForEach(p => p.Add(call));
                }

                return paths;

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return OperatorChains.Union(Collect(conditional.WhenTrue, inProgress, position, depth + 1), Collect(whenFalse, inProgress, position, depth + 1));

            case ILocalReferenceOperation reference:
                return Definitions(reference, inProgress, position, depth);

            default:
                return OperatorChains.Empty();
        }
    }

    /// <summary>The chains of each definition of a local that reaches the reference; one merged chain without a flow graph.</summary>
    private List<List<IInvocationOperation>> Definitions(ILocalReferenceOperation reference, HashSet<SyntaxNode> inProgress, int position, int depth)
    {
        IEnumerable<IOperation?> values;
        if (_scope is not null && SingleDefinition.ValueOf(reference.Local, _model, _cancellationToken) is { } only)
        {
            // The local's one definition, as the graph would find it, without building the graph.
            values = new[] { only };
        }
        else if (_scope is not null && StructuredDefinitions.Find(reference.Local, reference.Syntax, _model, _cancellationToken) is { } reaching)
        {
            values = reaching.Select(definition => definition.Value);
        }
        else if (_scope?.Graph?.Locate(reference.Syntax) is { } at)
        {
            values = ReachingDefinitions.Find(reference.Local, at).Select(definition => definition.Value);
        }
        else
        {
            var merged = OperatorChains.Empty();
            foreach (var value in AssignedBefore(reference.Local, position).Where(v => inProgress.Add(v.Syntax)))
            {
                merged[0].AddRange(Collect(value, inProgress, position, depth + 1).SelectMany(p => p));
            }

            return merged;
        }

        var result = new List<List<IInvocationOperation>>();
        foreach (var definedValue in values)
        {
            result = OperatorChains.Union(result, definedValue?.Syntax is { } syntax ? DefinitionPaths(syntax, inProgress, position, depth) : OperatorChains.Empty());
        }

        return result.Count == 0 ? OperatorChains.Empty() : result;
    }

    /// <summary>The chains of one definition's value; read once, then copied (see <see cref="_definitionPaths"/>).</summary>
    private List<List<IInvocationOperation>> DefinitionPaths(SyntaxNode syntax, HashSet<SyntaxNode> inProgress, int position, int depth)
    {
        if (_definitionPaths.TryGetValue(syntax, out var known))
        {
            return OperatorChains.Copy(known);
        }

        if (!inProgress.Add(syntax))
        {
            _cuts++;
            return OperatorChains.Empty();
        }

        var cutsBefore = _cuts;

        // The flow graph's copy of the value has the syntax of the value as written; the semantic model's operation for it reads as the rest of the chain does.
        var paths = Collect(_model.GetOperation(syntax, _cancellationToken), inProgress, position, depth + 1);
        inProgress.Remove(syntax);
        if (_cuts == cutsBefore)
        {
            _definitionPaths[syntax] = OperatorChains.Copy(paths);
        }

        return paths;
    }

    /// <summary>The values assigned to a local before <paramref name="position"/>, in source order (without a flow graph).</summary>
    private IEnumerable<IOperation> AssignedBefore(ILocalSymbol local, int position)
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

    /// <summary>
    /// The chains of builder operators (<c>Where</c>, <c>OrderBy</c> …) the specification a call is given applies, one per
    /// path through its constructors; one empty chain when there is none or it cannot be read, which asks for nothing.
    /// </summary>
    private List<List<IInvocationOperation>> SpecificationPaths(IInvocationOperation call) =>
        _scope is not null && _symbols.Specifications.SpecificationArgument(call) is { } specification
            ? _evaluator.SpecificationOperatorPaths(specification.Value, _scope, _cancellationToken) ?? OperatorChains.Empty()
            : OperatorChains.Empty();

    private bool IsQueryOperator(IMethodSymbol method) => _symbols.IsQueryOperatorClass(method.ContainingType);

    /// <summary>A helper of this compilation that takes and returns a query (<c>ForTeam(this IQueryable&lt;T&gt;, …)</c>): the chain goes on through its source.</summary>
    private bool IsQueryableHelper(IInvocationOperation call) =>
        call.TargetMethod.IsExtensionMethod
        && call.TargetMethod.Locations.Any(l => l.IsInSource)
        && _symbols.IsQueryable(call.TargetMethod.ReturnType);
}
