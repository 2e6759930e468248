using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Where queries run: execution points, <c>foreach</c>, a query handed to a method that enumerates it, and a call to a
/// method of the compilation that runs what it is given. The last are summarised once per method
/// (<see cref="QueryObligation"/>) and judged at each call, where the caller's argument is written.
/// </summary>
internal sealed partial class QueryEvaluator
{
    private readonly ConcurrentDictionary<HelperKey, ImmutableArray<QueryObligation>> _obligations = new();

    /// <summary>
    /// Whether <see cref="ExecutionsOf"/> may find a query that <paramref name="operation"/> runs. It asks what
    /// <see cref="ExecutionsOf"/> asks first, allocating nothing, so that the many calls that run no query (most calls
    /// of every body) cost no evaluation scope. False means <see cref="ExecutionsOf"/> would find none.
    /// </summary>
    public bool MayRunQueries(IOperation operation) => operation switch
    {
        IForEachLoopOperation => true,
        IInvocationOperation invocation when ExecutionPoints.Classify(invocation.TargetMethod, _symbols) != ExecutionKind.None =>
            !ExecutionPoints.IsPartOfEnclosingQuery(invocation, _symbols),
        IInvocationOperation invocation =>
            ExecutionPoints.ConsumesQueries(invocation, _symbols) || (MayBeJudgedAtCall(invocation.TargetMethod) && HandsOverQueries(invocation)),
        IObjectCreationOperation creation => ExecutionPoints.ConsumesQueries(creation, _symbols) || MayKeepQueries(creation),
        _ => false,
    };

    /// <summary>The queries <paramref name="operation"/> runs (an invocation, an object creation or a <c>foreach</c>).</summary>
    public IEnumerable<QueryExecution> ExecutionsOf(IOperation operation, EvaluationScope scope, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case IForEachLoopOperation loop:
                var collection = loop.Collection.Unwrap();
                yield return new QueryExecution(Evaluate(collection, scope, cancellationToken), ExecutionKind.Read, "foreach", collection.Syntax, AtOperatorName: false, OfferFix: true);
                yield break;

            case IInvocationOperation invocation when ExecutionPoints.Classify(invocation.TargetMethod, _symbols) is var kind && kind != ExecutionKind.None:
                if (!ExecutionPoints.IsPartOfEnclosingQuery(invocation, _symbols))
                {
                    var facts = EvaluateExecution(invocation, scope, position: null, depth: 0, cancellationToken);
                    if (kind == ExecutionKind.Read && facts.IsEntityQuery && facts.Scope < TenantScope.Own && LoadingLookup(invocation, out _) is not null)
                    {
                        // `if (lead is null || lead.TeamId != teamId) return NotFound();` after the lookup: only a row of the tenant goes on.
                        facts = facts.WithTenantPredicate(ScopeOfGuardAfter(invocation, scope.Model, cancellationToken));
                    }

                    var isFind = invocation.TargetMethod.Name is "Find" or "FindAsync";
                    yield return new QueryExecution(facts, kind, invocation.TargetMethod.Name, invocation.Syntax, AtOperatorName: true, OfferFix: !isFind);
                }

                yield break;
        }

        var method = operation switch
        {
            IInvocationOperation call => call.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (method is null)
        {
            yield break;
        }

        foreach (var (argument, kind) in ExecutionPoints.ConsumedQueries(operation, _symbols))
        {
            var value = argument.Value.Unwrap();
            yield return new QueryExecution(Evaluate(value, scope, cancellationToken), kind, method.Name, value.Syntax, AtOperatorName: false, OfferFix: true);
        }

        if (operation is IObjectCreationOperation created)
        {
            foreach (var execution in CreationExecutions(created, scope, cancellationToken))
            {
                yield return execution;
            }

            yield break;
        }

        // Whether a body can be found is cheap to ask; whether the call hands over queries may resolve the tenancy of its type arguments.
        if (operation is not IInvocationOperation invoked || !MayBeJudgedAtCall(invoked.TargetMethod) || !HandsOverQueries(invoked))
        {
            yield break;
        }

        // `var lead = await leads.GetByIdAsync(id); if (lead is null || lead.TeamId != teamId) return …;`: only a row of the
        // tenant goes past the guard, whatever the helper ran to hand it out.
        var handsOutOneRow = HandsOutOneTenantRow(invoked.TargetMethod);
        TenantScope? guard = null;
        foreach (var execution in CallExecutions(invoked, scope, cancellationToken))
        {
            if (handsOutOneRow && execution.Kind == ExecutionKind.Read && execution.Facts.IsEntityQuery && execution.Facts.Scope < TenantScope.Own)
            {
                guard ??= ScopeOfGuardAfter(invoked, scope.Model, cancellationToken);
                yield return execution with { Facts = execution.Facts.WithTenantPredicate(guard.Value) };
            }
            else
            {
                yield return execution;
            }
        }
    }

    /// <summary>The queries a call of a method of the compilation (or a store of another project) runs, as its body leaves them to the call.</summary>
    private IEnumerable<QueryExecution> CallExecutions(IInvocationOperation invoked, EvaluationScope scope, CancellationToken cancellationToken)
    {
        if (BodyOf(invoked.TargetMethod) is not { } body)
        {
            if (_foreignStores.IsStoreMethod(invoked.TargetMethod))
            {
                foreach (var execution in ForeignStoreExecutions(invoked, scope, cancellationToken))
                {
                    yield return execution;
                }
            }

            yield break;
        }

        foreach (var execution in ExecutionsAtCall(ObligationsOf(body, NullnessAt(invoked, body, scope, cancellationToken), cancellationToken), body, invoked, scope, cancellationToken))
        {
            yield return execution;
        }
    }

