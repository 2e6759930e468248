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

        var predicates = _foreignStores.PredicateParameters(method).ToList();
        if (predicates.Count == 0 || ForeignStoreQuery(method, predicates[0].Entity, call.Syntax) is not { } facts)
        {
            yield break;
        }

        var reported = call.ArgumentAt(predicates[0].Ordinal)?.Value.Unwrap();
        facts = ApplyForeignPredicates(facts, call, predicates, predicates[0].Entity, scope, position: null, depth: 0, cancellationToken);
        yield return new QueryExecution(facts, ExecutionKind.Read, method.Name, reported?.Syntax ?? call.Syntax, AtOperatorName: reported is null, OfferFix: false);
    }

    /// <summary>
    /// The query a store method of another assembly hands out (<c>AsQueryable()</c>, <c>Where(d =&gt; …)</c>), filtered by
    /// the predicates it is handed; unknown when its store is judged in its own project.
    /// </summary>
    private QueryFacts ForeignStoreQueryReturned(IInvocationOperation call, ITypeSymbol entity, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        return ForeignStoreQuery(method, entity, call.Syntax) is { } facts
            ? ApplyForeignPredicates(facts, call, _foreignStores.PredicateParameters(method).ToList(), entity, scope, position, depth, cancellationToken)
            : QueryFacts.Unknown;
    }

    /// <summary>
    /// The rows of <paramref name="declaredEntity"/> (as the method's definition names it) closed over the call's type
    /// arguments, rooted at the call. Null when the entity is a type parameter constrained to a tenant type: such a store
    /// knows its entity is a tenant entity, and its own project reports the queries it leaves unscoped.
    /// </summary>
    private QueryFacts? ForeignStoreQuery(IMethodSymbol method, ITypeSymbol declaredEntity, SyntaxNode callSyntax)
    {
        if (declaredEntity is ITypeParameterSymbol && _relationships.Tenancy.Find(declaredEntity, TenantEntityScope.Queried) is not null)
        {
            return null;
        }

        return Substitute(declaredEntity, method) is { } entity ? QueryFacts.ForEntitySet(entity, callSyntax) : null;
    }

    private QueryFacts ApplyForeignPredicates(
        QueryFacts facts,
        IInvocationOperation call,
        IReadOnlyList<(int Ordinal, ITypeSymbol Entity)> predicates,
        ITypeSymbol entity,
        EvaluationScope scope,
        FlowPosition? position,
        int depth,
        CancellationToken cancellationToken)
    {
        foreach (var (ordinal, predicateEntity) in predicates)
        {
            if (SymbolEqualityComparer.Default.Equals(predicateEntity, entity) && call.ArgumentAt(ordinal) is { } argument)
            {
                facts = ApplyPredicate(facts, argument.Value, scope, position, depth + 1, cancellationToken);
            }
        }

        return facts;
    }
}
