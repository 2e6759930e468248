using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2001: a tenant entity with a table of its own and no index whose first column is the tenant key. Reported
/// at the entity's class name from a symbol action, so it appears live in the entity's file wherever the model
/// is configured.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingTenantKeyIndexAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.MissingTenantKeyIndex)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        RegisterTenantEntityAction(start, state, TenantEntityScope.OwnTable, (context, tenant, _, location) =>
        {
            var entity = tenant.Entity!;

            // A configuration class of another project may index it: this compilation cannot read it, so it claims nothing.
            // Another class over the same table may declare the index. A helper of another project that the context hands
            // its ModelBuilder to may add it: the model snapshot of the project's migrations says whether it did.
            // A key only assumed (a configured tenant type's entity without the column) may be no column of its table.
            if (tenant.Key.IsAssumed
                || entity.HasIndexLedBy(tenant.KeyName)
                || entity.IsConfiguredElsewhere
                || state.Entities.TableHasIndexLedBy(entity, tenant.KeyName)
                || (entity.UnreadModelHelpers.Count > 0 && state.MigrationSnapshotIndexes.HasIndexLedBy(entity, tenant.KeyName)))
            {
                return;
            }

            var fix = ModelFix.AddIndex(entity, IndexShape.Of(tenant.KeyName), tenant.Key.Reference);
            var (properties, sites) = ModelFixProperties.Write(fix);
            context.Report(state, Diagnostic.Create(
                RuleDescriptors.MissingTenantKeyIndex,
                location,
                sites,
                properties,
                tenant.Type.Name,
                tenant.KeyName,
                state.Entities.MappedTableName(entity),
                TenantWording.OwnersPossessive(tenant.KeyName),
                UnreadHelperNote(entity, state.MigrationSnapshotIndexes)));
        });

    /// <summary>
    /// For an entity a method of another project configures (<c>modelBuilder.ApplyTenantIndexes()</c>), what is known of
    /// the index it may add: with no model snapshot of this project's migrations recording the entity, nothing, and the
    /// finding says so; with one, that the method did not add it by the last migration.
    /// </summary>
    internal static string UnreadHelperNote(EntityInfo entity, MigrationSnapshotIndexes snapshots)
    {
        if (entity.UnreadModelHelpers.Count == 0)
        {
            return string.Empty;
        }

        var helpers = string.Join(", ", entity.UnreadModelHelpers.Distinct());
        return snapshots.Records(entity)
            ? $" (the model snapshot of this project's migrations records no such index either, so {helpers} of another project, which configures the model, did not add one by the last migration)"
            : $" (unless {helpers} of another project adds it: that code cannot be read here, and no model snapshot of this project's migrations records the entity)";
    }
}