    /// <summary>
    /// What <paramref name="obligations"/> of <paramref name="method"/> say at one call or creation of it: each query it
    /// leaves to the call, read with the call's arguments and reported at the argument that carries it.
    /// </summary>
    private IEnumerable<QueryExecution> ExecutionsAtCall(ImmutableArray<QueryObligation> obligations, IMethodSymbol method, IOperation call, EvaluationScope scope, CancellationToken cancellationToken)
    {
        foreach (var obligation in obligations)
        {
            var facts = Instantiate(obligation.Facts, method, call, rootSyntax: null, scope, position: null, depth: 0, cancellationToken);
            var reported = call.CallArgumentAt(obligation.ReportedParameter)?.Value.Unwrap();
            yield return new QueryExecution(
                facts,
                obligation.Kind,
                obligation.OperatorName,
                reported?.Syntax ?? call.Syntax,
                AtOperatorName: reported is null,
                OfferFix: obligation.Facts.Kind == QueryRootKind.Parameter);
        }
    }

    /// <summary>Whether a call of <paramref name="method"/> may be judged where it is written: it has a body to read, or it is a store method of another assembly.</summary>
    private bool MayBeJudgedAtCall(IMethodSymbol method) => MayHaveBody(method) || _foreignStores.IsStoreMethod(method);

    /// <summary>
    /// What <paramref name="method"/> leaves its callers to judge on the paths a call with <paramref name="nullness"/> can
    /// take; computed once per method and nullness, from its body.
    /// </summary>
    public ImmutableArray<QueryObligation> ObligationsOf(IMethodSymbol method, ArgumentNullness nullness, CancellationToken cancellationToken) =>
        IsSourceMethodWithBody(method)
            ? PerHelper(method, _obligations, ImmutableArray<QueryObligation>.Empty, definition => ComputeObligations(definition, nullness, cancellationToken), nullness)
            : ImmutableArray<QueryObligation>.Empty;

    private ImmutableArray<QueryObligation> ComputeObligations(IMethodSymbol method, ArgumentNullness nullness, CancellationToken cancellationToken)
    {
        var assumed = nullness.IsEmpty ? null : new NullnessAssumptions(method, nullness);
        var obligations = ImmutableArray.CreateBuilder<QueryObligation>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            NoteHelperBodyRead(reference);
            var declaration = reference.GetSyntax(cancellationToken);
            var model = _models.Get(declaration.SyntaxTree);
            if (model is null || BodyOperation(model, declaration, cancellationToken) is not { } body)
            {
                continue;
            }

            var scope = new EvaluationScope(model, () => CreateGraph(model, declaration, cancellationToken), method, assumed: assumed);
            foreach (var operation in body.DescendantsAndSelf())
            {
                // Most assignments store no query parameter: asked first, so that they build no graph for the reachability test.
                if (operation is ISimpleAssignmentOperation store && StoredParameter(store, method) is { } stored)
                {
                    if (assumed is null || scope.Graph?.Locate(store.Syntax) is not { } storedAt || scope.CanReach(storedAt))
                    {
                        obligations.AddRange(KeptQueryObligations(store, stored, method, cancellationToken));
                    }

                    continue;
                }

                if (operation is not (IInvocationOperation or IObjectCreationOperation or IForEachLoopOperation)
                    || (assumed is not null && scope.Graph?.Locate(operation.Syntax) is { } at && !scope.CanReach(at)))
                {
                    continue;
                }

                foreach (var execution in ExecutionsOf(operation, scope, cancellationToken))
                {
                    if (LeftToCallers(execution.Facts, execution.Kind))
                    {
                        obligations.Add(new QueryObligation(execution.Facts, execution.Kind, execution.OperatorName));
                    }
                }
            }
        }

        return obligations.ToImmutable();
    }

    /// <summary>A query whose scope only a call decides: rooted in a parameter, filtered by a caller's predicate, over a type parameter.</summary>
    private bool LeftToCallers(QueryFacts facts, ExecutionKind kind)
    {
        var required = kind == ExecutionKind.Bulk ? TenantScope.Own : TenantScope.OwnOrShared;
        if (facts.Scope >= required || facts.GroupedByTenant)
        {
            return false;
        }

        if (facts.Kind == QueryRootKind.Parameter)
        {
            return true;
        }

        // A type parameter constrained to a tenant type is reported in the method itself.
        return facts.IsEntityQuery
            && (!facts.PredicateParameters.IsEmpty
                || (facts.EntityType is ITypeParameterSymbol && _relationships.Tenancy.Find(facts.EntityType, TenantEntityScope.Queried) is null));
    }

    /// <summary>
    /// Whether a call can hand a method something whose scope the method leaves to it: a query, a predicate, or a
    /// tenant entity as a type argument (<c>Repository&lt;Lead&gt;</c>). Other calls are never summarised, and their
    /// body (or, through an interface, its implementation) is never looked up: this runs for every call of every body.
    /// </summary>
    private bool HandsOverQueries(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.Unwrap();
            if (_symbols.IsQueryable(value.Type) || _symbols.IsExpressionOfDelegate(argument.Parameter?.Type))
            {
                return true;
            }
        }

        var typeArguments = method.TypeArguments.Concat(method.ContainingType.TypeArguments);
        return typeArguments.Any(t => t is not ITypeParameterSymbol && _relationships.Tenancy.Find(t, TenantEntityScope.Queried) is not null);
    }

    /// <summary>The operation of a method's body: a block, or an expression body's arrow.</summary>
    internal static IOperation? BodyOperation(SemanticModel model, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        var operation = model.GetOperation(declaration, cancellationToken);
        if (operation is null && declaration is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExpressionBody: { } arrow })
        {
            operation = model.GetOperation(arrow, cancellationToken);
        }

        return operation;
    }
}
