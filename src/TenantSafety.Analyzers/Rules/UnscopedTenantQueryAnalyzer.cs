using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Sql;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA1001, TSA1002, TSA1003 and TSA1005, judged where a query runs. A query gets at most one of them:
/// switching the tenant filter off (TSA1005) outranks a cross-tenant grouping (TSA1002), which outranks
/// what the execution point is (TSA1003 for bulk operations, TSA1002 for aggregates, else TSA1001).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnscopedTenantQueryAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.UnscopedTenantQuery, RuleDescriptors.CrossTenantAggregate, RuleDescriptors.UnscopedBulkOperation, RuleDescriptors.UnscopedRawSql, RuleDescriptors.IgnoredTenantFilter)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        start.RegisterOperationBlockAction(block => AnalyzeBlock(block, state));

    /// <summary>
    /// Judges every operation of one body that may run a query, in one walk of its operations. A block action rather
    /// than operation actions registered in a block-start action: those make the driver build a start context, an
    /// action list and a dispatch table for every body of the compilation (3–4 MB of the 39–40 MB a 1× benchmark
    /// build added, docs/performance.md), where a block action costs it nothing per body. An exception ends the
    /// judging of the body it is thrown in, not only of one operation; either way the driver reports it (AD0001) and
    /// nothing is kept.
    /// </summary>
    private static void AnalyzeBlock(OperationBlockAnalysisContext block, TenantCompilationState state)
    {
        if (block.OperationBlocks.IsEmpty)
        {
            return;
        }

        var tree = block.OperationBlocks[0].Syntax.SyntaxTree;
        if (state.GeneratedCode.SkipsAnalysisOf(tree))
        {
            return;
        }

        // In the IDE, a body the last keystroke did not touch gets the findings judged for it before (KeptQueryFindings).
        var kept = state.KeptQueryFindings.For(tree);
        var body = kept?.BodyOf(block.OperationBlocks) ?? -1;
        if (kept?.Replay(body) is { } findings)
        {
            foreach (var finding in findings)
            {
                block.Report(state, finding.ToDiagnostic());
            }

            return;
        }

        // Per body: one IgnoreQueryFilters or GroupBy reached by several execution points is reported once.
        var reporter = new BlockReporter(block, state);
        foreach (var root in block.OperationBlocks)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.Loop)
                {
                    Analyze(operation, state, reporter);
                }
            }
        }

        // Kept only when the whole body was judged: an exception above leaves nothing to keep.
        if (kept is not null && body >= 0)
        {
            var evaluator = reporter.AnalysisIfAsked?.Evaluator;
            kept.Keep(
                body,
                reporter.Findings,
                evaluator?.HelperDeclarationsRead(tree) ?? Enumerable.Empty<TextSpan>(),
                evaluator?.MethodsWhoseCallsWereRead(tree) ?? Enumerable.Empty<string>());
        }
    }

    private static void Analyze(IOperation operation, TenantCompilationState state, BlockReporter reporter)
    {
        var analysis = reporter.Analysis;
        if (operation is IInvocationOperation invocation && RawSqlCall.IsDatabaseSqlCall(invocation.TargetMethod, state.Symbols))
        {
            // Database.ExecuteSql*/SqlQuery* run their text as written: judged at the call (TSA1004).
            ReportUnscopedSql(reporter, invocation, analysis);
            return;
        }

        if (operation.SemanticModel is not { } model || !analysis.Evaluator.MayRunQueries(operation))
        {
            return;
        }

        var cancellationToken = reporter.CancellationToken;
        var scope = ScopeOf(operation, model, reporter.OwningMethod, cancellationToken);
        foreach (var execution in analysis.Evaluator.ExecutionsOf(operation, scope, cancellationToken))
        {
            var location = execution.AtOperatorName ? execution.Site.OperatorNameToEnd() : execution.Site.GetLocation();
            Judge(operation, state, reporter, analysis, execution.Facts, new Execution(execution.Kind, execution.OperatorName, location, execution.OfferFix));
        }
    }

    /// <summary>The body <paramref name="operation"/> is evaluated in (a method of its own: its closure is made only for the operations that may run a query).</summary>
    private static EvaluationScope ScopeOf(IOperation operation, SemanticModel model, IMethodSymbol? containingMethod, CancellationToken cancellationToken)
    {
        var root = QueryEvaluator.RootOf(operation);
        return new EvaluationScope(model, () => QueryEvaluator.GraphOf(root, cancellationToken), summarizedMethod: null, containingMethod);
    }

    /// <summary>Judges every source of the query an execution runs: its first source at the execution, the others where they are written.</summary>
    private static void Judge(IOperation operation, TenantCompilationState state, BlockReporter reporter, TenantAnalysis analysis, QueryFacts facts, Execution execution)
    {
        if (facts.Kind == QueryRootKind.RawSql)
        {
            JudgeRawSqlRoot(operation, state, reporter, analysis, facts);
        }

        // Sources tied by relationship keys are scoped together and reported once: fixing one fixes the others.
        var scopes = new LinkedScopes(facts, source => OwnScope(source, facts, analysis));
        HashSet<SyntaxNode>? judgedGroups = null;
        if (facts.IsEntityQuery)
        {
            // A bulk write must not reach the shared rows every tenant sees; a read may. A predicate the method is
            // given is its callers' to judge. Groups per tenant keep every source they are tied to per tenant.
            var required = execution.Kind == ExecutionKind.Bulk ? TenantScope.Own : TenantScope.OwnOrShared;
            if (!facts.PredicateParameters.IsEmpty || facts.GroupedByTenant || JudgeSource(state, reporter, analysis, facts, facts, scopes, required, execution, run: operation))
            {
                AddGroup(ref judgedGroups, scopes, facts);
            }
        }

        foreach (var source in facts.Sources)
        {
            if (judgedGroups is not null && scopes.GroupOf(source.Facts) is { } group && judgedGroups.Contains(group))
            {
                continue;
            }

            // A source of a bulk write is read, not written; a subquery says what it does itself.
            var kind = source.Kind ?? (execution.Kind == ExecutionKind.Bulk ? ExecutionKind.Read : execution.Kind);
            var location = !reporter.IsInBlock(source.Site) ? execution.Location
                : source.Kind is null ? source.Site.GetLocation()
                : source.Site.OperatorNameToEnd();
            var sourceExecution = new Execution(kind, source.OperatorName ?? execution.OperatorName, location, execution.OfferFix);
            if (JudgeSource(state, reporter, analysis, source.Facts, facts, scopes, TenantScope.OwnOrShared, sourceExecution, run: null))
            {
                AddGroup(ref judgedGroups, scopes, source.Facts);
            }
        }
    }

    private static void AddGroup(ref HashSet<SyntaxNode>? groups, LinkedScopes scopes, QueryFacts source)
    {
        if (scopes.GroupOf(source) is { } group)
        {
            (groups ??= new()).Add(group);
        }
    }

    /// <summary>Reports <paramref name="source"/> when it is a tenant entity less scoped than <paramref name="required"/>; says whether it did.</summary>
    private static bool JudgeSource(
        TenantCompilationState state,
        BlockReporter reporter,
        TenantAnalysis analysis,
        QueryFacts source,
        QueryFacts query,
        LinkedScopes scopes,
        TenantScope required,
        Execution execution,
        IOperation? run)
    {
        if (!source.IsEntityQuery || source.GroupedByTenant || scopes.Of(source, source.Scope) >= required)
        {
            return false;
        }

        if (analysis.Tenancy.Find(source.EntityType, TenantEntityScope.Queried) is not { } tenant || IsFiltered(source, query, analysis)
            || (source == query && ProjectsFilteredNavigation(query, analysis)))
        {
            return false;
        }

        // A store other projects call that asks whether its entity is a tenant's scopes it on paths not told apart here.
        if (analysis.Tenancy.CrossProjectEntityOf(source.EntityType) is not null && reporter.TestsForTenantType(analysis.Tenancy))
        {
            return false;
        }

        var key = tenant.Key;
        // IgnoreQueryFilters on an entity without a tenant filter switches no tenant filter off: the query is unscoped, as any other.
        var ignoreQueryFilters = analysis.Tenancy.FiltersOf(source.EntityType, source.Context).IsEmpty ? null : source.IgnoreQueryFiltersCall ?? query.IgnoreQueryFiltersCall;
        var operatorName = execution.OperatorName;
        DiagnosticDescriptor descriptor;
        Location location;
        if (ignoreQueryFilters is not null)
        {
            descriptor = RuleDescriptors.IgnoredTenantFilter;
            location = reporter.IsInBlock(ignoreQueryFilters) && source == query ? ignoreQueryFilters.OperatorNameToEnd() : execution.Location;
        }
        else if (source.CrossTenantGroupBy is not null)
        {
            descriptor = RuleDescriptors.CrossTenantAggregate;
            operatorName = "GroupBy";
            location = reporter.IsInBlock(source.CrossTenantGroupBy) ? source.CrossTenantGroupBy.OperatorNameToEnd() : execution.Location;
        }
        else
        {
            descriptor = execution.Kind switch
            {
                ExecutionKind.Bulk => RuleDescriptors.UnscopedBulkOperation,
                ExecutionKind.Aggregate => RuleDescriptors.CrossTenantAggregate,
                _ => RuleDescriptors.UnscopedTenantQuery,
            };
            location = execution.Location;
        }

        // The fix compares the key (EF.Property<Guid>(x, "TeamId") for a shadow key): a shadow key of unknown type, or a key
        // only assumed (TenantKey.IsAssumed), has none.
        var properties = ModelFixProperties.WriteTenantKey(key.Reference);
        var additionalLocations = execution.OfferFix && key.IsWritable && source.RootSyntax is { } root && reporter.Compilation.ContainsSyntaxTree(root.SyntaxTree)
            ? new[] { root.GetLocation() }
            : Enumerable.Empty<Location>();
        // A query that switches every filter off (IgnoreQueryFilters() without names) is unscoped whatever the unread filters are.
        var unreadFilters = ignoreQueryFilters is null && !IgnoresEveryFilter(source) && !IgnoresEveryFilter(query)
            && analysis.Tenancy.FiltersOf(source.EntityType, source.Context).IsEmpty
            ? UnreadFilters(source, state, analysis.Tenancy, reporter.Compilation.Assembly)
            : "";
        var owner = TenantWording.Owner(key.Name);
        if (unreadFilters.Length == 0 && ignoreQueryFilters is null && !IgnoresEveryFilter(source) && !IgnoresEveryFilter(query))
        {
            if (analysis.Tenancy.HasOpenedFilterOn(source.EntityType, key.Name))
            {
                // `r => r.TenantId == t.Id || r.IsSystem`: the filter is there; say why it does not scope.
                unreadFilters = RuleDescriptors.OpenedFilter(key.Name, TenantWording.OwnersPossessive(key.Name));
            }
            else if (key.Via is not null && analysis.Tenancy.HasQueryFilter(source.EntityType!))
            {
                // A child filtered another way (`et => et.Employee.Memberships.Any(m => m.OrganizationId == …)`, `!c.IsDeleted`).
                unreadFilters = RuleDescriptors.FilterNotThroughParent(key.Display, owner);
            }
        }

        var reads = RuleDescriptors.ReadsEveryRow(owner);
        if ((descriptor == RuleDescriptors.UnscopedTenantQuery || descriptor == RuleDescriptors.IgnoredTenantFilter)
            && run is not null && LookedUpKey(run, source, state, analysis, execution) is { } lookedUp)
        {
            reads = RuleDescriptors.FindsAnyRowByKey(lookedUp.Length == 0 ? null : lookedUp, owner);
            // "…, whichever company's it is, when other projects call it …": the lookup's clause needs the comma "rows" does not.
            if (unreadFilters.StartsWith(" ", StringComparison.Ordinal))
            {
                unreadFilters = "," + unreadFilters;
            }
        }

        reporter.Report(new QueryFinding(descriptor, location, additionalLocations.ToImmutableArray(), properties, ImmutableArray.Create(source.EntityType!.Name, key.Display, operatorName, owner, unreadFilters, reads)));
        return true;
    }

    /// <summary>
    /// The primary key the read <paramref name="operation"/> runs looks its row up by alone (<see cref="KeyLookup"/>), for
    /// the message of a finding only; "" for a <c>Find</c> of a key not known, null when the read is no such lookup (or
    /// runs inside a method it calls).
    /// </summary>
    private static string? LookedUpKey(IOperation operation, QueryFacts facts, TenantCompilationState state, TenantAnalysis analysis, Execution execution)
    {
        if (execution.Kind != ExecutionKind.Read || operation is not IInvocationOperation run || run.TargetMethod.Name != execution.OperatorName)
        {
            return null;
        }

        var primaryKey = analysis.Evaluator.PrimaryKeyOf(facts.EntityType);
        return KeyLookup.IsByKey(run, primaryKey, state.Symbols) ? (primaryKey.Length == 1 ? primaryKey[0] : "") : null;
    }

    private static bool IgnoresEveryFilter(QueryFacts facts) => facts.IgnoreQueryFiltersCall is not null && facts.IgnoredFilterNames is null;

    /// <summary>
    /// Why no filter was seen, when the filters that may scope the query are compiled code this project cannot read: those
    /// of another project's DbContext that alone maps the entity, or those of a base context of another project that the
    /// context of this project derives from. For a type parameter other projects choose, which unfiltered tenant entities
    /// they may choose it as.
    /// </summary>
    private static string UnreadFilters(QueryFacts source, TenantCompilationState state, TenantEntities tenancy, IAssemblySymbol own)
    {
        var entityType = source.EntityType!;
        if (tenancy.CrossProjectEntityOf(entityType) is { } crossProject)
        {
            return RuleDescriptors.ChosenByOtherProjects(crossProject.ChosenThrough.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), crossProject.Unfiltered.Select(e => e.Name).ToList());
        }

        if (state.ForeignMappingOf(entityType) is { } holder)
        {
            return RuleDescriptors.UnreadFilters(entityType.Name, holder.Name);
        }

        // db.Set<BidItem>() on a DbContext of another project, the entity configured here or not at all by a context of
        // this project: that context's OnModelCreating (which may filter it, in a loop) is compiled code, as above.
        if (source.Context is INamedTypeSymbol { } queried
            && !SymbolEqualityComparer.Default.Equals(queried.ContainingAssembly, own)
            && state.Symbols.IsDbContext(queried)
            && state.Entities.Find(entityType) is not { Contexts.Count: > 0 })
        {
            return RuleDescriptors.UnreadFilters(entityType.Name, queried.Name);
        }

        var contexts = source.Context is INamedTypeSymbol context ? new[] { context } : state.Entities.Find(entityType)?.Contexts.ToArray() ?? [];
        return UnreadBaseContext.OfAny(contexts, own) is { } baseContext
            ? RuleDescriptors.UnreadBaseFilters(entityType.Name, baseContext.Name)
            : "";
    }

    /// <summary>How scoped a source is on its own: its predicates, or a tenant filter the query keeps on.</summary>
    private static TenantScope OwnScope(QueryFacts source, QueryFacts query, TenantAnalysis analysis) =>
        source.IsEntityQuery && IsFiltered(source, query, analysis) ? TenantScope.Own : source.Scope;

    /// <summary>
    /// Whether the query yields only rows of a navigation whose tenant filter is on (<c>Cards.Select(c =&gt; c.Board)</c>
    /// with Board filtered): EF Core joins the navigation through that filter, so another tenant's row never comes out,
    /// only fewer rows (an inner join) or nulls (an optional one).
    /// </summary>
    private static bool ProjectsFilteredNavigation(QueryFacts query, TenantAnalysis analysis) =>
        query.ProjectedNavigation is { } navigation
        && query.EntityType?.FindInstanceProperty(navigation)?.Type is { } target
        && analysis.Tenancy.FiltersOf(target, query.Context).Any(f => !IsSwitchedOff(f, query));

    private static bool IsFiltered(QueryFacts source, QueryFacts query, TenantAnalysis analysis) =>
        analysis.Tenancy.FiltersOf(source.EntityType, source.Context).Any(f => !IsSwitchedOff(f, source) && !IsSwitchedOff(f, query));

    /// <summary>
    /// TSA1004 for <c>FromSql*</c> roots, judged where the query runs so that a LINQ tenant predicate composed after
    /// the SQL, or the entity's tenant filter that EF Core composes around it, scopes it. Reported at the SQL argument.
    /// </summary>
    private static void JudgeRawSqlRoot(
        IOperation operation,
        TenantCompilationState state,
        BlockReporter reporter,
        TenantAnalysis analysis,
        QueryFacts facts)
    {
        if (facts.HasTenantPredicate || facts.GroupedByTenant || facts.RawSqlCall is not { } callSyntax)
        {
            return;
        }

        if (analysis.Tenancy.Find(facts.EntityType, TenantEntityScope.Queried) is not null
            && analysis.Tenancy.FiltersOf(facts.EntityType, facts.Context).Any(f => !IsSwitchedOff(f, facts)))
        {
            return;
        }

        var model = callSyntax.SyntaxTree == operation.Syntax.SyntaxTree ? operation.SemanticModel : state.Models.Get(callSyntax.SyntaxTree);
        if (model?.GetOperation(callSyntax, reporter.CancellationToken) is IInvocationOperation call)
        {
            ReportUnscopedSql(reporter, call, analysis);
        }
    }

    /// <summary>TSA1004 at the SQL argument of <paramref name="call"/>, for the first tenant table it reaches unscoped.</summary>
    private static void ReportUnscopedSql(BlockReporter reporter, IInvocationOperation call, TenantAnalysis analysis)
    {
        if (RawSqlCall.FindUnscoped(call, () => analysis.TenantTables) is not { } found)
        {
            return;
        }

        var (use, location) = found;
        var verb = use.Access switch
        {
            SqlTableAccess.Update => "updates",
            SqlTableAccess.Delete => "deletes from",
            SqlTableAccess.Truncate => "truncates",
            _ => "reads",
        };
        reporter.Report(new QueryFinding(RuleDescriptors.UnscopedRawSql, location, use.WrittenName, use.Table.ColumnName, verb, TenantWording.Owner(use.Table.ColumnName)));
    }

    /// <summary>A tenant filter stops applying when the query ignores all filters, or (EF Core 10) names this filter.</summary>
    private static bool IsSwitchedOff(TenantFilter filter, QueryFacts facts)
    {
        if (facts.IgnoreQueryFiltersCall is null)
        {
            return false;
        }

        return facts.IgnoredFilterNames is not { } names || (filter.Name is not null && names.Contains(filter.Name));
    }

    /// <summary>Where and how a query runs: what the finding says and where it goes.</summary>
    private sealed record Execution(ExecutionKind Kind, string OperatorName, Location Location, bool OfferFix);

    /// <summary>Reports at most once per rule and location within one operation block, and remembers what it reported.</summary>
    private sealed class BlockReporter
    {
        private readonly OperationBlockAnalysisContext _block;
        private readonly SyntaxTree _tree;
        private readonly TenantCompilationState _state;

        // Made at the first finding: a reporter is made for every body, and most bodies report nothing.
        private HashSet<(string Id, TextSpan Span)>? _reported;
        private List<QueryFinding>? _findings;
        private TenantAnalysis? _analysis;
        private bool? _testsForTenantType;

        public BlockReporter(OperationBlockAnalysisContext block, TenantCompilationState state)
        {
            _block = block;
            _state = state;
            _tree = block.OperationBlocks[0].Syntax.SyntaxTree;
        }

        public CancellationToken CancellationToken => _block.CancellationToken;

        public Compilation Compilation => _block.Compilation;

        /// <summary>The method the body belongs to, as the driver names it (a lambda's body belongs to its declaring method).</summary>
        public IMethodSymbol? OwningMethod => _block.OwningSymbol as IMethodSymbol;

        /// <summary>The analysis of the body's file, asked for once per body, at the first operation judged.</summary>
        public TenantAnalysis Analysis => _analysis ??= _state.GetAnalysis(_tree);

        /// <summary>The analysis when an operation of the body was judged (only then may helpers have been read for it); else null.</summary>
        public TenantAnalysis? AnalysisIfAsked => _analysis;

        /// <summary>Whether the body tests or casts against a type that declares a tenant key (<see cref="TenantTypeTests"/>); read once, when first asked.</summary>
        public bool TestsForTenantType(TenantEntities tenancy) =>
            _testsForTenantType ??= _block.OperationBlocks.Any(block => TenantTypeTests.In(block, tenancy));

        public IReadOnlyList<QueryFinding> Findings => _findings ?? (IReadOnlyList<QueryFinding>)Array.Empty<QueryFinding>();

        public bool IsInBlock(SyntaxNode node)
        {
            if (node.SyntaxTree != _tree)
            {
                return false;
            }

            foreach (var block in _block.OperationBlocks)
            {
                if (block.Syntax.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }

        public void Report(QueryFinding finding)
        {
            if (!(_reported ??= new()).Add((finding.Descriptor.Id, finding.Location.SourceSpan)))
            {
                return;
            }

            (_findings ??= new()).Add(finding);
            _block.Report(_state, finding.ToDiagnostic());
        }
    }
}
