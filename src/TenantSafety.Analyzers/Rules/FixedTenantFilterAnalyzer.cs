using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA1008: a tenant filter whose current tenant EF Core evaluates once (<see cref="FixedFilterValue"/>), reported at
/// the value in each <c>HasQueryFilter</c> call of a file. Runs per file (a semantic model action): only the calls the shared search
/// of the file's text names are read (<see cref="RuleCalls"/>), so the rule costs the other files that search and no walk.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FixedTenantFilterAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.FixedTenantFilterValue)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state)
    {
        if (state.Symbols.EntityTypeBuilderOfT is null)
        {
            return;
        }

        start.RegisterSemanticModelAction(context => Analyze(context, state));
    }

    private static void Analyze(SemanticModelAnalysisContext context, TenantCompilationState state)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var cancellationToken = context.CancellationToken;

        if (state.GeneratedCode.SkipsAnalysisOf(tree))
        {
            return;
        }

        var symbols = state.Symbols;
        Func<ITypeSymbol, bool>? isContext = null;
        foreach (var invocation in state.RuleCalls.Invocations(context.SemanticModel, RuleCalls.HasQueryFilter, cancellationToken))
        {
            if (invocation.TargetMethod.ContainingType is not { } builder
                || !builder.IsDefinitionOf(symbols.EntityTypeBuilderOfT)
                || invocation.Arguments.Select(a => FilterLambda.Of(a.Value, context.SemanticModel, cancellationToken)).FirstOrDefault(l => l is not null) is not { } filter)
            {
                continue;
            }

            // The entity's own key where it is a tenant entity (a filter on another column declares none); for a helper's
            // unconstrained type parameter, any tenant key name.
            var tenancy = state.GetAnalysis(tree).Tenancy;
            Func<string, bool> isKeyName = tenancy.KeyOf(builder.TypeArguments[0]) is { } key
                ? name => string.Equals(name, key.Name, StringComparison.Ordinal)
                : tenancy.IsTenantKeyName;
            isContext ??= ContextTest(symbols, state.Contexts);
            if (FixedFilterValue.In(filter, isKeyName, isContext, symbols, cancellationToken) is { } fixedValue)
            {
                context.Report(state, Diagnostic.Create(
                    RuleDescriptors.FixedTenantFilterValue,
                    fixedValue.Value.Syntax.GetLocation(),
                    builder.TypeArguments[0].Name,
                    fixedValue.Relation,
                    fixedValue.Value.Syntax.ToString(),
                    fixedValue.Reads));
            }
        }
    }

    /// <summary>
    /// Whether a value of a type is the DbContext running the query, to EF Core: a DbContext, or an interface a DbContext of
    /// the model implements (EF Core replaces any value the context is assignable to, <c>object</c> aside).
    /// </summary>
    private static Func<ITypeSymbol, bool> ContextTest(EfSymbols symbols, ImmutableArray<INamedTypeSymbol> contexts)
    {
        bool IsContext(ITypeSymbol type) =>
            symbols.IsDbContext(type)
            || (type is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract && contexts.Any(c => c.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default)))
            // A helper generic over the context (TContext ctx where TContext : DbContext, IHasShop).
            || (type is ITypeParameterSymbol parameter && parameter.ConstraintTypes.Any(IsContext));

        return IsContext;
    }
}
