using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Model.Entities;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Everything the rules share for one compilation, created in <c>RegisterCompilationStartAction</c>: EF Core
/// symbols, options per tree, and per tenant-key configuration the tenant filters and the query evaluator
/// (whose helper summaries are cached). Built lazily so a file without queries costs nothing.
/// </summary>
internal sealed class TenantCompilationState
{
    private readonly AnalyzerConfigOptionsProvider _optionsProvider;
    private readonly ConcurrentDictionary<SyntaxTree, TenantSafetyOptions> _optionsByTree = new();
    private readonly ConcurrentDictionary<string, TenantAnalysis> _analyses = new(StringComparer.Ordinal);
    private readonly Lazy<EntityModel> _entities;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _configuringTypes;
    private readonly ConcurrentDictionary<string, Sql.TenantTableCatalog> _tenantTables = new(StringComparer.Ordinal);

    /// <summary>One state per compilation and options, shared by all our analyzers so the model and the helper summaries are built once.</summary>
    private static readonly ConditionalWeakTable<Compilation, ConditionalWeakTable<AnalyzerConfigOptionsProvider, TenantCompilationState>> s_states = new();

    private TenantCompilationState(Compilation compilation, EfCoreSymbols symbols, AnalyzerConfigOptionsProvider optionsProvider)
    {
        _optionsProvider = optionsProvider;
        Symbols = symbols;
        Models = new SemanticModelCache(compilation);
        Types = new TypeResolver(compilation);
        _configuringTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => ConfiguringTypes.Find(compilation, symbols), LazyThreadSafetyMode.ExecutionAndPublication);
        _entities = new Lazy<EntityModel>(
            () => EntityModelBuilder.Build(compilation, symbols, ConfiguringTypesOfModel, Models, Types, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The entities of the compilation and their tables, keys and indexes; built on first use.</summary>
    public EntityModel Entities => _entities.Value;

    public EfCoreSymbols Symbols { get; }

    /// <summary>The names raw SQL may use for tenant tables and their tenant column, for the tenant-key configuration of <paramref name="options"/>.</summary>
    public Sql.TenantTableCatalog TenantTables(TenantSafetyOptions options) =>
        _tenantTables.GetOrAdd(options.CacheKey, _ => Sql.TenantTableCatalog.Build(Entities, options));

    /// <summary>The shared state of this compilation; null when it does not reference EF Core (the rules then do nothing).</summary>
    public static TenantCompilationState? For(Compilation compilation, AnalyzerOptions options)
    {
        var byOptions = s_states.GetValue(compilation, _ => new ConditionalWeakTable<AnalyzerConfigOptionsProvider, TenantCompilationState>());
        var provider = options.AnalyzerConfigOptionsProvider;
        if (byOptions.TryGetValue(provider, out var existing))
        {
            return existing;
        }

        var symbols = EfCoreSymbols.TryCreate(compilation);
        return symbols is null ? null : byOptions.GetValue(provider, p => new TenantCompilationState(compilation, symbols, p));
    }

    public SemanticModelCache Models { get; }

    /// <summary>The types whose code configures the model (<see cref="ConfiguringTypes"/>).</summary>
    public ImmutableArray<INamedTypeSymbol> ConfiguringTypesOfModel => _configuringTypes.Value;

    /// <summary>Resolves the types of configuration read in earlier compilations (<see cref="Reuse.ConfigurationFactCache{TTarget}"/>).</summary>
    public TypeResolver Types { get; }

    public TenantSafetyOptions GetOptions(SyntaxTree tree) =>
        _optionsByTree.GetOrAdd(tree, t => TenantSafetyOptions.Read(_optionsProvider, t));

    public TenantAnalysis GetAnalysis(SyntaxTree tree)
    {
        var options = GetOptions(tree);
        return _analyses.GetOrAdd(options.CacheKey, _ => new TenantAnalysis(this, options));
    }
}

/// <summary>What depends on the tenant-key configuration: the tenant filters and the query evaluator.</summary>
internal sealed class TenantAnalysis
{
    private readonly Lazy<TenantFilterIndex> _filters;

    public TenantAnalysis(TenantCompilationState state, TenantSafetyOptions options)
    {
        Options = options;
        Evaluator = new QueryEvaluator(state.Symbols, options, state.Models);
        _filters = new Lazy<TenantFilterIndex>(
            () => TenantFilterIndex.Build(state.ConfiguringTypesOfModel, state.Symbols, options, state.Models, state.Types, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TenantSafetyOptions Options { get; }

    public QueryEvaluator Evaluator { get; }

    public ImmutableArray<TenantFilter> FiltersFor(ITypeSymbol? entityType) => _filters.Value.FiltersFor(entityType);

    /// <inheritdoc cref="TenantFilterIndex.HasUnnamedNonTenantFilter"/>
    public bool HasUnnamedNonTenantFilter(ITypeSymbol? entityType) => _filters.Value.HasUnnamedNonTenantFilter(entityType);
}
