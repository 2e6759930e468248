using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA0001: a DbContext that maps entities, none of them a tenant entity, or an interface that declares entity sets
/// mapped in another project, none of them a tenant entity, or a DbContext, such interface or store (a repository or
/// unit of work, <see cref="ForeignModelKind.Store"/>) of another project that this project queries, none of whose
/// entities is a tenant entity here, or such a store over entities no DbContext this project can see maps, when they
/// carry a conventional key (a Domain project's <c>IRepository&lt;T&gt;</c>). Every other rule would pass it silently, so a project whose tenant key is neither
/// configured nor inferred hears about it once per context, interface or model of stores, at its declaration (or, for
/// another project's, where this project first names it).
/// Reported from a symbol action, or for another project's context from a semantic model action on the file that names
/// it (the tenancy model is lazy and shared), so it shows live in the IDE.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoTenantEntityAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.NoTenantEntity)
{
    /// <summary>What the message says to do when nothing more is known: name the key.</summary>
    internal const string SetTheKey = "set tenant_safety.tenant_property";

    /// <summary>
    /// <see cref="SetTheKey"/>, naming the <c>…Id</c> most of the context's entities carry when no key is known at all
    /// (<see cref="UnconventionalKeyCandidate"/>): the likely key of an app keyed by a name no convention knows.
    /// </summary>
    internal static string SetTheKeyNaming(string candidate, int carriers, int entities) =>
        $"{SetTheKey} ({LikelyKey(candidate, carriers, entities)})";

    /// <summary>The likely key (<see cref="UnconventionalKeyCandidate"/>) and the setting that takes it, for the advice's parentheses.</summary>
    internal static string LikelyKey(string candidate, int carriers, int entities) =>
        $"{carriers} of its {entities} entities carry {candidate}: if that is its tenant key, set tenant_safety.tenant_property = {candidate}";

    /// <summary>Why no tenant entity is known when none carries a key that was looked for.</summary>
    internal static string NoneFound(string lookedFor) => $"none found (looked for {lookedFor})";

    /// <summary>
    /// Why no tenant entity is known when the entities carry a conventional key (<c>TenantId</c>) but are mapped in another
    /// project: the key looks found, so the message says why it is not taken (the filters are unknown, and taking the key
    /// alone would report every query they scope).
    /// </summary>
    internal static string KeyNotTaken(string key, ForeignModelKind kind) =>
        $"its entities carry {key}, but {WhatItIs(kind)}, whose query filters cannot be read here";

    /// <summary>
    /// What to do about a context of this project whose entities carry a conventional key name (<c>CompanyId</c>) that is
    /// not a key, because another name is configured or was inferred from other contexts: add it beside those some entity
    /// carries, and say which configured names no entity carries (they are dropped from the advice).
    /// </summary>
    internal static string AddCarriedKey(string carried, int carriers, ImmutableArray<string> keys, ImmutableArray<string> carriedByNone) =>
        (carriers == 1 ? $"one of its entities carries {carried}" : $"{carriers} of its entities carry {carried}")
        + $": if that is its tenant key, set tenant_safety.tenant_property = {string.Join(", ", keys.Add(carried))}"
        + (carriedByNone.IsEmpty ? "" : $" (no entity here carries {string.Join(" or ", carriedByNone)})");

    /// <summary>
    /// What to do about a context of this project that maps no tenant entity when the key was inferred from other
    /// contexts' entities (a conventional name) or query filters: a context of shared data (a log table) needs nothing but
    /// the suppression, said first as it is the usual case; else name its key beside the inferred one, which a configured
    /// key replaces. A key a tenancy library declares (Finbuckle, ABP) is that library's, not another context's.
    /// </summary>
    internal static string KeyBesideInferred(ImmutableArray<string> keys) =>
        $"if it holds only data every tenant shares, suppress TSA0001 for it; else name its key in tenant_safety.tenant_property beside {string.Join(", ", keys)} (tenant_safety.tenant_property = {string.Join(", ", keys)}, <its key>): a configured key replaces the inferred one";

    /// <summary>
    /// What to do about a context of this project that maps no tenant entity when the key is configured: setting it again
    /// changes nothing. Such a context usually holds data every tenant shares (reference data, a platform's own tables).
    /// </summary>
    /// <param name="keys">The configured names, joined.</param>
    /// <param name="likely">The name most of its entities carry (<see cref="UnconventionalKeyCandidate"/>), with how many do and of how many; null when none stands out.</param>
    internal static string KeyAlreadyConfigured(string keys, (string Name, int Count, int Entities)? likely = null) =>
        $"none of its entities carries {keys}: if it holds only data every tenant shares, suppress TSA0001 for it; if its entities are keyed by another name, add that name to tenant_safety.tenant_property"
        + (likely is { } named ? $" ({named.Count} of its {named.Entities} entities carry {named.Name})" : "");

    /// <summary>What to do about an interface whose entity sets a DbContext of another project maps.</summary>
    /// <param name="likelyKey">The likely key (<see cref="LikelyKey"/>), when the entities share one.</param>
    internal static string MappedElsewhere(string? likelyKey = null) =>
        "its entities are mapped by a DbContext of another project, whose tenant key and query filters cannot be read here: "
        + KeyThenFilteredTypes(NameTheKey(likelyKey), "that context", "that key", sharedType: null);

    /// <summary>What to do about a DbContext of another project that this project queries through.</summary>
    /// <param name="likelyKey">The likely key (<see cref="LikelyKey"/>), when the entities share one.</param>
    internal static string ContextOfAnotherProject(string? likelyKey = null) =>
        "it is a DbContext of another project, whose tenant key and query filters cannot be read here: "
        + KeyThenFilteredTypes(NameTheKey(likelyKey), "it", "that key", sharedType: null);

    /// <summary>What to do about a store of another project (<c>IGenericRepository&lt;T&gt;</c>) that this project queries through.</summary>
    /// <param name="likelyKey">The likely key (<see cref="LikelyKey"/>), when the entities share one.</param>
    internal static string StoreOfAnotherProject(string? likelyKey = null) =>
        "it is a store of another project, over entities a DbContext of that project maps, whose tenant key and query filters cannot be read here: "
        + KeyThenFilteredTypes(NameTheKey(likelyKey), "that context", "that key", sharedType: null);

    private static string NameTheKey(string? likelyKey) =>
        "name the key in tenant_safety.tenant_property" + (likelyKey is null ? "" : $" ({likelyKey})");

    /// <summary>
    /// What to do about entities that carry a conventional key (<c>TenantId</c>) in another project's model
    /// (<see cref="KeyNotTaken"/> says why it is not taken): the settings that take it.
    /// </summary>
    /// <param name="key">The conventional key most of the entities carry.</param>
    /// <param name="kind">What the type named is.</param>
    /// <param name="sharedType">The interface or base class, namespace-qualified, that declares the key and every entity carrying it has; null when none does.</param>
    internal static string CarriedKey(string key, ForeignModelKind kind, string? sharedType = null) =>
        KeyThenFilteredTypes($"set tenant_safety.tenant_property = {key}", Filterer(kind), key, sharedType);

    /// <summary>
    /// The advice for a model of another project: the key first, which makes every query of its entities judged; then the
    /// types that context filters, and only those. A type named in tenant_types is taken as filtered, so naming one the
    /// context does not filter (a marker interface every entity implements) would hide every leak of its entities; the
    /// rule's documentation says so at length, the message in one word.
    /// </summary>
    private static string KeyThenFilteredTypes(string nameTheKey, string filterer, string key, string? sharedType) =>
        $"{nameTheKey}; if {filterer} filters some of them by {key}, name only those types in tenant_safety.tenant_types"
        + (sharedType is null ? string.Empty : $" ({sharedType}, if it filters every one)");

    /// <summary>
    /// What to do about a DbContext whose database the project switches at run time: a database per tenant needs no
    /// tenant key, and tenants that share one do (<paramref name="otherwise"/>: what they then set).
    /// </summary>
    internal static string DatabaseSwitched(string where, string otherwise) =>
        $"its database is switched at run time ({where}): if each tenant has a database of its own, its tables need no tenant key and TSA0001 can be switched off for this project; if tenants share one, {otherwise}";

    /// <summary>
    /// What to do about a Finbuckle context none of whose entities is multi-tenant here (<paramref name="otherwise"/>:
    /// what to set when the cause is not a base context's isolation by default).
    /// </summary>
    internal static string FinbuckleIsolation(string types, string otherwise) =>
        $"if a base context of another project applies IsMultiTenant() to every entity, set tenant_safety.tenant_types = {types}; otherwise {otherwise}";

    /// <summary>
    /// What to do about a context none of whose entities is a tenant entity here, that derives from a base context of another
    /// project whose <c>OnModelCreating</c> cannot be read (<see cref="UnreadBaseContext"/>): it may set their filters.
    /// </summary>
    internal static string UnreadBase(string baseContext, string types, string otherwise) =>
        $"if its base context '{baseContext}' of another project filters its entities in OnModelCreating, which cannot be read here, set tenant_safety.tenant_types = {types}; otherwise {otherwise}";

    /// <summary>
    /// What to do about a context whose entities' query filter a loop builds from expression trees (<paramref name="otherwise"/>:
    /// what to set when that filter does not keep them to one tenant).
    /// </summary>
    internal static string FilterLoop(string types, string otherwise) =>
        $"a loop over the model builds its entities' query filter from expression trees, which cannot be read: if that filter keeps them to one tenant, set tenant_safety.tenant_types = {types}; otherwise {otherwise}";

    private static string Filterer(ForeignModelKind kind) => kind switch
    {
        ForeignModelKind.Context => "it",
        ForeignModelKind.UnmappedStore or ForeignModelKind.OwnStore or ForeignModelKind.SpecificationRepository => "their DbContext",
        _ => "that context",
    };

    private static string WhatItIs(ForeignModelKind kind) => kind switch
    {
        ForeignModelKind.Context => "it is a DbContext of another project",
        ForeignModelKind.Store => "it is a store of another project, over entities a DbContext of that project maps",
        ForeignModelKind.UnmappedStore => "it is a store of another project, over entities no DbContext this project can see maps",
        ForeignModelKind.OwnStore => "it is a store interface another project implements, over entities no DbContext this project can see maps",
        ForeignModelKind.SpecificationRepository => "it is a repository of Ardalis.Specification, over entities no DbContext this project can see maps",
        _ => "they are mapped by a DbContext of another project",
    };

    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state)
    {
        start.RegisterSemanticModelAction(context => AnalyzeForeignEntitySets(context, state));
        start.RegisterSymbolAction(
            context =>
            {
                if (context.Symbol is not INamedTypeSymbol { IsGenericType: false } type
                    || type.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
                {
                    return;
                }

                if (type.TypeKind == TypeKind.Interface)
                {
                    AnalyzeEntitySetInterface(context, state, type, location);
                    return;
                }

                if (type is not { TypeKind: TypeKind.Class, IsAbstract: false }
                    || !type.DerivesFrom(state.Symbols.DbContext)
                    || TenancyLibraries.IsFinbuckleTenantStore(type))
                {
                    return;
                }

                var tenancy = state.GetAnalysis(location.SourceTree!).Tenancy;
                var (mapsEntities, mapsTenantEntity) = tenancy.EntitiesOf(type);
                if (mapsEntities && !mapsTenantEntity)
                {
                    context.Report(state, Diagnostic.Create(RuleDescriptors.NoTenantEntity, location, type.Name, NoneFound(tenancy.Keys.LookedFor), WhatToDo(type, tenancy)));
                }
            },
            SymbolKind.NamedType);
    }

    /// <summary>
    /// What to do about a context of this project that maps no tenant entity: name the key (or, when it is named, say what
    /// else the context may be), unless what the context's code shows says what else to set first. Each cause read here wraps the advice after it, so no two pieces of
    /// advice contradict each other:
    /// a loop that builds the entities' query filter from expression trees cannot be read, and setting only the key would
    /// then report every query it scopes; the usual cause for a Finbuckle context is isolation by default
    /// (<c>IsMultiTenant()</c> on every entity) in a base context of another project, whose body this project cannot read,
    /// and any other base context of another project that overrides <c>OnModelCreating</c> may set filters the same way;
    /// a database switched at run time may be a database per tenant, which needs no key at all.
    /// </summary>
    private static string WhatToDo(INamedTypeSymbol context, TenantEntities tenancy)
    {
        var keys = tenancy.Keys;
        var entityTypes = tenancy.EntityTypesOf(context).ToList();
        // With no key known, the key would have been inferred from a name these entities carry, had they been the only ones.
        var advice = !keys.IsEmpty && MostCarriedConventionalKey(entityTypes, besides: keys) is { } carried
            ? CarriedKeyAdvice(carried, keys, tenancy)
            : keys.IsEmpty ? SetTheKeyOrLikelyKey(entityTypes)
            : keys.DeclaredBy == TenantDeclaration.Configured ? KeyAlreadyConfigured(string.Join(" or ", keys.Names), LikelyKeyOf(entityTypes))
            : keys.DeclaredBy is TenantDeclaration.Convention or TenantDeclaration.QueryFilter ? KeyBesideInferred(keys.Names)
            : SetTheKey;
        if (TenancyLibraries.IsFinbuckleContext(context) && tenancy.TenantTypesFor(context) is { } finbuckleTypes)
        {
            advice = FinbuckleIsolation(finbuckleTypes, advice);
        }
        else if (UnreadBaseContext.Of(context, context.ContainingAssembly) is { } baseContext && tenancy.TenantTypesFor(context) is { } baseTypes)
        {
            advice = UnreadBase(baseContext.Name, baseTypes, advice);
        }

        if (tenancy.FilterLoopTenantTypesFor(context) is { } loopTypes)
        {
            advice = FilterLoop(loopTypes, advice);
        }

        return tenancy.WhereDatabaseSwitched(context) is { } where ? DatabaseSwitched(where, advice) : advice;
    }

    /// <summary><see cref="SetTheKey"/>, naming the likely key when the entities share one (<see cref="UnconventionalKeyCandidate"/>).</summary>
    private static string SetTheKeyOrLikelyKey(IReadOnlyCollection<ITypeSymbol> entityTypes) =>
        LikelyKeyOf(entityTypes) is { } likely ? SetTheKeyNaming(likely.Name, likely.Count, likely.Entities) : SetTheKey;

    /// <summary>The name most of <paramref name="entityTypes"/> carry (<see cref="UnconventionalKeyCandidate"/>), with how many do and of how many.</summary>
    private static (string Name, int Count, int Entities)? LikelyKeyOf(IReadOnlyCollection<ITypeSymbol> entityTypes) =>
        UnconventionalKeyCandidate.Find(entityTypes) is { } likely ? (likely.Name, likely.Count, entityTypes.Count) : null;

    /// <summary>
    /// <see cref="AddCarriedKey"/> for the keys some entity of this compilation's model is keyed by: a configured name none
    /// carries (a wrong guess) is not worth keeping beside the carried one, and the message says so.
    /// </summary>
    private static string CarriedKeyAdvice((string Name, int Count) carried, TenantKeys keys, TenantEntities tenancy)
    {
        var inUse = new HashSet<string>(tenancy.All(TenantEntityScope.Mapped).Select(e => e.KeyName));
        return AddCarriedKey(carried.Name, carried.Count, keys.Names.Where(inUse.Contains).ToImmutableArray(), keys.Names.Where(k => !inUse.Contains(k)).ToImmutableArray());
    }

    /// <summary>
    /// The conventional key name (<see cref="TenantKeyInference.ConventionalNames"/>) most of <paramref name="entityTypes"/>
    /// carry, other than <paramref name="besides"/>, with how many carry it; null when none does.
    /// </summary>
    private static (string Name, int Count)? MostCarriedConventionalKey(IReadOnlyCollection<ITypeSymbol> entityTypes, TenantKeys? besides = null)
    {
        var counts = TenantKeyInference.ConventionalNames
            .Where(name => besides is null || !besides.Contains(name))
            .Select(name => (Name: name, Count: entityTypes.Count(entityType => entityType.FindInstanceProperty(name) is not null)))
            .ToList();
        return TenantKeyInference.MostCarried(counts) is { } carried ? counts.First(c => c.Name == carried) : null;
    }

    /// <summary>
    /// A DbContext or an interface of entity sets declared in another project, which this project (with no DbContext of
    /// its own) names: the key and the query filters are in that project's compiled code. Reported once per context or
    /// interface, at the first place this project names it, when none of its entities is a tenant entity here. A
    /// semantic model action on the file of that place, so it shows live in the IDE.
    /// </summary>
    private static void AnalyzeForeignEntitySets(SemanticModelAnalysisContext context, TenantCompilationState state)
    {
        if (state.DeclaresContext || state.GeneratedCode.SkipsAnalysisOf(context.SemanticModel.SyntaxTree))
        {
            return;
        }

        foreach (var use in state.ForeignEntitySetHolders.FirstUsesIn(context.SemanticModel.SyntaxTree))
        {
            var tenancy = state.GetAnalysis(use.Location.SourceTree!).Tenancy;
            if (!use.EntityTypes.Any(entityType => tenancy.Find(entityType, TenantEntityScope.Queried) is not null))
            {
                var (why, whatToDo) = EntitiesMappedElsewhere(use.EntityTypes, use.Kind, tenancy);
                context.Report(state, Diagnostic.Create(RuleDescriptors.NoTenantEntity, use.Location, use.Type.Name, why, whatToDo));
            }
        }
    }

    /// <summary>
    /// An interface that declares entity sets (<c>DbSet&lt;Order&gt; Orders { get; }</c>: the <c>IApplicationDbContext</c> of a
    /// layered solution) that no DbContext of this project implements: its queries are judged here, but its entities are
    /// mapped in another project, so the tenant key is not inferred from them. Reported when none of them is a tenant entity.
    /// </summary>
    private static void AnalyzeEntitySetInterface(SymbolAnalysisContext context, TenantCompilationState state, INamedTypeSymbol type, Location location)
    {
        var entityTypes = type.GetMembers().OfType<IPropertySymbol>()
            .Select(property => state.Symbols.IsDbSet(property.Type, out var entityType) ? entityType : null)
            .OfType<ITypeSymbol>()
            .ToList();
        if (entityTypes.Count == 0
            || state.ConfiguringTypesOfModel.Any(configuring => state.Symbols.IsDbContext(configuring) && configuring.AllInterfaces.Contains(type, SymbolEqualityComparer.Default)))
        {
            return;
        }

        var tenancy = state.GetAnalysis(location.SourceTree!).Tenancy;
        if (!entityTypes.Any(entityType => tenancy.Find(entityType, TenantEntityScope.Queried) is not null))
        {
            var (why, whatToDo) = EntitiesMappedElsewhere(entityTypes, ForeignModelKind.EntitySetInterface, tenancy);
            context.Report(state, Diagnostic.Create(RuleDescriptors.NoTenantEntity, location, type.Name, why, whatToDo));
        }
    }

    /// <summary>
    /// The interface or base class that declares <paramref name="key"/> and every entity carrying it has
    /// (<c>ITenantOwnedEntity.TenantId</c>): one line of <c>tenant_types</c> instead of the entities one by one. None for a
    /// single such entity, which is as short to name, nor for a type of .NET or a library.
    /// </summary>
    private static string? SharedKeyDeclaringType(IReadOnlyCollection<ITypeSymbol> entityTypes, string key)
    {
        var carriers = entityTypes.Where(type => type.FindInstanceProperty(key) is not null).ToList();
        if (carriers.Count < 2)
        {
            return null;
        }

        return TenantTypesSuggestion.SharedType(carriers, candidate => candidate.GetMembers(key).Any(member => member is IPropertySymbol)) is { } shared
            ? TenantTypeNames.QualifiedName(shared)
            : null;
    }

    /// <summary>
    /// Why no tenant entity is known among entities mapped in another project, and what to do: the conventional key most
    /// of them carry, when one does (<see cref="KeyNotTaken"/>, <see cref="CarriedKey"/>), else what was looked for and
    /// what to configure.
    /// </summary>
    private static (string Why, string WhatToDo) EntitiesMappedElsewhere(IReadOnlyCollection<ITypeSymbol> entityTypes, ForeignModelKind kind, TenantEntities tenancy)
    {
        if (MostCarriedConventionalKey(entityTypes)?.Name is { } carried)
        {
            return (KeyNotTaken(carried, kind), CarriedKey(carried, kind, SharedKeyDeclaringType(entityTypes, carried)));
        }

        var likelyKey = LikelyKeyOf(entityTypes) is { } likely ? LikelyKey(likely.Name, likely.Count, likely.Entities) : null;
        return (NoneFound(tenancy.Keys.LookedFor), kind switch
        {
            ForeignModelKind.Context => ContextOfAnotherProject(likelyKey),
            ForeignModelKind.Store or ForeignModelKind.UnmappedStore or ForeignModelKind.OwnStore or ForeignModelKind.SpecificationRepository => StoreOfAnotherProject(likelyKey),
            _ => MappedElsewhere(likelyKey),
        });
    }
}
