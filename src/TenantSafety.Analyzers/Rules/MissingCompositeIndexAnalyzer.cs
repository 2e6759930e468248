using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2002: a tenant-scoped query on a hot entity (<c>tenant_safety.hot_entities</c>) whose equality filters and
/// ordering no index serves, per execution path (an <c>if</c> that filters and an <c>else</c> that orders are two
/// shapes). Each missing index shape is reported once per entity per file, at its first query, so a file of twenty
/// inbox queries does not carry twenty copies of one finding. Runs per file (a semantic model action), which keeps
/// that choice deterministic and live in the IDE. A lookup that pins a whole primary key, alternate key or unique
/// index by equality (<c>l.Id == id</c>, <c>ids.Contains(l.Id)</c>) is served by that key; a query scoped only
/// through another table (<c>c.TaskItem.TeamId == teamId</c>) asks nothing of this one's tenant-key indexes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingCompositeIndexAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.MissingCompositeIndex)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state) =>
        start.RegisterSemanticModelAction(c => Analyze(c, state));

    private static void Analyze(SemanticModelAnalysisContext context, TenantCompilationState state)
    {
        var model = context.SemanticModel;
        var tree = model.SyntaxTree;
        var options = state.GetOptions(tree);
        if (options.HotEntities.IsEmpty)
        {
            return;
        }

        var analysis = state.GetAnalysis(tree);
        var shapes = new QueryShapeReader(state.Symbols, analysis.Tenancy.IsTenantKeyName, model, context.CancellationToken);
        var scopes = new Dictionary<SyntaxNode, EvaluationScope>();
        var reported = new HashSet<(ITypeSymbol Entity, string Shape)>(new EntityShapeComparer());
        var root = tree.GetRoot(context.CancellationToken);
        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax access
                || ExecutionPoints.Classify(access.Name.Identifier.ValueText) == ExecutionKind.None
                || model.GetOperation(call, context.CancellationToken) is not IInvocationOperation execution
                || ExecutionPoints.Classify(execution.TargetMethod, state.Symbols) == ExecutionKind.None
                || ExecutionPoints.Source(execution) is not { } source
                || Scope(call, model, scopes, context.CancellationToken) is not { } scope)
            {
                continue;
            }

            var facts = analysis.Evaluator.Evaluate(source, scope, context.CancellationToken);
            if (!facts.IsEntityQuery || facts.EntityType is not INamedTypeSymbol entityType
                || analysis.Tenancy.Find(entityType, TenantEntityScope.Mapped) is not { Entity: { } entity, Key: var key })
            {
                continue;
            }

            var table = entity.TableRoot ?? entity;
            if (!IsHot(table, state, options) || !IsScoped(facts, execution, scope, analysis, context.CancellationToken))
            {
                continue;
            }

            foreach (var required in shapes.Read(execution, key.Name, scope))
            {
                if (required.IsTenantKeyOnly || table.Indexes.Any(required.IsServedBy) || !reported.Add((table.Type, required.ToString())))
                {
                    continue;
                }

                var fix = ModelFix.AddIndex(table, required.Shape, key.Reference, table.Indexes);
                var (properties, sites) = ModelFixProperties.Write(fix);
                context.Report(state, Diagnostic.Create(
                    RuleDescriptors.MissingCompositeIndex,
                    call.OperatorNameToEnd(),
                    sites,
                    properties,
                    table.Type.Name,
                    required.ToString(),
                    state.Entities.MappedTableName(table)));
            }
        }
    }

    private static bool IsHot(EntityInfo entity, TenantCompilationState state, TenantSafetyOptions options) =>
        options.IsHot(entity.Type.Name, state.Entities.MappedTableName(entity))
        || entity.DbSetNames.Any(name => options.IsHot(name, name));

    /// <summary>Scoped by a tenant predicate on every path, or by a tenant filter the query keeps: then it filters on the key first.</summary>
    private static bool IsScoped(QueryFacts facts, IInvocationOperation execution, EvaluationScope scope, TenantAnalysis analysis, CancellationToken cancellationToken)
    {
        if (facts.HasTenantPredicate || analysis.Evaluator.HasTenantPredicateArgument(execution, scope, position: null, depth: 0, cancellationToken))
        {
            return true;
        }

        return facts.IgnoreQueryFiltersCall is null && !analysis.Tenancy.FiltersOf(facts.EntityType).IsEmpty;
    }

    private static EvaluationScope? Scope(SyntaxNode call, SemanticModel model, Dictionary<SyntaxNode, EvaluationScope> scopes, CancellationToken cancellationToken)
    {
        // The body whose control-flow graph resolves the query's locals: a method, an accessor, an expression-bodied
        // property, or the top-level statements.
        var member = call.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax { ExpressionBody: not null } or GlobalStatementSyntax);
        if (member is null)
        {
            return null;
        }

        if (member is GlobalStatementSyntax)
        {
            member = member.Parent!;
        }

        if (!scopes.TryGetValue(member, out var scope))
        {
            var declaration = member;
            scope = new EvaluationScope(model, () => QueryEvaluator.CreateGraph(model, declaration, cancellationToken), summarizedMethod: null);
            scopes.Add(member, scope);
        }

        return scope;
    }

    private sealed class EntityShapeComparer : IEqualityComparer<(ITypeSymbol Entity, string Shape)>
    {
        public bool Equals((ITypeSymbol Entity, string Shape) x, (ITypeSymbol Entity, string Shape) y) =>
            SymbolEqualityComparer.Default.Equals(x.Entity, y.Entity) && x.Shape == y.Shape;

        public int GetHashCode((ITypeSymbol Entity, string Shape) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Entity) * 397) ^ obj.Shape.GetHashCode();
    }
}
