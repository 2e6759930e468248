using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Calls of stores compiled in another assembly (<see cref="ForeignStoreMethods"/>), read from their signatures: a
/// predicate handed over is judged where the caller writes it, and a query handed out where the caller runs it, as for a
/// store of this project whose body says the same.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>
    /// The query a store method of another assembly runs with the predicates it is handed (<c>GetSingleAsync(d =&gt; …)</c>),
    /// judged at the first of them. None for a method that returns a query (it runs where the caller runs it), takes no
    /// predicate, or whose store is judged in its own project.
    /// </summary>
    private IEnumerable<QueryExecution> ForeignStoreExecutions(IInvocationOperation call, EvaluationScope scope, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        if (_symbols.IsQueryable(method.ReturnType) || _symbols.IsDbSet(method.ReturnType, out _))
        {
            yield break;
        }

        var first = _foreignStores.PredicateParameters(method).FirstOrDefault();
        if (first.Entity is null || ForeignStoreSummary(method, first.Entity, call.Syntax) is not { } summary)
        {
            yield break;
        }

        var reported = call.ArgumentAt(first.Ordinal)?.Value.Unwrap();
        var facts = Instantiate(summary, method, call, call.Syntax, scope, position: null, depth: 0, cancellationToken);
        yield return new QueryExecution(facts, ExecutionKind.Read, method.Name, reported?.Syntax ?? call.Syntax, AtOperatorName: reported is null, OfferFix: false);
    }

    /// <summary>
    /// The query a store method of another assembly hands out (<c>AsQueryable()</c>, <c>Where(d =&gt; …)</c>), filtered by
    /// the predicates it is handed; unknown when its store is judged in its own project.
    /// </summary>
    private QueryFacts ForeignStoreQueryReturned(IInvocationOperation call, ITypeSymbol entity, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken) =>
        ForeignStoreSummary(call.TargetMethod, entity, call.Syntax) is { } summary
            ? Instantiate(summary, call.TargetMethod, call, call.Syntax, scope, position, depth, cancellationToken)
            : QueryFacts.Unknown;

    /// <summary>
    /// What a store method of another assembly does, as a summary of its body would say it (<see cref="Instantiate"/>
    /// closes it over the call's type arguments and applies the call's predicates): the rows of
    /// <paramref name="declaredEntity"/>, as the method's definition names it, filtered by each predicate parameter over
    /// that entity. Null when the entity is a type parameter constrained to a tenant type: such a store knows its entity
    /// is a tenant entity, and its own project reports the queries it leaves unscoped.
    /// </summary>
    private QueryFacts? ForeignStoreSummary(IMethodSymbol method, ITypeSymbol declaredEntity, SyntaxNode callSyntax)
    {
        if (declaredEntity is ITypeParameterSymbol && _relationships.Tenancy.Find(declaredEntity, TenantEntityScope.Queried) is not null)
        {
            return null;
        }

        var summary = QueryFacts.ForEntitySet(declaredEntity, callSyntax);
        foreach (var (ordinal, entity) in _foreignStores.PredicateParameters(method))
        {
            if (SymbolEqualityComparer.Default.Equals(entity, declaredEntity))
            {
                summary = summary.WithPredicateParameter(ordinal);
            }
        }

        return summary;
    }
}
