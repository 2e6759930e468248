using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2001: a tenant entity with a table of its own and no index whose first column is the tenant key. Reported
/// at the entity's class name from a symbol action, so it appears live in the entity's file wherever the model
/// is configured.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingTenantKeyIndexAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ModelDescriptors.MissingTenantKeyIndex);

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

        // The tenant key is read from the type alone, so types without one never wait for the entity model.
        var key = TenantKeyLookup.FindTenantKey(type, state.GetOptions(location.SourceTree!));
        if (key is null)
        {
            return;
        }

        var model = state.Entities;
        var entity = model.Find(type);
        if (entity is null || !entity.HasOwnTable || entity.HasIndexLedBy(key.Name))
        {
            return;
        }

        var (properties, sites) = ModelFixProperties.For(entity, $"HasIndex($p => $p.{key.Name})", entity.PreferredSite, key.Name);
        context.ReportDiagnostic(Diagnostic.Create(
            ModelDescriptors.MissingTenantKeyIndex,
            location,
            sites,
            properties,
            type.Name,
            key.Name,
            model.MappedTableName(entity)));
    }
}
