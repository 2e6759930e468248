using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Chooses the tenant key of a compilation, in this order (docs/configuration.md, "How the tenant key is found"):
/// <list type="number">
/// <item><c>tenant_safety.tenant_property</c>: when set, only these names;</item>
/// <item>the one key property (<c>…Id</c>) the <c>tenant_safety.tenant_types</c> declare (<c>ITenantEntity.OrganizationUnitId</c>);</item>
/// <item>declared tenancy: the key that tenant query filters (comparing a property or <c>EF.Property(e, "X")</c> with the
/// current tenant), Finbuckle (<c>IsMultiTenant()</c>, <c>[MultiTenant]</c>, a Finbuckle DbContext: <c>TenantId</c>) and
/// ABP (<c>IMultiTenant</c>: <c>TenantId</c>) declare on the most entities;</item>
/// <item>the conventional name (TenantId, TeamId, OrganizationId, AccountId, WorkspaceId, CompanyId, OrgId) the most mapped
/// entities carry, ties in that order;</item>
/// <item>a Finbuckle DbContext with no entity the code names: <c>TenantId</c>.</item>
/// </list>
/// Only mapped entities count, never DTOs or exceptions that happen to have a <c>TenantId</c>; global types never count.
/// Inference picks one key; a model with several keys configures them.
/// </summary>
internal static class TenantKeyInference
{
    public static readonly ImmutableArray<string> ConventionalNames =
        ImmutableArray.Create("TenantId", "TeamId", "OrganizationId", "AccountId", "WorkspaceId", "CompanyId", "OrgId");

    /// <summary>The order among declarations that tie on the number of entities.</summary>
    private static readonly TenantDeclaration[] s_declared = { TenantDeclaration.QueryFilter, TenantDeclaration.Finbuckle, TenantDeclaration.Abp };

    /// <summary>The configured keys; without the model. Null when none is configured.</summary>
    public static TenantKeys? Configured(TenantSafetyOptions options) =>
        options.TenantProperties.IsEmpty
            ? null
            : new TenantKeys(options.TenantProperties, TenantDeclaration.Configured, "configured in tenant_safety.tenant_property", string.Join(", ", options.TenantProperties) + " (tenant_safety.tenant_property)");

    /// <summary>The key inferred from the model (steps 2 to 4), when none is configured.</summary>
    public static TenantKeys Infer(TenancySources sources)
    {
        var entities = sources.Model.Entities.Where(e => sources.GlobalTypes.Match(e.Type) is null).ToList();
        return FromTenantTypes(entities, sources)
            ?? FromDeclarations(entities, sources)
            ?? FromConventionalNames(entities, sources)
            ?? FromFinbuckleWithoutEntities(sources)
            ?? NoneFound(entities, sources);
    }

