using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2001: a tenant entity with a table of its own and no index whose first column is the tenant key. Reported
/// at the entity's class name from a symbol action, so it appears live in the entity's file wherever the model
/// is configured.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingTenantKeyIndexAnalyzer : TenantSafetyAnalyzer
{
    // {0} entity, {1} tenant key, {2} table, {3} the owners named by the key ("teams'" for TeamId).
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.MissingTenantKeyIndex,
        title: "Tenant entity has no index led by the tenant key",
        messageFormat: "Tenant entity '{0}' has no index led by {1}; every tenant-scoped query on '{2}' scans all {3} rows",
        DiagnosticSeverity.Warning,
        description: "Every tenant-scoped query filters on the tenant key. Without an index whose first column is the tenant key, PostgreSQL reads the whole table, and the cost grows with every other tenant's data.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        RegisterTenantEntityAction(start, state, TenantEntityScope.OwnTable, (context, tenant, _, location) =>
        {
            var entity = tenant.Entity!;
            if (entity.HasIndexLedBy(tenant.KeyName))
            {
                return;
            }

            var fix = ModelFix.AddIndex(entity, IndexShape.Of(tenant.KeyName), tenant.Key.Reference);
            var (properties, sites) = ModelFixProperties.Write(fix);
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                location,
                sites,
                properties,
                tenant.Type.Name,
                tenant.KeyName,
                state.Entities.MappedTableName(entity),
                TenantWording.OwnersPossessive(tenant.KeyName)));
        });
}
