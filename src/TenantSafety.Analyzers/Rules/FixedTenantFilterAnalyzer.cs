using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// What EF Core evaluates once for its cached model in a tenant filter, per <c>HasQueryFilter</c> call of a file:
/// TSA1008, a current tenant the filter keeps (<see cref="FixedFilterValue"/>), reported at the value; TSA1009, a
/// condition on the current tenant the filter is set under (<see cref="FilterCondition"/>), reported once at the
/// condition for every filter under it. Runs per file (a semantic model action): only the calls the shared search of
/// the file's text names are read (<see cref="RuleCalls"/>), so the rules cost the other files that search and no walk.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FixedTenantFilterAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.FixedTenantFilterValue, RuleDescriptors.ConditionalTenantFilter)
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
        var model = context.SemanticModel;
        SemanticModel? ModelOf(SyntaxTree other) => other == tree ? model : state.Models.Get(other);
        Dictionary<IOperation, (List<string> Entities, ImmutableHashSet<ISymbol> Shared)>? conditions = null;
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
            var compared = FilterKeys.ComparedWithTenantKeys(filter, isKeyName, symbols);
            foreach (var fixedValue in FixedFilterValue.In(filter, compared, isContext, cancellationToken))
            {
                context.Report(state, Diagnostic.Create(
                    RuleDescriptors.FixedTenantFilterValue,
                    fixedValue.Value.Syntax.GetLocation(),
                    builder.TypeArguments[0].Name,
                    fixedValue.Relation,
                    fixedValue.Value.Syntax.ToString(),
                    fixedValue.Reads));
            }

            if (FilterCondition.Of(invocation, filter, compared, ModelOf, cancellationToken) is { } condition
                && !condition.Shared.Overlaps(state.ModelCacheKeyMembers))
            {
                conditions ??= new Dictionary<IOperation, (List<string>, ImmutableHashSet<ISymbol>)>();
                if (!conditions.TryGetValue(condition.Condition, out var under))
                {
                    conditions[condition.Condition] = under = (new List<string>(), condition.Shared);
                }

                if (!under.Entities.Contains(builder.TypeArguments[0].Name))
                {
                    under.Entities.Add(builder.TypeArguments[0].Name);
                }
            }
        }

        foreach (var pair in conditions ?? [])
        {
            context.Report(state, Diagnostic.Create(
                RuleDescriptors.ConditionalTenantFilter,
                pair.Key.Syntax.GetLocation(),
                Names(pair.Value.Entities),
                pair.Key.Syntax.ToString(),
                Names(pair.Value.Shared.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToList())));
        }
    }

    /// <summary>'A', 'A' and 'B', 'A', 'B' and 'C'.</summary>
    private static string Names(IReadOnlyList<string> names) =>
        names.Count == 1
            ? $"'{names[0]}'"
            : string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" and '{names[names.Count - 1]}'";

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
