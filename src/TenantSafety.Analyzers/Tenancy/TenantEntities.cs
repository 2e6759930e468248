using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The one definition of a tenant entity, for one compilation and one tenancy configuration: the tenant key (configured
/// or inferred, <see cref="Keys"/>), whether a type holds tenant rows and with which key (a mapped CLR property, never a
/// <c>[NotMapped]</c> one, or a shadow property), how it was declared, and the tenant query filters that scope it.
/// Every rule and the report ask here, so they never disagree about which types are tenant entities. Where they need
/// different things of the model, the difference is the <see cref="TenantEntityScope"/> they pass.
/// </summary>
/// <remarks>
/// Lazy: a type that cannot be a tenant entity (no property that can be a key, not a configured type, not named where
/// a shadow key or Finbuckle is declared: <see cref="TenancyMentions"/>) is answered without building the model.
/// </remarks>
internal sealed class TenantEntities
{
    private readonly EfSymbols _symbols;
    private readonly Func<EntityModel> _model;
    private readonly Lazy<TenancySources> _sources;
    private readonly Lazy<TenantKeys> _keys;
    private readonly Func<TenancyMentions> _mentions;
    private readonly TenantTypeNames _tenantTypes;
    private readonly TenantTypeNames _globalTypes;
    private readonly LibraryStores _libraryStores;
    private readonly ConcurrentDictionary<ITypeSymbol, Resolution?> _resolved = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<TenantFilter>> _filters = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, CrossProjectEntity> _crossProject = new(SymbolEqualityComparer.Default);
    private readonly Lazy<ImmutableHashSet<ITypeSymbol>> _principals;

    /// <param name="options">The tenancy configuration: tenant key names, tenant types and global types.</param>
    /// <param name="symbols">The compilation's EF Core symbols.</param>
    /// <param name="model">The compilation's entity model, built on first use.</param>
    /// <param name="filters">The compilation's query filters and Finbuckle calls, read on first use.</param>
    /// <param name="contexts">The compilation's DbContext classes.</param>
    /// <param name="mentions">The syntactic pre-check, read on first use.</param>
    /// <param name="databaseSwitches">The contexts whose database the project switches at run time, searched for on first use.</param>
    /// <param name="models">Semantic models of other files: to follow a Finbuckle loop from the contexts that run it.</param>
    /// <param name="libraryStores">The public generic stores of this library that only other projects call.</param>
    /// <param name="foreignEntityTypes">The entities of other projects' models this project queries, when it has none of its own.</param>
    public TenantEntities(
        TenantSafetyOptions options,
        EfSymbols symbols,
        Func<EntityModel> model,
        Func<TenantFilterIndex> filters,
        Func<ImmutableArray<INamedTypeSymbol>> contexts,
        Func<TenancyMentions> mentions,
        Func<DatabaseSwitches> databaseSwitches,
        SemanticModelCache models,
        LibraryStores libraryStores,
        Func<ImmutableArray<ITypeSymbol>> foreignEntityTypes)
    {
        _libraryStores = libraryStores;
        Options = options;
        _symbols = symbols;
        _mentions = mentions;
        _model = model;
        _tenantTypes = new TenantTypeNames(options.TenantTypes);
        _globalTypes = new TenantTypeNames(options.GlobalTypes);
        Predicate = new TenantPredicate(IsTenantKeyName, symbols);
        _sources = new Lazy<TenancySources>(
            () => new TenancySources(model(), filters(), contexts(), databaseSwitches, _tenantTypes, _globalTypes, symbols, models, foreignEntityTypes),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _keys = new Lazy<TenantKeys>(() => TenantKeyInference.Configured(options) ?? TenantKeyInference.Infer(Sources), LazyThreadSafetyMode.ExecutionAndPublication);
        _principals = new Lazy<ImmutableHashSet<ITypeSymbol>>(FindPrincipals, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TenantSafetyOptions Options { get; }

    /// <summary>
    /// The model and filters tenancy is read from. The model is asked for first, outside this lazy's lock: a thread that
    /// comes while it is being built helps read the configuration (<see cref="Analysis.TenantCompilationState.Entities"/>) rather
    /// than wait here behind the thread that builds it.
    /// </summary>
    private TenancySources Sources
    {
        get
        {
            if (!_sources.IsValueCreated)
            {
                _ = _model();
            }

            return _sources.Value;
        }
    }

    /// <summary>What scopes a query to a tenant: a predicate on the tenant key.</summary>
    public TenantPredicate Predicate { get; }

    /// <summary>The tenant key names and how they were found; inferring them builds the model (asked for first, as in <see cref="Sources"/>).</summary>
    public TenantKeys Keys
    {
        get
        {
            if (!_keys.IsValueCreated && Options.TenantProperties.IsEmpty)
            {
                _ = Sources;
            }

            return _keys.Value;
        }
    }

    /// <summary>Whether a property name is a tenant key, whatever type it is on. Names that cannot be one are answered without the model.</summary>
    public bool IsTenantKeyName(string propertyName) =>
        Options.TenantProperties.IsEmpty
            ? MayBeKeyName(propertyName) && Keys.Contains(propertyName)
            : TenantKeys.ContainsName(Options.TenantProperties, propertyName);

    /// <summary>
    /// Whether <paramref name="type"/>, a base class or an interface it has declares a property named as a tenant key
    /// (<c>ICompanyOwned</c>, a current-user service that hands out <c>CompanyId</c>), whatever type that property has.
    /// </summary>
    public bool DeclaresTenantKey(ITypeSymbol type) =>
        type is INamedTypeSymbol named
        && named.SelfAndBaseClasses().Concat(named.AllInterfaces).Any(t => t.GetMembers().Any(m => m is IPropertySymbol && IsTenantKeyName(m.Name)));

    /// <summary>The tenant key of <paramref name="type"/>, in any scope; null when it is not a tenant entity.</summary>
    public TenantKey? KeyOf(ITypeSymbol? type) => Resolve(type)?.Key;

    /// <summary><paramref name="type"/> as a tenant entity in <paramref name="scope"/>; null when it is not one.</summary>
    public TenantEntity? Find(ITypeSymbol? type, TenantEntityScope scope)
    {
        if (Resolve(type) is not { } resolved)
        {
            return null;
        }

        if (scope == TenantEntityScope.Queried)
        {
            return new TenantEntity(type!, resolved.Key, resolved.DeclaredBy, Entity: null);
        }

        return Sources.Model.Find(type) is { } entity && IsIn(entity, resolved, scope) ? new TenantEntity(type!, resolved.Key, resolved.DeclaredBy, entity) : null;
    }

    /// <summary>Every tenant entity of the model in <paramref name="scope"/>, in the model's order.</summary>
    public IEnumerable<TenantEntity> All(TenantEntityScope scope)
    {
        foreach (var entity in Sources.Model.Entities)
        {
            if (Of(entity, scope) is { } tenant)
            {
                yield return tenant;
            }
        }
    }

    /// <summary>The model entity <paramref name="entity"/> as a tenant entity in <paramref name="scope"/>; null when it is not one.</summary>
    public TenantEntity? Of(EntityInfo entity, TenantEntityScope scope) =>
        Resolve(entity.Type) is { } resolved && IsIn(entity, resolved, scope) ? new TenantEntity(entity.Type, resolved.Key, resolved.DeclaredBy, entity) : null;

    /// <summary>What <c>tenant_safety.tenant_types</c> could name for <paramref name="context"/>'s entities (<see cref="TenantTypesSuggestion"/>).</summary>
    public string? TenantTypesFor(INamedTypeSymbol context) => TenantTypesSuggestion.For(context, Sources);

    /// <summary>
    /// What <c>tenant_safety.tenant_types</c> could name for <paramref name="context"/>'s entities whose query filter a loop
    /// over the model builds from expression trees (never read as a tenant filter, <see cref="FilterLoop"/>): the type the
    /// loop's guard requires, else the type the entities share; null when no such loop reaches an entity of the context.
    /// </summary>
    public string? FilterLoopTenantTypesFor(INamedTypeSymbol context)
    {
        var sources = Sources;
        var reached = sources.Model.Entities
            .Where(e => e.Contexts.Contains(context, SymbolEqualityComparer.Default) && sources.Filters.MayBeSetByLoop(e.Type))
            .Select(e => e.Type)
            .ToList();
        // A loop that names no property every reached entity carries as a key could be (`IsDeleted`, `DeletedAt`) builds a
        // soft-delete filter: naming its guard in tenant_types would hide every leak of those entities.
        if (reached.Count == 0
            || !reached.SelectMany(sources.Filters.FilterLoopNames).Distinct().Any(name => reached.All(entity => entity.FindInstanceProperty(name)?.Type.CanHoldTenantKey() == true)))
        {
            return null;
        }

        var guard = reached.SelectMany(sources.Filters.FilterLoopGuards).FirstOrDefault(type => reached.All(entity => entity.Satisfies(type)));
        return guard is not null ? TenantTypeNames.QualifiedName(guard) : TenantTypesSuggestion.For(context, sources);
    }

    /// <summary>The entity types <paramref name="context"/> maps, counted as <see cref="EntitiesOf"/> counts them.</summary>
    public IEnumerable<ITypeSymbol> EntityTypesOf(INamedTypeSymbol context)
    {
        var sources = Sources;
        foreach (var entity in sources.Model.Entities)
        {
            if (entity.Contexts.Contains(context, SymbolEqualityComparer.Default)
                || (entity.Contexts.Count == 0 && sources.OwnersOf(entity).Contains(context, SymbolEqualityComparer.Default)))
            {
                yield return entity.Type;
            }
        }
    }

    /// <summary>Whether <paramref name="context"/> maps an entity at all, and a tenant entity among them (TSA0001).</summary>
    public (bool MapsEntities, bool MapsTenantEntity) EntitiesOf(INamedTypeSymbol context)
    {
        var mapsEntities = false;
        var sources = Sources;
        foreach (var entity in sources.Model.Entities)
        {
            // An entity no context names (configured by ApplyConfigurationsFromAssembly) may belong to any of them, and
            // is counted as mapped by the contexts nothing derives from (TenancySources.OwnersOf).
            var owned = entity.Contexts.Contains(context, SymbolEqualityComparer.Default);
            if (!owned && entity.Contexts.Count > 0)
            {
                continue;
            }

            mapsEntities |= owned || sources.OwnersOf(entity).Contains(context, SymbolEqualityComparer.Default);
            if (Resolve(entity.Type) is not null)
            {
                return (true, true);
            }
        }

        return (mapsEntities, false);
    }

    /// <summary>
    /// Where the project switches <paramref name="context"/>'s database at run time (<see cref="DatabaseSwitches"/>), as
    /// TSA0001's message names it; null when it does not.
    /// </summary>
    public string? WhereDatabaseSwitched(INamedTypeSymbol context) => Sources.DatabaseSwitches.WhereSwitched(context);

    /// <summary>
    /// Whether a query filter on a tenant key name applies to queries over <paramref name="type"/>, a tenant entity or not
    /// (a child filtered through its parent's key, <c>c =&gt; c.Board.WorkspaceId == …</c>).
    /// </summary>
    public bool HasFilterOnTenantKey(ITypeSymbol type) => Sources.Filters.FiltersFor(type).Any(f => f.Keys.Any(IsTenantKeyName));

    /// <summary>Whether any query filter applies to queries over <paramref name="type"/>, tenant filter or not (for messages).</summary>
    public bool HasQueryFilter(ITypeSymbol type) => !Sources.Filters.FiltersFor(type).IsEmpty;

    /// <summary>The tenant query filters that apply to queries over <paramref name="type"/>; empty when none, or when it is not a tenant entity.</summary>
    public ImmutableArray<TenantFilter> FiltersOf(ITypeSymbol? type)
    {
        if (type is null || Resolve(type) is not { } resolved)
        {
            return ImmutableArray<TenantFilter>.Empty;
        }

        // Asked for every source of every query, and the same for every query of a type.
        return _filters.TryGetValue(type, out var known) ? known : _filters.GetOrAdd(type, ReadFilters(type, resolved));
    }

    /// <summary>
    /// The tenant query filters that apply to a query of <paramref name="type"/> read from <paramref name="context"/>
    /// (<see cref="TenantFilter.AppliesThrough"/>): a filter one DbContext's <c>OnModelCreating</c> sets does not filter
    /// another context that maps the same class.
    /// </summary>
    public ImmutableArray<TenantFilter> FiltersOf(ITypeSymbol? type, ITypeSymbol? context)
    {
        var filters = FiltersOf(type);
        if (context is null)
        {
            return filters;
        }

        foreach (var filter in filters)
        {
            if (!filter.AppliesThrough(context))
            {
                return filters.Where(f => f.AppliesThrough(context)).ToImmutableArray();
            }
        }

        return filters;
    }

    private ImmutableArray<TenantFilter> ReadFilters(ITypeSymbol type, Resolution resolved)
    {
        var key = resolved.Key.Name;
        var sources = Sources;
        var filters = sources.Filters.FiltersFor(type).Where(f => f.Scopes(key)).ToImmutableArray();
        if (_crossProject.TryGetValue(type, out var crossProject) && crossProject.Unfiltered.IsEmpty)
        {
            // Every tenant entity the parameter may be is filtered: whichever a caller chooses, its rows are one tenant's.
            filters = filters.AddRange(crossProject.Filters.Except(filters));
        }

        var one = ImmutableArray.Create(key);
        if (type is INamedTypeSymbol named && key == TenancyLibraries.FinbuckleKey
            && TenancyLibraries.FinbuckleMultiTenantAttribute(named) is { } attribute && !filters.Any(f => f.DeclaredBy == TenantDeclaration.Finbuckle))
        {
            filters = filters.Add(new TenantFilter(TenancyLibraries.FilterNameOf(attribute), one, one, TenantDeclaration.Finbuckle));
        }

        if (key == TenancyLibraries.FinbuckleKey && !filters.Any(f => f.DeclaredBy == TenantDeclaration.Finbuckle) && sources.FinbuckleLoopFilter(type) is { } loopFilter)
        {
            filters = filters.Add(loopFilter);
        }

        if (key == TenancyLibraries.AbpKey && sources.IsAbpEntity(type))
        {
            filters = filters.Add(new TenantFilter(null, one, one, TenantDeclaration.Abp));
        }

        if (resolved.IsTenantType)
        {
            filters = filters.Add(new TenantFilter(null, one, one, TenantDeclaration.ConfiguredType));
        }

        return filters;
    }

    /// <summary>
    /// Where a tenant filter of <paramref name="type"/> is set that a later unnamed filter replaces, and where that one is
    /// set (<c>AppDbContext.OnModelCreating</c>, <c>InvoiceConfiguration.Configure</c>); null when none is.
    /// </summary>
    public (string SetIn, string ReplacedIn, bool ByLoop)? ReplacedTenantFilter(ITypeSymbol? type) =>
        type is not null && KeyOf(type) is { } key && Sources.Filters.ReplacedFilterOn(type, key.Name) is { } replaced
            ? (replaced.SetIn.DisplayName, replaced.ReplacedIn.DisplayName, replaced.ByLoop)
            : null;

    /// <summary>
    /// Whether the entity has an unnamed <c>HasQueryFilter</c> that does not constrain its tenant key (a soft-delete
    /// filter), or a loop over the model sets its unnamed filter at run time: another unnamed filter would replace it, or
    /// be replaced by it.
    /// </summary>
    public bool HasUnnamedNonTenantFilter(ITypeSymbol? type)
    {
        var key = KeyOf(type)?.Name;
        var filters = Sources.Filters;
        return filters.FiltersFor(type).Any(f => f.Name is null && f.DeclaredBy == TenantDeclaration.QueryFilter && (key is null || !f.Scopes(key)))
            || (type is not null && filters.MayBeSetByLoop(type));
    }

    /// <summary>
    /// Whether a query filter of <paramref name="type"/> compares <paramref name="key"/> with the current tenant but does not
    /// scope by it, an <c>||</c> side that reads the row letting other rows through: why the entity counts as unfiltered.
    /// </summary>
    public bool HasOpenedFilterOn(ITypeSymbol? type, string key) =>
        type is not null && Sources.Filters.FiltersFor(type).Any(f => f.OpenedKeys.Contains(key) && f.AppliesTo(type));

    private Resolution? Resolve(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        // Asked for every query source and type argument: the delegate is made only when a type is first resolved.
        return _resolved.TryGetValue(type, out var known) ? known : _resolved.GetOrAdd(type, t =>
            (MayBeTenantEntity(t) ? ResolveWithModel(t) : MayBeChildEntity(t) ? ResolveChild(t) : null)
            ?? (t is ITypeParameterSymbol parameter ? ResolveCrossProject(parameter) : null));
    }

    /// <summary>
    /// What a type parameter other projects choose may be (<see cref="CrossProjectTypeParameters"/>); null for any other
    /// type, and for one that is no tenant entity.
    /// </summary>
    public CrossProjectEntity? CrossProjectEntityOf(ITypeSymbol? type) =>
        type is ITypeParameterSymbol && Resolve(type) is not null && _crossProject.TryGetValue(type, out var entity) ? entity : null;

    /// <summary>
    /// A type parameter other projects choose (through an interface of another assembly, <see cref="CrossProjectTypeParameters"/>,
    /// or as a public store of this library they alone call, <see cref="LibraryStores"/>), with no key of its own
    /// (<c>TEntity : BaseEntity</c>): a tenant entity when an entity of the model it may be is one, with that entity's key
    /// name, which it cannot be compared on (no fix writes it).
    /// </summary>
    private Resolution? ResolveCrossProject(ITypeParameterSymbol parameter)
    {
        var chosenThroughInterface = CrossProjectTypeParameters.ChosenThrough(parameter);
        if ((chosenThroughInterface ?? _libraryStores.ExposedThrough(parameter)) is not { } chosenThrough)
        {
            return null;
        }

        var sources = Sources;
        var entities = sources.Model.Entities.Where(e => !e.IsOwned).Select(e => (ITypeSymbol)e.Type)
            .Concat(sources.ForeignEntityTypes)
            .Distinct<ITypeSymbol>(SymbolEqualityComparer.Default);
        Resolution? first = null;
        var unfiltered = ImmutableArray.CreateBuilder<ITypeSymbol>();
        var filters = new HashSet<TenantFilter>();
        foreach (var entity in CrossProjectTypeParameters.EntitiesItMayBe(parameter, entities))
        {
            if (Resolve(entity) is not { } resolved)
            {
                continue;
            }

            first ??= resolved;
            var own = FiltersOf(entity);
            if (own.IsEmpty)
            {
                unfiltered.Add(entity);
            }

            filters.UnionWith(own);
        }

        // Whether the library calls its own store walks its syntax: asked last, only of a parameter that may be a tenant entity.
        if (first is null || (chosenThroughInterface is null && _libraryStores.IsCalledHere(parameter)))
        {
            return null;
        }

        _crossProject[parameter] = new CrossProjectEntity(chosenThrough, CrossProjectTypeParameters.SubclassesFirst(parameter, unfiltered.ToImmutable()), filters.ToImmutableArray());
        return new Resolution(TenantKey.Assumed(first.Key.Name, first.Key.Type), first.DeclaredBy, IsTenantType: false);
    }

    /// <summary>
    /// The key of a type that may be a tenant entity: a mapped CLR property, else a shadow property the model declares,
    /// else Finbuckle's shadow <c>TenantId</c>, else (a configured tenant type) the key assumed (<see cref="TenantKey.IsAssumed"/>). A CLR key
    /// under a configured key name needs neither the model nor the filters, so a query is judged without them.
    /// </summary>
    private Resolution? ResolveWithModel(ITypeSymbol type) => ResolveOwnKey(type) ?? ResolveChild(type);

    /// <summary>The key <paramref name="type"/> carries itself, or its configured tenant type assumes (<see cref="ResolveWithModel"/>).</summary>
    private Resolution? ResolveOwnKey(ITypeSymbol type)
    {
        var isTenantType = _tenantTypes.Match(type) is not null;
        var isAbp = _symbols.AbpMultiTenant is { } abp && type.Satisfies(abp);
        foreach (var name in Keys.Names)
        {
            if (TenancySources.MappedKeyProperty(type, name, _symbols) is { } property)
            {
                var declaredBy = isTenantType ? TenantDeclaration.ConfiguredType
                    : isAbp && name == TenancyLibraries.AbpKey ? TenantDeclaration.Abp
                    : PlainDeclaration;
                return new Resolution(TenantKey.Clr(property), declaredBy, isTenantType);
            }

            var sources = Sources;
            var isFinbuckle = name == TenancyLibraries.FinbuckleKey && sources.IsFinbuckleEntity(type);
            TenantKey? key = null;
            if (sources.Model.Find(type)?.NamedProperties is { } named && named.TryGetValue(name, out var declaredType))
            {
                key = TenantKey.Shadow(name, declaredType ?? (isFinbuckle ? _symbols.String : sources.KeyTypeOf(name)));
            }
            else if (isFinbuckle)
            {
                key = TenantKey.Shadow(name, _symbols.String);
            }
            else if (isTenantType)
            {
                key = TenantKey.Assumed(name, sources.KeyTypeOf(name));
            }

            if (key is not null)
            {
                var declaredBy = isTenantType ? TenantDeclaration.ConfiguredType : isFinbuckle ? TenantDeclaration.Finbuckle : PlainDeclaration;
                return new Resolution(key, declaredBy, isTenantType);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> has a navigation to a type that may be a tenant entity: it may be a child entity (<see cref="ChildEntities"/>).</summary>
    private bool MayBeChildEntity(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class }
        && _globalTypes.Match(type) is null
        && ChildEntities.ReferenceNavigations(type).Any(n => MayBeTenantEntity(n.Type));

    /// <summary>
    /// A child entity's key, read through its required navigation to a tenant entity with a key of its own (<see cref="ChildEntities"/>);
    /// null when it has none. Its parent's own key is resolved here without a child's fallback, so a cycle of children ends.
    /// </summary>
    private Resolution? ResolveChild(ITypeSymbol type)
    {
        var sources = Sources;
        IEnumerable<(IPropertySymbol Navigation, ITypeSymbol Parent)> parents;
        if (sources.Model.Find(type) is { } entity)
        {
            // An entity declared in another project (listed by an entity-set interface of this one): its class's own
            // configuration is compiled code, so EF Core's conventions are read from the class too.
            parents = entity.IsOwned ? []
                : entity.IsDeclaredInCompilation ? ChildEntities.RequiredParents(entity)
                : ChildEntities.RequiredParents(entity).Concat(ChildEntities.RequiredParentsByConvention(type));
        }
        else if (sources.ForeignEntityTypes.Contains(type, SymbolEqualityComparer.Default) || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, sources.Model.Assembly))
        {
            // An entity of another project's model, queried through its DbSet interface or one of this project's: that
            // model's relationships are compiled code, so EF Core's conventions are read from the class.
            parents = ChildEntities.RequiredParentsByConvention(type);
        }
        else
        {
            return null;
        }

        if (IsPrincipal(type))
        {
            return null;
        }

        foreach (var (navigation, parent) in parents)
        {
            var parentResolution = _resolved.TryGetValue(parent, out var known) ? known : MayBeTenantEntity(parent) ? ResolveOwnKey(parent) : null;
            if (parentResolution is { Key.Via: null } resolved && !resolved.Key.IsAssumed)
            {
                return new Resolution(TenantKey.ThroughParent(navigation.Name, resolved.Key), resolved.DeclaredBy, IsTenantType: false);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a tenant principal (<c>Company</c> for <c>CompanyId</c>): what a tenant key's foreign
    /// key references, or a class named like a key without <c>Id</c>. A row of one <em>is</em> a tenant, never a tenant's
    /// child, whatever it references.
    /// </summary>
    private bool IsPrincipal(ITypeSymbol type) =>
        _principals.Value.Contains(type.OriginalDefinition)
        || Keys.Names.Any(name => string.Equals(name, type.Name + "Id", StringComparison.OrdinalIgnoreCase));

    /// <summary>The entities the model's foreign keys on a tenant key reference (<see cref="IsPrincipal"/>).</summary>
    private ImmutableHashSet<ITypeSymbol> FindPrincipals() =>
        Sources.Model.Entities
            .SelectMany(e => e.ForeignKeys)
            .Where(fk => fk.Properties.Length == 1 && IsTenantKeyName(fk.Properties[0]) && fk.Principal is not null)
            .Select(fk => fk.Principal!.OriginalDefinition)
            .ToImmutableHashSet<ITypeSymbol>(SymbolEqualityComparer.Default);

    /// <summary>How an entity that merely carries the key is declared: by the key's configuration, or its inference.</summary>
    private TenantDeclaration PlainDeclaration => Keys.DeclaredBy == TenantDeclaration.ConfiguredType ? TenantDeclaration.Configured : Keys.DeclaredBy;

    /// <summary>The syntactic and symbol-only checks that spare the model: false only when the type cannot be a tenant entity.</summary>
    private bool MayBeTenantEntity(ITypeSymbol type)
    {
        if (_globalTypes.Match(type) is not null)
        {
            return false;
        }

        if (_tenantTypes.Match(type) is not null
            || (type is INamedTypeSymbol named && TenancyLibraries.FinbuckleMultiTenantAttribute(named) is not null)
            || (_symbols.AbpMultiTenant is { } abp && type.Satisfies(abp)))
        {
            return true;
        }

        if (Options.TenantProperties.IsEmpty && !_tenantTypes.IsEmpty)
        {
            // The key may be the one the tenant types declare, which only the model tells.
            return true;
        }

        var candidates = Options.TenantProperties.IsEmpty
            ? TenantKeyInference.ConventionalNames.Concat(_mentions().FilterNames)
            : Options.TenantProperties;
        foreach (var name in candidates)
        {
            if (type.FindInstancePropertyInAnyCase(name) is not null)
            {
                return true;
            }
        }

        var mentions = _mentions();
        return mentions.CallsIsMultiTenantInALoop || mentions.NamesNearDeclarations.Contains(type.Name);
    }

    private bool MayBeKeyName(string name) =>
        Options.TenantProperties.IsEmpty
            ? TenantKeys.ContainsName(TenantKeyInference.ConventionalNames, name) || !_tenantTypes.IsEmpty || _mentions().FilterNames.Contains(name)
            : TenantKeys.ContainsName(Options.TenantProperties, name);

    // A child's table has no tenant column: SQL cannot constrain one (its statements join the parent's table, not read
    // here), and there is none to index or filter on; the report lists it as scoped through its parent.
    private static bool IsIn(EntityInfo entity, Resolution resolved, TenantEntityScope scope) => scope switch
    {
        TenantEntityScope.OwnTable => entity.HasOwnTable && resolved.Key.Via is null,
        TenantEntityScope.NamedInSql => !entity.IsOwned && resolved.Key.Via is null,
        TenantEntityScope.Mapped => !entity.IsKeyless && !entity.IsView,
        _ => true,
    };

    /// <param name="Key">The tenant key.</param>
    /// <param name="DeclaredBy">What makes the type a tenant entity.</param>
    /// <param name="IsTenantType">Implements or derives from a configured tenant type: it carries a tenant filter.</param>
    private sealed record Resolution(TenantKey Key, TenantDeclaration DeclaredBy, bool IsTenantType);
}
