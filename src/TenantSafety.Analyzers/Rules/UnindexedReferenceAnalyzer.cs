using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2003: a scalar property named after another entity (<c>CampaignId</c> where <c>Campaign</c> is an entity)
/// that is neither part of a foreign key nor the leading column of an index or key, nor the second column after the
/// tenant key. The tenant key is left to TSA2001. Fixes add the relationship or an index.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnindexedReferenceAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.UnindexedReference)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        start.RegisterSymbolAction(c => Analyze(c, state), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, TenantCompilationState state)
    {
        var notMapped = state.Symbols.NotMappedAttribute;
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class)
        {
            return;
        }

        // Which properties could be references is known from the type alone: a type without one (a service, a DTO,
        // most of a solution) never waits for the entity model. Names first: completing all members of a class with a
        // primary constructor binds its bodies.
        var candidates = type.MemberNames
            .Where(name => name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal))
            .SelectMany(name => type.GetMembers(name).OfType<IPropertySymbol>())
            .Where(p => IsReferenceCandidate(p, notMapped))
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var model = state.Entities;
        var entity = model.Find(type);
        if (entity is null || entity.IsKeyless || entity.IsView || entity.IsOwned || (entity.TableRoot ?? entity).IsConfiguredElsewhere)
        {
            // A configuration class of another project may declare the relationship or the index.
            return;
        }

        var table = entity.TableRoot ?? entity;
        TenantEntities? tenancy = null;
        foreach (var property in candidates)
        {
            var location = property.Locations.First(l => l.IsInSource);

            // Another entity that can be a principal: not owned, not keyless, not the entity itself (Lead.LeadId).
            var referenced = model.FindByName(property.Name.Substring(0, property.Name.Length - 2))
                .FirstOrDefault(e => !e.IsOwned && !e.IsKeyless && !SymbolEqualityComparer.Default.Equals(e.Type, type.OriginalDefinition));
            tenancy ??= state.GetAnalysis(location.SourceTree!).Tenancy;
            if (referenced is null
                || tenancy.IsTenantKeyName(property.Name)
                || table.Indexes.Any(i => Serves(i, property.Name, tenancy.KeyOf(type)?.Name))
                || table.ForeignKeys.Any(fk => fk.Properties.Contains(property.Name)))
            {
                continue;
            }

            var principal = referenced.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            var (properties, sites) = ModelFixProperties.Write(ModelFix.AddIndex(entity, IndexShape.Of(property.Name), tenantKey: null, relationshipPrincipal: principal));
            context.Report(state, Diagnostic.Create(
                RuleDescriptors.UnindexedReference,
                location,
                sites,
                properties,
                type.Name,
                property.Name,
                referenced.Type.Name));
        }
    }

    /// <summary>
    /// An index or key led by the reference, or by the tenant key and then the reference (<c>(TeamId, CampaignId)</c>):
    /// every lookup of a tenant's rows by the reference is served by either, and the queries of a tenant entity are scoped.
    /// </summary>
    private static bool Serves(IndexDefinition index, string reference, string? tenantKey) =>
        index.StartsWith(reference)
        || (tenantKey is not null && index.Properties.Length > 1 && index.StartsWith(tenantKey) && index.Properties[1] == reference);

    /// <summary>A mapped scalar column (a candidate already named <c>XxxId</c>), declared in source: what might hold another entity's key.</summary>
    private static bool IsReferenceCandidate(IPropertySymbol property, INamedTypeSymbol? notMapped) =>
        (property.Type.TypeKind is not TypeKind.Class || property.Type.SpecialType == SpecialType.System_String)
        && property.Locations.Any(l => l.IsInSource)
        && MappedProperties.IsColumn(property, notMapped);
}
