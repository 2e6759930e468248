using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Finbuckle's "isolation by default": <c>IsMultiTenant()</c> on <c>modelBuilder.Entity(entityType.ClrType)</c> in a loop
/// over the model, skipping what its guards skip:
/// <code>
/// foreach (var entityType in modelBuilder.Model.GetEntityTypes())
/// {
///     if (typeof(IGlobalEntity).IsAssignableFrom(entityType.ClrType)) continue;
///     modelBuilder.Entity(entityType.ClrType).IsMultiTenant();
/// }
/// </code>
/// It makes multi-tenant every entity with a table of its own of the DbContexts whose <c>OnModelCreating</c> (theirs or
/// a base class's) runs the method holding the loop, directly or through helpers; the guards'
/// <c>typeof(X).IsAssignableFrom(…)</c> tests (and <c>Where</c> filters on the loop's collection) exclude or require X.
/// </summary>
/// <param name="Method">The method that holds the loop (a model-building helper, or <c>OnModelCreating</c> itself).</param>
/// <param name="Required">Types an entity must be, derive from or implement to be reached.</param>
/// <param name="Excluded">Types whose implementers and subclasses the loop skips.</param>
/// <param name="Filter">The filter the loop's <c>IsMultiTenant()</c> gives each entity it reaches.</param>
internal sealed record FinbuckleLoop(IMethodSymbol Method, ImmutableArray<ITypeSymbol> Required, ImmutableArray<ITypeSymbol> Excluded, TenantFilter Filter)
{
    private const int MaxCallDepth = 3;

    /// <summary>Whether the loop makes <paramref name="entity"/> multi-tenant, its context running it.</summary>
    public bool Reaches(ITypeSymbol entity) =>
        Required.All(entity.Satisfies) && !Excluded.Any(entity.Satisfies);

    /// <summary>The loop around an <c>IsMultiTenant()</c> call on a builder of an entity the code does not name; null outside a loop.</summary>
    public static FinbuckleLoop? Read(IInvocationOperation isMultiTenant, SemanticModel model, CancellationToken cancellationToken)
    {
        // Conditions other than type tests are ignored: the loop is taken to reach every entity they may let through.
        if (EntityTypeLoop.Around(isMultiTenant.Syntax, model, cancellationToken) is not { } loop
            || EnclosingMethod(model.GetEnclosingSymbol(isMultiTenant.Syntax.SpanStart, cancellationToken)) is not { } method)
        {
            return null;
        }

        var key = ImmutableArray.Create(TenancyLibraries.FinbuckleKey);
        var filter = new TenantFilter(TenancyLibraries.FilterNameOf(isMultiTenant.TargetMethod), key, key, TenantDeclaration.Finbuckle);
        return new FinbuckleLoop(method, loop.Required, loop.Excluded, filter);
    }

    /// <summary>The source DbContexts whose model building runs <see cref="Method"/>: its OnModelCreating or a base class's calls it, directly or through helpers.</summary>
    public ImmutableArray<INamedTypeSymbol> ContextsRunningIt(IEnumerable<INamedTypeSymbol> contexts, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        return contexts
            .Where(context => !context.IsAbstract && context.SelfAndBaseClasses()
                .SelectMany(type => type.GetMembers("OnModelCreating").OfType<IMethodSymbol>())
                .Any(onModelCreating => Runs(onModelCreating, depth: 0)))
            .ToImmutableArray();

        bool Runs(IMethodSymbol caller, int depth)
        {
            caller = caller.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(caller, Method.OriginalDefinition))
            {
                return true;
            }

            if (depth >= MaxCallDepth || caller.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            if (runs.TryGetValue(caller, out var known))
            {
                return known;
            }

            runs[caller] = false;
            var result = false;
            foreach (var reference in caller.DeclaringSyntaxReferences)
            {
                var body = reference.GetSyntax(cancellationToken);
                if (models.ForConfiguration(body.SyntaxTree) is not { } model)
                {
                    continue;
                }

                foreach (var call in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol target
                        && !target.DeclaringSyntaxReferences.IsEmpty
                        && Runs(target.ReducedFrom ?? target, depth + 1))
                    {
                        result = true;
                        break;
                    }
                }
            }

            runs[caller] = result;
            return result;
        }
    }

    private static IMethodSymbol? EnclosingMethod(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol as IMethodSymbol;
    }
}
