using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// Everything the rules share for one compilation, created in <c>RegisterCompilationStartAction</c>: EF Core
/// symbols, options per tree, the entity model, and per tenant-key configuration a <see cref="TenantAnalysis"/>.
/// Built lazily so a file without queries costs nothing.
/// </summary>
internal sealed class TenantCompilationState
{
    /// <summary>One state per compilation and options, shared by all our analyzers so the model and the helper summaries are built once.</summary>
    /// <remarks>
    /// Keyed by the compilation alone, never by the options provider: a host keeps one provider for many compilations
    /// (the compiler server, the IDE), and a table keyed by the provider would keep every compilation's state, and
    /// through it the compilation, alive as long as the provider (CompilationLifetimeTests).
    /// </remarks>
    private static readonly ConditionalWeakTable<Compilation, StatesByOptions> s_states = new();

    // The compilations no rule analyses (no EF Core, no store), marked with one shared object.
    private static readonly ConditionalWeakTable<Compilation, object> s_notAnalysed = new();
    private static readonly object s_notAnalysedMark = new();

    private readonly AnalyzerConfigOptionsProvider _optionsProvider;
    private readonly ConcurrentDictionary<SyntaxTree, TenantSafetyOptions> _optionsByTree = new();

    /// <summary>The options parsed once per distinct configuration text: a project's files usually share one.</summary>
    private readonly ConcurrentDictionary<string, TenantSafetyOptions> _optionsByText = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TenantAnalysis> _analyses = new(StringComparer.Ordinal);
    private readonly HelpedLazy<EntityModel> _entities;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _configuringTypes;
    private readonly Lazy<TenantFilterIndex> _filters;
    private readonly Lazy<TenancyMentions> _mentions;
    private readonly Lazy<DeclarationsVersion> _version;
    private readonly Lazy<ForeignEntitySites> _foreignEntitySites;
    private readonly Lazy<HashSet<INamedTypeSymbol>> _configuringTypeSet;
    private readonly Lazy<ForeignEntitySetHolders> _foreignEntitySetHolders;
    private readonly Lazy<bool> _declaresContext;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _foreignHolders;
    private readonly Lazy<ImmutableArray<ForeignTable>> _foreignTables;
    private readonly Lazy<ImmutableDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>>> _ownStoreInterfaces;
    private readonly Lazy<DatabaseSwitches> _databaseSwitches;
    private readonly Lazy<ImmutableHashSet<ISymbol>> _modelCacheKeyMembers;
    private readonly Lazy<ImmutableDictionary<ITypeSymbol, INamedTypeSymbol>> _foreignMappings;
    private readonly Lazy<MigrationSnapshotIndexes> _migrationSnapshotIndexes;

