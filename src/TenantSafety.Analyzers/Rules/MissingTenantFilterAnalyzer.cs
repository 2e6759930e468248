using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA1007 (off by default): a tenant entity with a table of its own and no tenant query filter. The fix adds
/// <c>HasQueryFilter</c> inside the DbContext, where a member exposing the current tenant is in scope.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingTenantFilterAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ModelDescriptors.MissingTenantFilter);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var state = TenantCompilationState.For(start.Compilation, start.Options);
            if (state is not null)
            {
                start.RegisterSymbolAction(c => Analyze(c, state), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, TenantCompilationState state)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || type.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
        {
            return;
        }

        // The tenant key is read from the type alone, so types without one never wait for the model or the filters.
        var tree = location.SourceTree!;
        var key = TenantKeyLookup.FindTenantKey(type, state.GetOptions(tree));
        if (key is null)
        {
            return;
        }

        var entity = state.Entities.Find(type);
        var analysis = state.GetAnalysis(tree);
        if (entity is null || !entity.HasOwnTable || !analysis.FiltersFor(type).IsEmpty)
        {
            return;
        }

        // An unnamed HasQueryFilter replaces the entity's previous one: next to a soft-delete filter the fix would
        // silently drop it, so it is offered only when the entity has no other unnamed filter.
        var site = analysis.HasUnnamedNonTenantFilter(type) ? null : entity.PreferredContextSite(state.Symbols);
        var (properties, sites) = ModelFixProperties.For(entity, $"HasQueryFilter($p => $p.{key.Name} == $value)", site, key.Name);
        context.ReportDiagnostic(Diagnostic.Create(ModelDescriptors.MissingTenantFilter, location, sites, properties, type.Name, key.Name));
    }
}
