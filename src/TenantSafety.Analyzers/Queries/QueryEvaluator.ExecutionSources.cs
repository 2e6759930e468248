using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The query an execution point runs, up to the execution itself, read once per compilation: TSA1001–TSA1005 judge it
/// where it runs, and TSA2002 reads the same query for the index it needs. Whichever rule reaches a call first evaluates
/// it; the other finds the answer.
/// </summary>
internal sealed partial class QueryEvaluator
{
    private readonly ConcurrentDictionary<ExecutionSourceKey, QueryFacts> _executionSources = new();

    /// <summary>The query <paramref name="execution"/> runs, without the execution's own predicate (<c>First(l => …)</c>).</summary>
    public QueryFacts EvaluateSourceOf(IInvocationOperation execution, EvaluationScope scope, CancellationToken cancellationToken) =>
        SourceOf(execution, scope, position: null, depth: 0, cancellationToken);

    private QueryFacts SourceOf(IInvocationOperation execution, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        // Only a call read at the top of its body has one answer: inside a helper's summary, a lambda's rows or a
        // definition being followed, the same call depends on how it was reached.
        if (position is not null || depth != 0 || !scope.IsBodyTop)
        {
            return Evaluate(ExecutionPoints.Source(execution), scope, position, depth + 1, cancellationToken);
        }

        var key = new ExecutionSourceKey(execution.Syntax, scope.ContainingMethod);
        if (_executionSources.TryGetValue(key, out var known))
        {
            return known;
        }

        var facts = Evaluate(ExecutionPoints.Source(execution), scope, position: null, depth: 1, cancellationToken);
        return _executionSources.GetOrAdd(key, facts);
    }
}
