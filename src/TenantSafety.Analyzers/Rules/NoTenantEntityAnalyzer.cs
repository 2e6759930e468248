using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA0001: a DbContext that maps entities, none of them a tenant entity. Every other rule would pass it silently, so
/// a project whose tenant key is neither configured nor inferred hears about it once per context, at the context's
/// declaration. Reported from a symbol action (the tenancy model is lazy and shared), so it shows live in the IDE.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoTenantEntityAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.NoTenantEntity)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        start.RegisterSymbolAction(
            context =>
            {
                if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false } type
                    || !type.DerivesFrom(state.Symbols.DbContext)
                    || TenancyLibraries.IsFinbuckleTenantStore(type)
                    || type.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
                {
                    return;
                }

                var tenancy = state.GetAnalysis(location.SourceTree!).Tenancy;
                var (mapsEntities, mapsTenantEntity) = tenancy.EntitiesOf(type);
                if (mapsEntities && !mapsTenantEntity)
                {
                    context.Report(state, Diagnostic.Create(RuleDescriptors.NoTenantEntity, location, type.Name, tenancy.Keys.LookedFor));
                }
            },
            SymbolKind.NamedType);
}
