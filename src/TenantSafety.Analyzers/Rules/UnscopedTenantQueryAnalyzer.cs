using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA1001, TSA1002, TSA1003 and TSA1005, judged where a query runs. A query gets at most one of them:
/// switching the tenant filter off (TSA1005) outranks a cross-tenant grouping (TSA1002), which outranks
/// what the execution point is (TSA1003 for bulk operations, TSA1002 for aggregates, else TSA1001).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnscopedTenantQueryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the tenant key the fix compares (e.g. <c>TeamId</c>).</summary>
    public const string TenantKeyProperty = "TenantKey";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        TenantQueryDescriptors.UnscopedTenantQuery,
        TenantQueryDescriptors.CrossTenantAggregate,
        TenantQueryDescriptors.UnscopedBulkOperation,
        TenantQueryDescriptors.UnscopedRawSql,
        TenantQueryDescriptors.IgnoredTenantFilter);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var state = TenantCompilationState.For(start.Compilation, start.Options);
            if (state is null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                // Per body: one IgnoreQueryFilters or GroupBy reached by several execution points is reported once.
                var reporter = new BlockReporter(block.OperationBlocks);
                block.RegisterOperationAction(c => AnalyzeInvocation(c, state, reporter), OperationKind.Invocation);
                block.RegisterOperationAction(c => AnalyzeForEach(c, state, reporter), OperationKind.Loop);
            });
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TenantCompilationState state, BlockReporter reporter)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (RawSqlTenantCheck.IsDatabaseSqlCall(invocation.TargetMethod, state.Symbols))
        {
            // Database.ExecuteSql*/SqlQuery* run their text as written: judged at the call (TSA1004).
            if (RawSqlTenantCheck.Check(invocation, state, state.GetOptions(invocation.Syntax.SyntaxTree)) is { } rawSql)
            {
                reporter.Report(context, rawSql);
            }

            return;
        }

        var kind = ExecutionPoints.Classify(invocation.TargetMethod, state.Symbols);
        if (kind == ExecutionKind.None)
        {
            return;
        }

        var source = ExecutionPoints.Source(invocation);
        if (source is null)
        {
            return;
        }

        var isFind = invocation.TargetMethod.Name is "Find" or "FindAsync";
        var location = DiagnosticLocations.OperatorNameToEnd(invocation.Syntax);
        Judge(context, state, reporter, source, invocation, kind, invocation.TargetMethod.Name, location, offerFix: !isFind);
    }

    private static void AnalyzeForEach(OperationAnalysisContext context, TenantCompilationState state, BlockReporter reporter)
    {
        if (context.Operation is not IForEachLoopOperation loop)
        {
            return;
        }

        var collection = TenantPredicate.Unwrap(loop.Collection);
        Judge(context, state, reporter, collection, executionCall: null, ExecutionKind.Read, "foreach", collection.Syntax.GetLocation(), offerFix: true);
    }

    private static void Judge(
        OperationAnalysisContext context,
        TenantCompilationState state,
        BlockReporter reporter,
        IOperation source,
        IInvocationOperation? executionCall,
        ExecutionKind kind,
        string operatorName,
        Location executionLocation,
        bool offerFix)
    {
        var model = context.Operation.SemanticModel;
        if (model is null)
        {
            return;
        }

        var analysis = state.GetAnalysis(context.Operation.Syntax.SyntaxTree);
        var scope = new EvaluationScope(model, context.GetControlFlowGraph, summarizedMethod: null);
        var facts = analysis.Evaluator.Evaluate(source, scope, context.CancellationToken);
        if (facts.Kind == QueryRootKind.RawSql)
        {
            JudgeRawSqlRoot(context, state, reporter, analysis, facts, executionCall, scope);
            return;
        }

        if (!facts.IsEntityQuery || facts.HasTenantPredicate || facts.GroupedByTenant)
        {
            return;
        }

        // The execution point's own predicate: First(x => x.TeamId == teamId && x.Id == id).
        if (executionCall is not null && analysis.Evaluator.HasTenantPredicateArgument(executionCall, scope, position: null, depth: 0, context.CancellationToken))
        {
            return;
        }

        var key = TenantKeyLookup.FindTenantKey(facts.EntityType, analysis.Options);
        if (key is null)
        {
            return;
        }

        var filters = analysis.FiltersFor(facts.EntityType);
        if (filters.Any(f => !IsSwitchedOff(f, facts)))
        {
            return;
        }

        DiagnosticDescriptor descriptor;
        Location location;
        if (facts.IgnoreQueryFiltersCall is not null)
        {
            descriptor = TenantQueryDescriptors.IgnoredTenantFilter;
            location = reporter.IsInBlock(facts.IgnoreQueryFiltersCall) ? DiagnosticLocations.OperatorNameToEnd(facts.IgnoreQueryFiltersCall) : executionLocation;
        }
        else if (facts.CrossTenantGroupBy is not null)
        {
            descriptor = TenantQueryDescriptors.CrossTenantAggregate;
            operatorName = "GroupBy";
            location = reporter.IsInBlock(facts.CrossTenantGroupBy) ? DiagnosticLocations.OperatorNameToEnd(facts.CrossTenantGroupBy) : executionLocation;
        }
        else
        {
            descriptor = kind switch
            {
                ExecutionKind.Bulk => TenantQueryDescriptors.UnscopedBulkOperation,
                ExecutionKind.Aggregate => TenantQueryDescriptors.CrossTenantAggregate,
                _ => TenantQueryDescriptors.UnscopedTenantQuery,
            };
            location = executionLocation;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(TenantKeyProperty, key.Name);
        var additionalLocations = offerFix && facts.RootSyntax is { } root && state.Models.Get(root.SyntaxTree) is not null
            ? new[] { root.GetLocation() }
            : Enumerable.Empty<Location>();
        var diagnostic = Diagnostic.Create(descriptor, location, additionalLocations, properties, facts.EntityType!.Name, key.Name, operatorName);
        reporter.Report(context, diagnostic);
    }

    /// <summary>
    /// TSA1004 for <c>FromSql*</c> roots, judged where the query runs so that a LINQ tenant predicate composed after
    /// the SQL, or the entity's tenant filter that EF Core composes around it, scopes it. Reported at the SQL argument.
    /// </summary>
    private static void JudgeRawSqlRoot(
        OperationAnalysisContext context,
        TenantCompilationState state,
        BlockReporter reporter,
        TenantAnalysis analysis,
        QueryFacts facts,
        IInvocationOperation? executionCall,
        EvaluationScope scope)
    {
        if (facts.HasTenantPredicate || facts.GroupedByTenant || facts.RawSqlCall is not { } callSyntax)
        {
            return;
        }

        if (executionCall is not null && analysis.Evaluator.HasTenantPredicateArgument(executionCall, scope, position: null, depth: 0, context.CancellationToken))
        {
            return;
        }

        if (TenantKeyLookup.FindTenantKey(facts.EntityType, analysis.Options) is not null
            && analysis.FiltersFor(facts.EntityType).Any(f => !IsSwitchedOff(f, facts)))
        {
            return;
        }

        var model = callSyntax.SyntaxTree == context.Operation.Syntax.SyntaxTree ? context.Operation.SemanticModel : state.Models.Get(callSyntax.SyntaxTree);
        if (model?.GetOperation(callSyntax, context.CancellationToken) is IInvocationOperation call
            && RawSqlTenantCheck.Check(call, state, analysis.Options) is { } diagnostic)
        {
            reporter.Report(context, diagnostic);
        }
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

    /// <summary>Reports at most once per rule and location within one operation block.</summary>
    private sealed class BlockReporter
    {
        private readonly ImmutableArray<TextSpan> _blockSpans;
        private readonly SyntaxTree? _tree;
        private readonly HashSet<(string Id, TextSpan Span)> _reported = new();

        public BlockReporter(ImmutableArray<IOperation> blocks)
        {
            _blockSpans = blocks.Select(b => b.Syntax.Span).ToImmutableArray();
            _tree = blocks.IsEmpty ? null : blocks[0].Syntax.SyntaxTree;
        }

        public bool IsInBlock(SyntaxNode node) =>
            node.SyntaxTree == _tree && _blockSpans.Any(span => span.Contains(node.Span));

        public void Report(OperationAnalysisContext context, Diagnostic diagnostic)
        {
            lock (_reported)
            {
                if (!_reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan)))
                {
                    return;
                }
            }

            context.ReportDiagnostic(diagnostic);
        }
    }
}
