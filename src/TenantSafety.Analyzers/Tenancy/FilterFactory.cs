using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A filter a generic method of this compilation builds and returns, made generic by reflection for each entity type of a
/// loop over the model and set with the non-generic setter:
/// <code>
/// foreach (var t in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
/// {
///     var filter = GetType().GetMethod(nameof(TenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!
///         .MakeGenericMethod(t.ClrType).Invoke(this, null);
///     modelBuilder.Entity(t.ClrType).HasQueryFilter((LambdaExpression)filter!);   // or t.SetQueryFilter(…)
/// }
///
/// private LambdaExpression TenantFilter&lt;T&gt;() where T : ITenantOwned =&gt; (Expression&lt;Func&lt;T, bool&gt;&gt;)(e =&gt; e.TenantId == _tenant.Id);
/// </code>
/// The lambda the method returns is the filter its type parameter gets; the loop that names the method gives it to the
/// entities it reaches, as it does for a helper that sets the filter itself (<see cref="TenantFilterIndex"/>).
/// </summary>
internal static class FilterFactory
{
    /// <summary>
    /// The type parameter of the generic method whose returned lambda <paramref name="setter"/> sets, and that lambda; null
    /// when the filter is not such a method's result (built with <c>Expression.Lambda</c>, read from elsewhere).
    /// </summary>
    public static (ITypeParameterSymbol TypeParameter, IAnonymousFunctionOperation Lambda)? Read(
        IInvocationOperation setter,
        SemanticModel model,
        SemanticModelCache models,
        CancellationToken cancellationToken)
    {
        var argument = setter.Arguments.FirstOrDefault(a => a.Parameter?.Type is { Name: "LambdaExpression", ContainingNamespace: var space } && space.ToDisplayString() == "System.Linq.Expressions");
        // `var method = ….MakeGenericMethod(t.ClrType); var filter = method.Invoke(this, null);`: each step may be a local.
        if (argument is null || FilterLambda.ValueHeld(argument.Value, model, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "Invoke", Instance: { } invoked }
            || FilterLambda.ValueHeld(invoked, model, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "MakeGenericMethod", Arguments.Length: 1 } makeGeneric)
        {
            return null;
        }

        foreach (var method in ReflectedMethods(makeGeneric, model, cancellationToken))
        {
            if (method is { TypeParameters.Length: 1 } && ReturnedLambda(method, models, cancellationToken) is { } lambda
                && lambda.Symbol.Parameters.Length == 1
                && SymbolEqualityComparer.Default.Equals(lambda.Symbol.Parameters[0].Type, method.TypeParameters[0]))
            {
                return (method.TypeParameters[0], lambda);
            }
        }

        return null;
    }

    /// <summary>
    /// The methods <c>MakeGenericMethod</c> is called on: <c>typeof(C).GetMethod(nameof(M))</c> or <c>GetType().GetMethod("M")</c>
    /// (M of C, or of the type the loop is in), written there or held by a local, or a <c>MethodInfo</c> field or property
    /// whose declaration does so (<see cref="KeptMethodInfo"/>).
    /// </summary>
    private static IMethodSymbol[] ReflectedMethods(IInvocationOperation makeGeneric, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetEnclosingSymbol(makeGeneric.Syntax.SpanStart, cancellationToken)?.ContainingType is not { } enclosing)
        {
            return [];
        }

        var lookups = KeptMethodInfo.MadeGeneric(makeGeneric) is { } kept
            ? KeptMethodInfo.ValuesOf(kept, cancellationToken).SelectMany(v => v.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()).Where(c => c.InvokedName() == "GetMethod")
            : makeGeneric.Instance is { } reflected && FilterLambda.ValueHeld(reflected, model, cancellationToken) is IInvocationOperation { TargetMethod.Name: "GetMethod", Syntax: InvocationExpressionSyntax lookup }
                ? new[] { lookup }
                : Enumerable.Empty<InvocationExpressionSyntax>();
        return lookups
            .Select(lookup => (Lookup: lookup, Name: MethodName(lookup)))
            .Where(l => l.Name is not null)
            .SelectMany(l => (TypeSearched(l.Lookup, model, cancellationToken) ?? enclosing).GetMembers(l.Name!).OfType<IMethodSymbol>())
            .ToArray();
    }

    /// <summary>The method name <c>GetMethod</c> is given: <c>nameof(M)</c>, <c>nameof(C.M)</c> or <c>"M"</c>.</summary>
    private static string? MethodName(InvocationExpressionSyntax lookup) =>
        lookup.ArgumentList.Arguments.FirstOrDefault()?.Expression.ReflectedName();

    /// <summary>The type <c>typeof(C).GetMethod(…)</c> searches; null for <c>GetType()</c> and others, read as the enclosing type.</summary>
    private static INamedTypeSymbol? TypeSearched(InvocationExpressionSyntax lookup, SemanticModel model, CancellationToken cancellationToken) =>
        lookup.Expression is MemberAccessExpressionSyntax { Expression: TypeOfExpressionSyntax typeOf } && lookup.SyntaxTree == model.SyntaxTree
            ? model.GetTypeInfo(typeOf.Type, cancellationToken).Type as INamedTypeSymbol
            : null;

    /// <summary>The lambda a method returns (<see cref="ReturnedValue"/>), past casts or through a local.</summary>
    private static IAnonymousFunctionOperation? ReturnedLambda(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken) =>
        ReturnedValue.Of(method, models, cancellationToken) is { SemanticModel: { } model } value
            ? FilterLambda.Of(value, model, cancellationToken)
            : null;
}