    private TenantCompilationState(Compilation compilation, EfSymbols symbols, AnalyzerConfigOptionsProvider optionsProvider)
    {
        _optionsProvider = optionsProvider;
        Symbols = symbols;
        KeptQueryFindings = new KeptQueryFindings(compilation, this);
        Models = new SemanticModelCache(compilation, () => KeptQueryFindings.IsEditCycle);
        GeneratedCode = new GeneratedCode(compilation, optionsProvider, Models);
        _version = new Lazy<DeclarationsVersion>(() => DeclarationsVersion.Of(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        Types = new TypeResolver(compilation, () => Version);
        Implementations = new SourceImplementations(compilation);
        LibraryStores = new LibraryStores(compilation, Models);
        ForeignStores = new ForeignStoreMethods(compilation.Assembly, symbols, Implementations);
        _configuringTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => ConfiguringTypes.Find(compilation, symbols, Version, Types), LazyThreadSafetyMode.ExecutionAndPublication);
        _entities = new HelpedLazy<EntityModel>(
            shareBodies => ModelSnapshot.Build(compilation, symbols, ConfiguringTypesOfModel, Models, Types, Version, CancellationToken.None, shareBodies));
        _filters = new Lazy<TenantFilterIndex>(
            () => TenantFilterIndex.Build(ConfiguringTypesOfModel, symbols, Models, Types, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _mentions = new Lazy<TenancyMentions>(() => TenancyMentions.Of(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        _configuringTypeSet = new Lazy<HashSet<INamedTypeSymbol>>(
            () => new HashSet<INamedTypeSymbol>(ConfiguringTypesOfModel, SymbolEqualityComparer.Default),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _declaresContext = new Lazy<bool>(() => ConfiguringTypesOfModel.Any(symbols.IsDbContext), LazyThreadSafetyMode.PublicationOnly);
        _ownStoreInterfaces = new Lazy<ImmutableDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>>>(
            () => Model.OwnStoreInterfaces.Find(compilation, ForeignStores, TenantKeyInference.ConventionalNames),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _foreignEntitySetHolders = new Lazy<ForeignEntitySetHolders>(
            () => ForeignEntitySetHolders.Build(compilation, symbols, Models, GeneratedCode.Contains, TenantKeyInference.ConventionalNames, OwnStoreInterfaces, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _foreignHolders = new Lazy<ImmutableArray<INamedTypeSymbol>>(
            () => ForeignEntitySetHolders.AllIn(compilation, symbols).OrderBy(h => h.ToDisplayString(), StringComparer.Ordinal).ToImmutableArray(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _foreignTables = new Lazy<ImmutableArray<ForeignTable>>(() => ForeignTable.Of(_foreignHolders.Value, symbols), LazyThreadSafetyMode.ExecutionAndPublication);
        _foreignEntitySites = new Lazy<ForeignEntitySites>(() => ForeignEntitySites.Build(compilation, Entities, symbols, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        _databaseSwitches = new Lazy<DatabaseSwitches>(() => DatabaseSwitches.Find(compilation, symbols, Contexts, Models, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        _foreignMappings = new Lazy<ImmutableDictionary<ITypeSymbol, INamedTypeSymbol>>(
            () => ForeignMappings(_foreignHolders.Value, symbols),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _modelCacheKeyMembers = new Lazy<ImmutableHashSet<ISymbol>>(
            () => Tenancy.ModelCacheKeyMembers.Find(compilation, symbols, Implementations, Models.Get, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _migrationSnapshotIndexes = new Lazy<MigrationSnapshotIndexes>(
            () => MigrationSnapshotIndexes.Read(compilation, symbols, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public EfSymbols Symbols { get; }

    /// <summary>
    /// The indexes the project's EF Core model snapshots declare: read on first use, which only an entity configured by
    /// a method of another project asks for (<see cref="EntityInfo.UnreadModelHelpers"/>).
    /// </summary>
    public MigrationSnapshotIndexes MigrationSnapshotIndexes => _migrationSnapshotIndexes.Value;

    /// <summary>The entities of the compilation and their tables, keys and indexes; built on first use, with the configuration bodies read by every thread that asks meanwhile.</summary>
    public EntityModel Entities => _entities.Value;

    public SemanticModelCache Models { get; }

    /// <summary>What every declaration of the compilation says, shared with the IDE's previous compilation when only bodies changed.</summary>
    public DeclarationsVersion Version => _version.Value;

    /// <summary>The query findings of each body, kept for the IDE's next compilation.</summary>
    public KeptQueryFindings KeptQueryFindings { get; }

    /// <summary>Whether a finding's location is in generated code, where no rule reports (<see cref="FindingReports"/>).</summary>
    public GeneratedCode GeneratedCode { get; }

    /// <summary>The calls the per-file rules look for, one search of each file for all of them.</summary>
    public RuleCalls RuleCalls { get; } = new();

    /// <summary>Where this project reports the entities it maps that other assemblies declare; built on first use.</summary>
    public ForeignEntitySites ForeignEntitySites => _foreignEntitySites.Value;

    /// <summary>Where this project first names each DbContext or entity-set interface of another project; found on first use.</summary>
    public ForeignEntitySetHolders ForeignEntitySetHolders => _foreignEntitySetHolders.Value;

    /// <summary>This project's store interfaces that another project implements, with the key-carrying entities they read; found on first use.</summary>
    public ImmutableDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>> OwnStoreInterfaces => _ownStoreInterfaces.Value;

    /// <summary>The tables of the entity sets other projects' DbContexts and interfaces declare; read on first use.</summary>
    public ImmutableArray<ForeignTable> ForeignTables => _foreignTables.Value;

    /// <summary>The query filters and Finbuckle calls of the model, whatever the tenant key; read on first use.</summary>
    public TenantFilterIndex Filters => _filters.Value;

    /// <summary>The syntactic pre-check that spares the model for types that cannot be tenant entities.</summary>
    public TenancyMentions Mentions => _mentions.Value;

    /// <summary>Whether a DbContext class is declared in source: asked per file, found once.</summary>
    public bool DeclaresContext => _declaresContext.Value;

    /// <summary>The DbContexts whose database the project switches at run time; searched for on first use (the key inference by name, TSA0001).</summary>
    public DatabaseSwitches DatabaseSwitches => _databaseSwitches.Value;

    /// <summary>The members of a DbContext the project's own model cache key reads (<see cref="ModelCacheKeyMembers"/>); found on first use.</summary>
    public ImmutableHashSet<ISymbol> ModelCacheKeyMembers => _modelCacheKeyMembers.Value;

    /// <summary>
    /// The DbContext or entity-set interface of another project that declares a set of <paramref name="entityType"/>, when
    /// no model of this project maps it (its query filters, if any, are compiled code no analyzer of this project can read); null otherwise.
    /// </summary>
    public INamedTypeSymbol? ForeignMappingOf(ITypeSymbol entityType) =>
        _foreignMappings.Value.TryGetValue(entityType, out var holder) && Entities.Find(entityType) is null ? holder : null;

    /// <summary>The DbContext classes declared in source.</summary>
    public ImmutableArray<INamedTypeSymbol> Contexts => ConfiguringTypesOfModel.Where(Symbols.IsDbContext).ToImmutableArray();

    /// <summary>The types whose code configures the model (<see cref="ConfiguringTypes"/>).</summary>
    public ImmutableArray<INamedTypeSymbol> ConfiguringTypesOfModel => _configuringTypes.Value;

    /// <summary>Whether <paramref name="type"/> is one of <see cref="ConfiguringTypesOfModel"/>: found once, asked per type.</summary>
    public bool ConfiguresModel(INamedTypeSymbol type) => _configuringTypeSet.Value.Contains(type);

    /// <summary>The implementations in source of interface methods, for queries handed through an interface.</summary>
    public SourceImplementations Implementations { get; }

    /// <summary>The public generic stores of this library that only other projects call.</summary>
    public LibraryStores LibraryStores { get; }

    /// <summary>The store methods of other assemblies, read from their signatures.</summary>
    public ForeignStoreMethods ForeignStores { get; }

    /// <summary>Resolves the types of configuration read in earlier compilations (<see cref="ConfigurationFactCache{TTarget}"/>).</summary>
    public TypeResolver Types { get; }

    /// <summary>
    /// The shared state of this compilation; null when it neither references EF Core nor can call a store of another
    /// project (<see cref="StoreQueryingProject"/>): the rules then do nothing.
    /// </summary>
    public static TenantCompilationState? For(Compilation compilation, AnalyzerOptions options)
    {
        var byOptions = s_states.GetValue(compilation, _ => new StatesByOptions());
        var provider = options.AnalyzerConfigOptionsProvider;
        if (byOptions.Find(provider) is { } existing)
        {
            return existing;
        }

        if (s_notAnalysed.TryGetValue(compilation, out _))
        {
            return null;
        }

        var symbols = EfSymbols.Of(compilation);
        if (!symbols.ReferencesEfCore && !StoreQueryingProject.QueriesThroughStores(compilation, symbols))
        {
            // Asked by every rule's compilation start: the answer is kept.
            s_notAnalysed.GetValue(compilation, _ => s_notAnalysedMark);
            return null;
        }

        return byOptions.GetOrAdd(provider, p => new TenantCompilationState(compilation, symbols, p));
    }

    /// <summary>The options of <paramref name="tree"/>, read once (<see cref="TenantSafetyOptions.Read"/>).</summary>
    public TenantSafetyOptions GetOptions(SyntaxTree tree) =>
        _optionsByTree.TryGetValue(tree, out var known)
            ? known
            : _optionsByTree.GetOrAdd(tree, t => _optionsByText.GetOrAdd(TenantSafetyOptions.ReadText(_optionsProvider, t), TenantSafetyOptions.Parse));

    /// <summary>The text of <paramref name="tree"/>'s options, as <see cref="TenantSafetyOptions.ReadText"/> reads it: equal texts are equal options.</summary>
    public string OptionsText(SyntaxTree tree) => TenantSafetyOptions.ReadText(_optionsProvider, tree);

    /// <summary>The analysis of <paramref name="tree"/>'s tenant-key configuration, shared by every tree configured alike.</summary>
    public TenantAnalysis GetAnalysis(SyntaxTree tree)
    {
        var options = GetOptions(tree);

        // Asked at every callback: the closure is made only for a configuration not seen yet (in a method of its own,
        // as C# makes a closure over a local where the local is declared).
        return _analyses.TryGetValue(options.CacheKey, out var known) ? known : AddAnalysis(options);
    }

    private TenantAnalysis AddAnalysis(TenantSafetyOptions options) => _analyses.GetOrAdd(options.CacheKey, _ => new TenantAnalysis(this, options));

    /// <summary>Each entity type of the sets other projects' DbContexts and entity-set interfaces declare, with the first of those (by name).</summary>
    private static ImmutableDictionary<ITypeSymbol, INamedTypeSymbol> ForeignMappings(ImmutableArray<INamedTypeSymbol> foreignHolders, EfSymbols symbols)
    {
        var holders = ImmutableDictionary.CreateBuilder<ITypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var holder in foreignHolders)
        {
            foreach (var entityType in ForeignEntitySetHolders.EntityTypesOf(holder, symbols))
            {
                if (!holders.ContainsKey(entityType))
                {
                    holders[entityType] = holder;
                }
            }
        }

        return holders.ToImmutable();
    }
}
