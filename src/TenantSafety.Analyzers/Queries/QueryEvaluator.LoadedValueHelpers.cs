using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Helpers of the compilation that hand out a value read from rows they load (<c>Task&lt;Guid?&gt; FindBatchIdAsync(org, key)</c>
/// returning <c>db.BatchKeys.Where(k =&gt; k.OrganizationId == org …).Select(k =&gt; k.BatchId).FirstOrDefaultAsync()</c>): the
/// value is as loaded as it would be if the query were written where the helper is called, so a lookup by it is judged
/// the same way (<see cref="IsLoadedValue"/>). Rows a helper hands out are read by <see cref="IsLoadingCall"/> already.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>Whether each helper, by definition, returns only loaded values; kept when read the same however it was reached.</summary>
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _loadedValueHelpers = new(SymbolEqualityComparer.Default);

    private readonly ThreadLocal<HelperStack> _valueHelpersInProgress = new(() => new HelperStack());

    /// <summary>
    /// Whether <paramref name="method"/> is a non-virtual method of the compilation every <c>return</c> of whose body hands
    /// out a loaded value (<see cref="IsLoadedValue"/>, read in the helper's own body).
    /// </summary>
    private bool ReturnsLoadedValue(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method is not { MethodKind: MethodKind.Ordinary, IsVirtual: false, IsAbstract: false, IsOverride: false, ReturnsVoid: false }
            || !IsSourceMethodWithBody(method))
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        if (_loadedValueHelpers.TryGetValue(definition, out var known))
        {
            return known;
        }

        var stack = _valueHelpersInProgress.Value!;
        if (stack.Methods.Contains(definition) || stack.Methods.Count >= MaxHelperDepth)
        {
            // A helper that reaches itself hands out what its other returns do; those decide, read once it is not in progress.
            stack.RecursionCuts++;
            return false;
        }

        stack.Methods.Add(definition);
        var cutsBefore = stack.RecursionCuts;
        try
        {
            var loaded = EveryReturnIsLoaded(definition, cancellationToken);
            if (stack.RecursionCuts == cutsBefore && _summariesInProgress.Value!.Methods.Count == 0)
            {
                _loadedValueHelpers.TryAdd(definition, loaded);
            }

            return loaded;
        }
        finally
        {
            stack.Methods.Remove(definition);
        }
    }

    private bool EveryReturnIsLoaded(IMethodSymbol method, CancellationToken cancellationToken)
    {
        // One scope per declaration: its control-flow graph is built once for all of that body's returns.
        EvaluationScope? scope = null;
        SyntaxNode? scopeDeclaration = null;
        return EveryOwnReturn(
            method,
            (value, helper) =>
            {
                if (scope is null || scopeDeclaration != helper.Declaration)
                {
                    scopeDeclaration = helper.Declaration;
                    scope = new EvaluationScope(helper.Model, () => CreateGraph(helper.Model, helper.Declaration, cancellationToken), summarizedMethod: null, containingMethod: method);
                }

                return IsLoadedValue(value, scope, position: null, depth: 0, cancellationToken);
            },
            cancellationToken);
    }
}
