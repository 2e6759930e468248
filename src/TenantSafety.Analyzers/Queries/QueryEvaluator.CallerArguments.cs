using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A private method's parameter holds what its calls pass, and every call of a private method is written in its own
/// type (every call of a local function, in the member that declares it). When each call fills a parameter with a value
/// read from a row the caller loaded (<c>RevokeChainAsync(existing.UserId, existing.ClientId)</c>), the parameter is read
/// as that value: the same lookup written inline in the caller is tied to the loaded row, and moving it into a helper
/// must not change the verdict.
/// </summary>
/// <remarks>
/// A method whose callers cannot all be seen is never read this way: one that is not private, or a private one (or a
/// local function) also used as a delegate (<c>Select(Revoke)</c>, <c>nameof</c>). Each method's parameters are judged
/// once per compilation, every caller's argument in the caller's own body. A cycle of such calls (<c>Revoke(id)</c>
/// calling itself) carries only what its calls from outside it pass in; helpers more than <see cref="MaxHelperDepth"/>
/// deep are not followed.
/// </remarks>
internal sealed partial class QueryEvaluator
{
    private readonly ConcurrentDictionary<CallerQuestion, ImmutableArray<bool>> _parametersLoadedByEveryCall = new();
    private readonly ThreadLocal<HelperStack> _callersInProgress = new(() => new HelperStack());

    /// <summary>
    /// Whether <paramref name="parameter"/> belongs to a private method whose every call passes a loaded value for it; with
    /// <paramref name="keyed"/>, also a key a lookup before the call matched for that entity (<see cref="IsKeyOfGuardedLoad"/>).
    /// </summary>
    private bool IsLoadedByEveryCall(IParameterSymbol parameter, ITypeSymbol? keyed, CancellationToken cancellationToken)
    {
        if (parameter.RefKind != RefKind.None
            || parameter.ContainingSymbol is not IMethodSymbol { IsExtern: false } method
            || !(method is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private } or { MethodKind: MethodKind.LocalFunction }))
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        var question = new CallerQuestion(definition, keyed);
        if (_parametersLoadedByEveryCall.TryGetValue(question, out var known))
        {
            return known[parameter.Ordinal];
        }

        var stack = _callersInProgress.Value!;
        if (stack.Methods.Contains(definition))
        {
            // A call inside the cycle passes on what the calls into the cycle passed; those decide.
            stack.RecursionCuts++;
            return true;
        }

        if (stack.Methods.Count >= MaxHelperDepth)
        {
            // Counted as a cut too: a helper's answer read near the limit may differ from its answer read first.
            stack.RecursionCuts++;
            return false;
        }

