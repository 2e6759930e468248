using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA1007 (off by default): a tenant entity with a table of its own and no tenant query filter. The fix adds
/// <c>HasQueryFilter</c> inside the DbContext, where a member exposing the current tenant is in scope.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingTenantFilterAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.MissingTenantFilter)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        RegisterTenantEntityAction(start, state, TenantEntityScope.OwnTable, (context, tenant, tenancy, location) =>
        {
            var type = tenant.Type;

            // A configuration class of another project may filter it: this compilation cannot read it, so it claims nothing.
            if (!tenancy.FiltersOf(type).IsEmpty || tenant.Entity!.IsConfiguredElsewhere)
            {
                return;
            }

            // An unnamed HasQueryFilter replaces the entity's previous one: next to a soft-delete filter the fix would
            // silently drop it, so it is offered only when the entity has no other unnamed filter.
            var entity = tenant.Entity!;
            // A shadow key of unknown type cannot be written as EF.Property<T>(e, "TeamId"): no fix either.
            var fixable = !tenancy.HasUnnamedNonTenantFilter(type) && tenant.Key.IsWritable;
            var site = fixable ? entity.PreferredContextSite(state.Symbols) : null;
            var (properties, sites) = ModelFixProperties.Write(ModelFix.AddQueryFilter(entity, tenant.Key.Reference, site));
            // A filter on the key in sight that a later one replaces: say so, or "no query filter" reads as a mistake.
            var replaced = tenancy.ReplacedTenantFilter(type) switch
            {
                { ByLoop: true } r => $" (the one {r.SetIn} sets is replaced by the filter the loop over the model's entity types in {r.ReplacedIn} sets after it)",
                { } r => $" (the one {r.SetIn} sets is replaced by the unnamed filter {r.ReplacedIn} sets after it)",
                null when tenancy.HasOpenedFilterOn(type, tenant.Key.Name) => RuleDescriptors.OpenedFilter(tenant.Key.Name, TenantWording.OwnersPossessive(tenant.Key.Name)),
                null => string.Empty,
            };
            context.Report(state, Diagnostic.Create(RuleDescriptors.MissingTenantFilter, location, sites, properties, type.Name, tenant.Key.Display, replaced));
        });
}
