using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// What every rule does the same way: runs concurrently, skips generated code (and reports nothing located in it: <see cref="FindingReports"/>), and does nothing in a compilation that
/// neither references EF Core nor can call a store of another project (<see cref="StoreQueryingProject"/>). A rule names its descriptors (from <see cref="RuleDescriptors"/>) to the constructor and
/// registers its actions in <see cref="Register"/> with the compilation's shared state.
/// </summary>
public abstract class TenantSafetyAnalyzer : DiagnosticAnalyzer
{
    private protected TenantSafetyAnalyzer(params DiagnosticDescriptor[] rules) => SupportedDiagnostics = ImmutableArray.Create(rules);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is analysed only where a developer wrote it in a Razor component or page (each action leaves
        // other generated files at once, GeneratedCode.SkipsAnalysisOf), and findings located in generated code are
        // dropped by FindingReports: the driver's own check for them walks every token of each file reported in.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (TenantCompilationState.For(start.Compilation, start.Options) is { } state)
            {
                Register(start, state);
            }
        });
    }

    /// <summary>Registers the rule's actions for one compilation that references EF Core or calls stores (<see cref="EfSymbols.ReferencesEfCore"/> tells which).</summary>
    private protected abstract void Register(CompilationStartAnalysisContext start, TenantCompilationState state);

    /// <summary>
    /// Runs <paramref name="analyze"/> for every class declared in source that is a tenant entity in
    /// <paramref name="scope"/>, with the location of its first declaration, and for every tenant entity of another
    /// assembly this project maps, at the place it maps it (<see cref="ForeignEntitySites"/>). The tenant key is read
    /// from the type alone first, so a type without one never waits for the entity model.
    /// </summary>
    private protected static void RegisterTenantEntityAction(
        CompilationStartAnalysisContext start,
        TenantCompilationState state,
        TenantEntityScope scope,
        Action<SymbolAnalysisContext, TenantEntity, TenantEntities, Location> analyze) =>
        start.RegisterSymbolAction(
            context =>
            {
                if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type)
                {
                    return;
                }

                if (type.Locations.FirstOrDefault(l => l.IsInSource) is { } location
                    && state.GetAnalysis(location.SourceTree!).Tenancy is var tenancy
                    && tenancy.Find(type, scope) is { } tenant)
                {
                    analyze(context, tenant, tenancy, location);
                }

                // Only a type that configures the model can be where a foreign entity is mapped; the others never wait for the model.
                if (state.ConfiguresModel(type))
                {
                    foreach (var site in state.ForeignEntitySites.In(type))
                    {
                        var siteTenancy = state.GetAnalysis(site.Location.SourceTree!).Tenancy;
                        if (siteTenancy.Find(site.EntityType, scope) is { } foreign)
                        {
                            analyze(context, foreign, siteTenancy, site.Location);
                        }
                    }
                }
            },
            SymbolKind.NamedType);
}