        stack.Methods.Add(definition);
        var cutsBefore = stack.RecursionCuts;
        try
        {
            var loaded = ParametersLoadedByEveryCall(definition, keyed, cancellationToken);

            // Kept only when read the same however it was reached: with no cut below it, and not inside a helper's
            // summary, whose own depth budget the callers' queries would be read with.
            if (stack.RecursionCuts == cutsBefore && _summariesInProgress.Value!.Methods.Count == 0)
            {
                _parametersLoadedByEveryCall.TryAdd(question, loaded);
            }

            return loaded[parameter.Ordinal];
        }
        finally
        {
            stack.Methods.Remove(definition);
        }
    }

    /// <summary>For each parameter of <paramref name="method"/>, whether every call of it passes a loaded value; all false when a use is not a call.</summary>
    private ImmutableArray<bool> ParametersLoadedByEveryCall(IMethodSymbol method, ITypeSymbol? keyed, CancellationToken cancellationToken)
    {
        var none = ImmutableArray.Create(new bool[method.Parameters.Length]);
        var calls = EveryCallOf(method, cancellationToken);
        if (calls is null || calls.Count == 0)
        {
            return none;
        }

        var loaded = new bool[method.Parameters.Length];
        for (var ordinal = 0; ordinal < loaded.Length; ordinal++)
        {
            loaded[ordinal] = true;
            foreach (var call in calls)
            {
                if (!PassesLoadedValue(call, ordinal, keyed, cancellationToken))
                {
                    loaded[ordinal] = false;
                    break;
                }
            }
        }

        return ImmutableArray.Create(loaded);
    }

    private bool PassesLoadedValue(IInvocationOperation call, int ordinal, ITypeSymbol? keyed, CancellationToken cancellationToken)
    {
        if (call.ArgumentAt(ordinal) is not { ArgumentKind: ArgumentKind.Explicit } argument || call.SemanticModel is not { } model)
        {
            return false;
        }

        var root = RootOf(call);
        var callerScope = new EvaluationScope(model, () => GraphOf(root, cancellationToken), summarizedMethod: null);
        return IsLoadedValue(argument.Value, callerScope, position: null, depth: 0, cancellationToken)
            || (keyed is not null && IsMatchedKey(argument.Value, keyed, callerScope, depth: 0, cancellationToken));
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a key a lookup matched for <paramref name="keyed"/>: in the method itself
    /// (<see cref="IsKeyOfGuardedLoad"/>), or a private helper's parameter every call fills with one; or the signed-in
    /// user's own key (<see cref="IsSignedInUserKey"/>).
    /// </summary>
    private bool IsMatchedKey(IOperation value, ITypeSymbol keyed, EvaluationScope scope, int depth, CancellationToken cancellationToken) =>
        IsSignedInUserKey(value, keyed, scope, depth, cancellationToken)
        || IsKeyOfGuardedLoad(value, keyed, scope, depth, cancellationToken)
        || (value.Unwrap() is IParameterReferenceOperation { Parameter: var parameter } && IsLoadedByEveryCall(parameter, keyed, cancellationToken));

    /// <summary>Which parameters of a method every call fills with a loaded value, or (with <see cref="Keyed"/>) a key matched for that entity.</summary>
    private readonly record struct CallerQuestion(IMethodSymbol Method, ITypeSymbol? Keyed)
    {
        public bool Equals(CallerQuestion other) =>
            SymbolEqualityComparer.Default.Equals(Method, other.Method) && SymbolEqualityComparer.Default.Equals(Keyed, other.Keyed);

        public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Method);
    }

    /// <summary>
    /// Every call of <paramref name="method"/> where it can be called from: the declarations of its type (nested types
    /// included) for a private method, the member that declares it for a local function; or null when a use of its
    /// name there is not a call: its callers are then not all known.
    /// </summary>
    private List<IInvocationOperation>? EveryCallOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var calls = new List<IInvocationOperation>();
        foreach (var declaration in DeclarationsThatMayCall(method, cancellationToken))
        {
            // A finding judged from these calls depends on every body that names the method: an edit to one of them
            // can add, drop or change a call.
            NoteCallsRead(declaration.SyntaxTree, method.Name);
            var model = _models.Get(declaration.SyntaxTree);
            if (model is null)
            {
                return null;
            }

            foreach (var node in declaration.DescendantNodes())
            {
                if (node is not SimpleNameSyntax name || name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                var invocation = InvocationCalling(name);
                if (invocation is null)
                {
                    if (IsMethod(model.GetSymbolInfo(name, cancellationToken), method))
                    {
                        return null;
                    }

                    continue;
                }

                if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation call
                    && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method))
                {
                    calls.Add(call);
                }
            }
        }

        return calls;
    }

    /// <summary>
    /// The syntax every call of a private method or local function is written in: its type's declarations; for a local
    /// function the member that declares it (all top-level statements for one declared among them), which holds the
    /// lambdas and local functions it may be declared in.
    /// </summary>
    private static IEnumerable<SyntaxNode> DeclarationsThatMayCall(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.LocalFunction)
        {
            return method.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken));
        }

        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return Enumerable.Empty<SyntaxNode>();
        }

        var member = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        return member switch
        {
            GlobalStatementSyntax { Parent: { } compilationUnit } => new[] { compilationUnit },
            null => Enumerable.Empty<SyntaxNode>(),
            _ => new SyntaxNode[] { member },
        };
    }

    /// <summary>The call <paramref name="name"/> names the method of: <c>Helper(…)</c>, <c>this.Helper(…)</c>, <c>x?.Helper(…)</c>.</summary>
    private static InvocationExpressionSyntax? InvocationCalling(SimpleNameSyntax name)
    {
        var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax
            ? name.Parent
            : (SyntaxNode)name;
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee ? invocation : null;
    }

    private static bool IsMethod(SymbolInfo info, IMethodSymbol method)
    {
        if (info.Symbol is { } symbol)
        {
            return SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, method);
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }
}
