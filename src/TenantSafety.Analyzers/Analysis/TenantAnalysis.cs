using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Sql;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>What depends on the tenancy configuration (keys, tenant and global types): the tenant entities and their filters, the query evaluator, the tenant tables SQL may name.</summary>
internal sealed class TenantAnalysis
{
    private readonly Lazy<TenantTableCatalog> _tenantTables;

    public TenantAnalysis(TenantCompilationState state, TenantSafetyOptions options)
    {
        Tenancy = new TenantEntities(
            options,
            state.Symbols,
            () => state.Entities,
            () => state.Filters,
            () => state.Contexts,
            () => state.Mentions,
            () => state.DatabaseSwitches,
            state.Models,
            state.LibraryStores,
            () => state.DeclaresContext ? ImmutableArray<Microsoft.CodeAnalysis.ITypeSymbol>.Empty : state.ForeignTables.Select(table => table.EntityType).ToImmutableArray());
        Evaluator = new QueryEvaluator(state.Symbols, new EntityRelationships(() => state.Entities, Tenancy, state.Symbols), state.Models, state.Implementations, state.ForeignStores);
        _tenantTables = new Lazy<TenantTableCatalog>(
            // Another project's tables, whether or not this project has a context of its own: SQL run through either may name them.
            () => TenantTableCatalog.Build(state.Entities, Tenancy, state.ForeignTables),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The options of the first tree read with this tenancy configuration: only its tenancy keys are shared.</summary>
    public TenantSafetyOptions Options => Tenancy.Options;

    public TenantEntities Tenancy { get; }

    public QueryEvaluator Evaluator { get; }

    /// <summary>The names raw SQL may use for tenant tables and their tenant column.</summary>
    public TenantTableCatalog TenantTables => _tenantTables.Value;
}