    /// <summary>The one <c>…Id</c> property the configured tenant types that mapped entities implement declare themselves.</summary>
    private static TenantKeys? FromTenantTypes(List<EntityInfo> entities, TenancySources sources)
    {
        if (sources.TenantTypes.IsEmpty)
        {
            return null;
        }

        // An entity class named for itself (tenant_types = UserSession) declares no key: it carries the key the model
        // declares, and its own …Id property (UserId) is a relationship, not the tenant.
        // A project over another project's model (a service layer) has no entities of its own: the other model's entities
        // implement the configured types all the same.
        var declaredBy = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var entityTypes = entities.Count > 0
            ? entities.Select(entity => entity.Type)
            : sources.ForeignEntityTypes.Where(type => sources.GlobalTypes.Match(type) is null);
        foreach (var entityType in entityTypes)
        {
            if (sources.TenantTypes.Match(entityType) is { } tenantType
                && !SymbolEqualityComparer.Default.Equals(tenantType.OriginalDefinition, entityType.OriginalDefinition))
            {
                declaredBy.Add(tenantType.OriginalDefinition);
            }
        }

        // An interface's one scalar property (ITenantEntity.OrganizationUnitId), a base class's one …Id property; never Id.
        var names = declaredBy
            .SelectMany(type => type.GetMembers().OfType<IPropertySymbol>()
                .Where(p => !p.IsStatic && p.Name != "Id" && IsScalar(p.Type) && (type.TypeKind == TypeKind.Interface || p.Name.EndsWith("Id", StringComparison.Ordinal))))
            .Select(p => p.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // Another named interface whose one scalar property is no key (IOwnedThroughParent.ParentPath, for entities scoped
        // through a navigation) does not hide the one …Id property the others declare.
        if (names.Count > 1 && names.Where(IsIdName).Take(2).Count() == 1)
        {
            names = names.Where(IsIdName).ToList();
        }

        return names.Count == 1
            ? new TenantKeys(ImmutableArray.Create(names[0]), TenantDeclaration.ConfiguredType, $"declared by {string.Join(", ", declaredBy.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal))} (tenant_safety.tenant_types)", names[0])
            : null;
    }

    private static bool IsIdName(string name) => name.EndsWith("Id", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Among keys declared on as many entities: a conventional name first, in its order, then any other <c>…Id</c>, then
    /// the rest. A filter <c>m =&gt; m.Status == status &amp;&amp; m.TeamId == _tenant.TeamId</c> declares both columns;
    /// the tenant is the id.
    /// </summary>
    private static int NameRank(string key) =>
        ConventionalNames.IndexOf(key) is var conventional and >= 0
            ? conventional
            : ConventionalNames.Length + (key.EndsWith("Id", StringComparison.Ordinal) || key.EndsWith("ID", StringComparison.Ordinal) ? 0 : 1);

    private static TenantKeys? FromDeclarations(List<EntityInfo> entities, TenancySources sources)
    {
        var votes = new Dictionary<string, Dictionary<TenantDeclaration, HashSet<ITypeSymbol>>>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            foreach (var filter in sources.Filters.FiltersFor(entity.Type))
            {
                if (filter.DeclaredBy == TenantDeclaration.QueryFilter)
                {
                    foreach (var key in filter.DeclaredKeys)
                    {
                        Vote(key, TenantDeclaration.QueryFilter, entity.Type);
                    }
                }
            }

            if (sources.IsFinbuckleEntity(entity.Type))
            {
                Vote(TenancyLibraries.FinbuckleKey, TenantDeclaration.Finbuckle, entity.Type);
            }

            if (sources.IsAbpEntity(entity.Type))
            {
                Vote(TenancyLibraries.AbpKey, TenantDeclaration.Abp, entity.Type);
            }
        }

        if (votes.Count == 0)
        {
            return null;
        }

        var ranked = votes
            .OrderByDescending(v => v.Value.Values.SelectMany(set => set).Distinct(SymbolEqualityComparer.Default).Count())
            .ThenBy(v => Array.IndexOf(s_declared, s_declared.First(v.Value.ContainsKey)))
            .ThenBy(v => NameRank(v.Key))
            .ThenBy(v => v.Key, StringComparer.Ordinal)
            .ToList();
        var (name, byDeclaration) = (ranked[0].Key, ranked[0].Value);
        var first = s_declared.First(byDeclaration.ContainsKey);
        var howFound = "inferred from " + Describe(byDeclaration);
        if (ranked.Count > 1)
        {
            howFound += "; also declared: " + string.Join("; ", ranked.Skip(1).Select(v => $"{v.Key} ({Describe(v.Value)})"));
        }

        var lookedFor = $"{name} ({howFound})";
        if (sources.HasUnfollowedFinbuckleLoop)
        {
            lookedFor += "; IsMultiTenant() is also applied in a loop over the model: name those entities with tenant_safety.tenant_types";
        }

        return new TenantKeys(ImmutableArray.Create(name), first, howFound, lookedFor);

        void Vote(string key, TenantDeclaration declaration, ITypeSymbol entity)
        {
            if (!votes.TryGetValue(key, out var byKey))
            {
                votes.Add(key, byKey = new Dictionary<TenantDeclaration, HashSet<ITypeSymbol>>());
            }

            if (!byKey.TryGetValue(declaration, out var set))
            {
                byKey.Add(declaration, set = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
            }

            set.Add(entity);
        }
    }

    /// <summary>
    /// A Finbuckle DbContext, or <c>IsMultiTenant()</c> in a loop over the model that reaches no entity of the
    /// compilation: the key is still Finbuckle's <c>TenantId</c>, and TSA0001 says to name the entities with
    /// <c>tenant_safety.tenant_types</c>.
    /// </summary>
    private static TenantKeys? FromFinbuckleWithoutEntities(TenancySources sources)
    {
        var how = sources.HasUnfollowedFinbuckleLoop ? "Finbuckle IsMultiTenant() in a loop over the model"
            : sources.Contexts.Any(c => !c.IsAbstract && TenancyLibraries.IsFinbuckleContext(c)) ? "a Finbuckle MultiTenantDbContext"
            : null;
        return how is null
            ? null
            : new TenantKeys(ImmutableArray.Create(TenancyLibraries.FinbuckleKey), TenantDeclaration.Finbuckle, "inferred from " + how, $"{TenancyLibraries.FinbuckleKey} (inferred from {how}; name the entities with tenant_safety.tenant_types)");
    }

    /// <remarks>
    /// Entities of contexts whose database the project switches at run time (<see cref="DatabaseSwitches"/>) are not
    /// counted: with a database per tenant a <c>TenantId</c> column is no evidence that tenants share the table.
    /// </remarks>
    private static TenantKeys? FromConventionalNames(List<EntityInfo> entities, TenancySources sources)
    {
        var counts = CountCarried(entities.Where(e => !sources.OnlyInSwitchedDatabases(e)), sources);
        if (counts.Count == 0)
        {
            return null;
        }

        var bestName = MostCarried(counts);
        var best = counts.First(c => c.Name == bestName);
        var howFound = $"inferred from the conventional name, carried by {Entities(best.Count)}";
        if (counts.Count > 1)
        {
            howFound += "; also carried: " + string.Join(", ", counts.Where(c => c.Name != best.Name).Select(c => $"{c.Name} ({Entities(c.Count)})"));
        }

        howFound += NotCounted(entities, sources);
        return new TenantKeys(ImmutableArray.Create(best.Name), TenantDeclaration.Convention, howFound, $"{best.Name} ({howFound})");
    }

    private static List<(string Name, int Count)> CountCarried(IEnumerable<EntityInfo> entities, TenancySources sources)
    {
        var list = entities as IReadOnlyCollection<EntityInfo> ?? entities.ToList();
        return ConventionalNames
            .Select(name => (Name: name, Count: list.Count(e => sources.CarriesKey(e, name))))
            .Where(c => c.Count > 0)
            .ToList();
    }

    /// <summary>
    /// What the inference by name passed over (empty when nothing): conventional keys carried only by entities of
    /// contexts whose database is switched at run time, and where each is switched.
    /// </summary>
    private static string NotCounted(List<EntityInfo> entities, TenancySources sources)
    {
        if (!sources.DatabaseSwitches.Any)
        {
            return string.Empty;
        }

        var switched = entities.Where(sources.OnlyInSwitchedDatabases).ToList();
        var counts = CountCarried(switched, sources);
        if (counts.Count == 0)
        {
            return string.Empty;
        }

        var contexts = switched
            .Where(e => counts.Any(c => sources.CarriesKey(e, c.Name)))
            .SelectMany(sources.OwnersOf)
            .Select(c => c.Name)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal);
        return "; not counted: " + string.Join(", ", counts.Select(c => $"{c.Name} on {Entities(c.Count)}"))
            + $" of DbContexts whose database is switched at run time, a database per tenant ({string.Join(", ", contexts)})";
    }

    /// <summary>
    /// Of the conventional names and how many entities carry each, the one to take: the most carried, and of equals the
    /// first in <see cref="ConventionalNames"/>; null when none is carried.
    /// </summary>
    internal static string? MostCarried(IEnumerable<(string Name, int Count)> counts) =>
        counts.Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => ConventionalNames.IndexOf(c.Name)).Select(c => c.Name).FirstOrDefault();

