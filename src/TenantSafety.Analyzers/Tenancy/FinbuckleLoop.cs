using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

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
        var loop = isMultiTenant.Syntax.FirstAncestorOrSelf<CommonForEachStatementSyntax>();
        if (loop is null || EnclosingMethod(model.GetEnclosingSymbol(isMultiTenant.Syntax.SpanStart, cancellationToken)) is not { } method)
        {
            return null;
        }

        var required = new List<ITypeSymbol>();
        var excluded = new List<ITypeSymbol>();

        // foreach (var t in model.GetEntityTypes().Where(t => typeof(X).IsAssignableFrom(t.ClrType)))
        foreach (var where in loop.Expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Where(c => c.InvokedName() == "Where"))
        {
            foreach (var argument in where.ArgumentList.Arguments)
            {
                ReadCondition(argument.Expression, when: true, required, excluded, model, cancellationToken);
            }
        }

        if (loop.Statement is BlockSyntax block)
        {
            foreach (var statement in block.Statements.TakeWhile(s => !s.Span.Contains(isMultiTenant.Syntax.Span)))
            {
                // if (typeof(IGlobalEntity).IsAssignableFrom(entityType.ClrType)) continue;
                if (statement is IfStatementSyntax guard && IsContinue(guard.Statement))
                {
                    ReadCondition(guard.Condition, when: false, required, excluded, model, cancellationToken);
                }
            }
        }

        // if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType)) { …IsMultiTenant(); }
        foreach (var enclosing in isMultiTenant.Syntax.Ancestors().TakeWhile(n => n != loop).OfType<IfStatementSyntax>())
        {
            if (enclosing.Statement.Span.Contains(isMultiTenant.Syntax.Span))
            {
                ReadCondition(enclosing.Condition, when: true, required, excluded, model, cancellationToken);
            }
        }

        var key = ImmutableArray.Create(TenancyLibraries.FinbuckleKey);
        var filter = new TenantFilter(TenancyLibraries.FilterNameOf(isMultiTenant.TargetMethod), key, key, TenantDeclaration.Finbuckle);
        return new FinbuckleLoop(method, required.ToImmutableArray(), excluded.ToImmutableArray(), filter);
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

    /// <summary>
    /// A guard: <c>typeof(X).IsAssignableFrom(t.ClrType)</c> or <c>t.ClrType.IsAssignableTo(typeof(X))</c>, negated or
    /// joined by <c>||</c> or <c>&amp;&amp;</c>. When the condition holding lets the call run (<paramref name="when"/>), X is
    /// required; when it skips the call, X is excluded. Other conditions (owned, keyless, annotations) say nothing.
    /// </summary>
    private static void ReadCondition(ExpressionSyntax condition, bool when, List<ITypeSymbol> required, List<ITypeSymbol> excluded, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                ReadCondition(parenthesized.Expression, when, required, excluded, model, cancellationToken);
                return;
            case PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "!" } not:
                ReadCondition(not.Operand, !when, required, excluded, model, cancellationToken);
                return;
            case BinaryExpressionSyntax { OperatorToken.ValueText: "||" } either when !when:
                // if (a || b) continue; skips both.
                ReadCondition(either.Left, when, required, excluded, model, cancellationToken);
                ReadCondition(either.Right, when, required, excluded, model, cancellationToken);
                return;
            case BinaryExpressionSyntax { OperatorToken.ValueText: "&&" } both when when:
                // Where(t => a && b): both required.
                ReadCondition(both.Left, when, required, excluded, model, cancellationToken);
                ReadCondition(both.Right, when, required, excluded, model, cancellationToken);
                return;
            case SimpleLambdaExpressionSyntax { ExpressionBody: { } body }:
                ReadCondition(body, when, required, excluded, model, cancellationToken);
                return;
            case InvocationExpressionSyntax call when TestedType(call, model, cancellationToken) is { } type:
                (when ? required : excluded).Add(type);
                return;
        }
    }

    private static ITypeSymbol? TestedType(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        var typeOf = call.InvokedName() switch
        {
            "IsAssignableFrom" => (call.Expression as MemberAccessExpressionSyntax)?.Expression as TypeOfExpressionSyntax,
            "IsAssignableTo" => call.ArgumentList.Arguments.FirstOrDefault()?.Expression as TypeOfExpressionSyntax,
            _ => null,
        };
        return typeOf is null ? null : model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } type ? type : null;
    }

    private static bool IsContinue(StatementSyntax statement) =>
        statement is ContinueStatementSyntax || (statement is BlockSyntax { Statements.Count: 1 } block && block.Statements[0] is ContinueStatementSyntax);

    private static IMethodSymbol? EnclosingMethod(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol as IMethodSymbol;
    }
}
