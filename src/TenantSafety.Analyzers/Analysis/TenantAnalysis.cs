using System;
using System.Threading;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Sql;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>What depends on the tenant-key configuration: the tenant entities and their filters, the query evaluator, the tenant tables SQL may name.</summary>
internal sealed class TenantAnalysis
{
    private readonly Lazy<TenantTableCatalog> _tenantTables;

    public TenantAnalysis(TenantCompilationState state, TenantSafetyOptions options)
    {
        Tenancy = new TenantEntities(
            options,
            state.Symbols,
            () => state.Entities,
            predicate => TenantFilterIndex.Build(state.ConfiguringTypesOfModel, state.Symbols, predicate, options, state.Models, state.Types, CancellationToken.None));
        Evaluator = new QueryEvaluator(state.Symbols, new EntityRelationships(() => state.Entities, Tenancy), state.Models);
        _tenantTables = new Lazy<TenantTableCatalog>(() => TenantTableCatalog.Build(state.Entities, Tenancy), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The options of the first tree read with this tenant-key configuration: only its tenant keys are shared.</summary>
    public TenantSafetyOptions Options => Tenancy.Options;

    public TenantEntities Tenancy { get; }

    public QueryEvaluator Evaluator { get; }

    /// <summary>The names raw SQL may use for tenant tables and their tenant column.</summary>
    public TenantTableCatalog TenantTables => _tenantTables.Value;
}