    private static TenantKeys NoneFound(List<EntityInfo> entities, TenancySources sources)
    {
        var notCounted = NotCounted(entities, sources);
        return new TenantKeys(ImmutableArray<string>.Empty, TenantDeclaration.Convention, "no tenant key found" + notCounted, LookedForEverything(sources) + notCounted);
    }

    private static string LookedForEverything(TenancySources sources)
    {
        var text = "tenant query filters, Finbuckle, ABP IMultiTenant and the properties " + string.Join(", ", ConventionalNames);
        return sources.TenantTypes.IsEmpty ? text : text + ", and the tenant types " + sources.TenantTypes.Display;
    }

    private static string Describe(Dictionary<TenantDeclaration, HashSet<ITypeSymbol>> byDeclaration) =>
        string.Join(" and ", s_declared.Where(byDeclaration.ContainsKey).Select(d => $"{Label(d)} on {Entities(byDeclaration[d].Count)}"));

    private static string Label(TenantDeclaration declaration) => declaration switch
    {
        TenantDeclaration.QueryFilter => "tenant query filters",
        TenantDeclaration.Finbuckle => "Finbuckle",
        _ => "ABP IMultiTenant",
    };

    private static string Entities(int count) => count == 1 ? "1 entity" : $"{count} entities";

    private static bool IsScalar(ITypeSymbol type) =>
        type.IsValueType || type.SpecialType == SpecialType.System_String;
}
