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
        if (options.HotEntities.IsEmpty || state.GeneratedCode.SkipsAnalysisOf(tree))
        {
            return;
        }

        var analysis = state.GetAnalysis(tree);
        var shapes = new QueryShapeReader(state.Symbols, analysis.Evaluator, analysis.Tenancy.IsTenantKeyName, model, context.CancellationToken);
        var reported = new HashSet<(ITypeSymbol Entity, string Shape)>(new EntityShapeComparer());
        foreach (var (call, execution, scope) in Executions(tree, model, state.Symbols, context.CancellationToken))
        {
            if (ExecutionPoints.Source(execution) is null)
            {
                continue;
            }

            // A call that runs a specification (repository.ListAsync(spec)) is the query itself; any other runs its source's.
            var facts = state.Symbols.Specifications.RunsQueryOfItsOwn(execution.TargetMethod)
                ? analysis.Evaluator.EvaluateExecution(execution, scope, position: null, depth: 0, context.CancellationToken)
                : analysis.Evaluator.EvaluateSourceOf(execution, scope, context.CancellationToken);
            if (!facts.IsEntityQuery || facts.EntityType is not INamedTypeSymbol entityType
                || analysis.Tenancy.Find(entityType, TenantEntityScope.Mapped) is not { Entity: { } entity, Key: { IsAssumed: false } key })
            {
                continue;
            }

            var table = entity.TableRoot ?? entity;

            // A configuration class of another project may hold the index: this compilation cannot read it.
            if (table.IsConfiguredElsewhere || !IsHot(table, state, options) || !IsScoped(facts, execution, scope, analysis, context.CancellationToken))
            {
                continue;
            }

            foreach (var required in shapes.Read(execution, key.Name, entityType, scope))
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

    /// <summary>
    /// The execution points written in a file (<c>query.ToListAsync()</c>, <c>set.Find(id)</c> …), in source order, each
    /// with the body it is evaluated in: the calls a search of the file's text names as execution points
    /// (<see cref="NamedCalls"/>), taken from the operations the compiler built for each body; where the text
    /// cannot tell, from a walk of every body's operations.
    /// </summary>
    private static IEnumerable<(InvocationExpressionSyntax Call, IInvocationOperation Execution, EvaluationScope Scope)> Executions(
        SyntaxTree tree, SemanticModel model, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var named = NamedCalls.In(tree, ExecutionPoints.IsExecutionPointName, cancellationToken);
        var owners = named is null ? BodyOwners(tree.GetRoot(cancellationToken)).Select(owner => (owner, (List<InvocationExpressionSyntax>?)null)) : ByBodyOwner(named);
        foreach (var (member, candidates) in owners)
        {
            if (QueryEvaluator.BodyOperation(model, member, cancellationToken) is not { Parent: null } body)
            {
                continue;
            }

            var calls = candidates is null ? CallsInOperations(body, symbols) : CallsOf(candidates, body, model, symbols, cancellationToken);
            if (calls.Count == 0)
            {
                continue;
            }

            // Source order, an enclosing call before the calls inside it: the order of the file's syntax.
            calls.Sort((a, b) => a.Call.SpanStart != b.Call.SpanStart ? a.Call.SpanStart.CompareTo(b.Call.SpanStart) : b.Call.Span.Length.CompareTo(a.Call.Span.Length));
            var scope = ScopeOf(body, member, model, cancellationToken);
            foreach (var (call, execution) in calls)
            {
                yield return (call, execution, scope);
            }
        }
    }

    /// <summary>Every execution point in a body's operations.</summary>
    private static List<(InvocationExpressionSyntax Call, IInvocationOperation Execution)> CallsInOperations(IOperation body, EfSymbols symbols)
    {
        var calls = new List<(InvocationExpressionSyntax Call, IInvocationOperation Execution)>();
        foreach (var operation in body.Descendants())
        {
            // The kind first: it is cheaper than a type test against the operation interfaces, and most operations fail it.
            if (operation.Kind == OperationKind.Invocation
                && operation is IInvocationOperation { IsImplicit: false, Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } call } execution
                && IsExecutionPoint(execution, symbols))
            {
                calls.Add((call, execution));
            }
        }

        return calls;
    }

    /// <summary>
    /// The execution points among calls named as one in a body: their operations, where they are part of the body's (as
    /// a walk of the body's operations would find them) and call a query operator, not a method of that name.
    /// </summary>
    private static List<(InvocationExpressionSyntax Call, IInvocationOperation Execution)> CallsOf(
        List<InvocationExpressionSyntax> candidates, IOperation body, SemanticModel model, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var calls = new List<(InvocationExpressionSyntax Call, IInvocationOperation Execution)>(candidates.Count);
        foreach (var call in candidates)
        {
            if (model.GetOperation(call, cancellationToken) is IInvocationOperation { IsImplicit: false } execution
                && ReferenceEquals(QueryEvaluator.RootOf(execution), body)
                && IsExecutionPoint(execution, symbols))
            {
                calls.Add((call, execution));
            }
        }

        return calls;
    }

    /// <summary>A call that runs a query, by its name first (cheap), then by the method's type.</summary>
    private static bool IsExecutionPoint(IInvocationOperation execution, EfSymbols symbols) =>
        ExecutionPoints.IsExecutionPointName(execution.TargetMethod.Name)
        && ExecutionPoints.Classify(execution.TargetMethod, symbols) != ExecutionKind.None;

    /// <summary>The calls grouped by the body that holds them (<see cref="BodyOwnerOf"/>), bodies in source order, as <see cref="BodyOwners"/> yields them.</summary>
    private static IEnumerable<(SyntaxNode Owner, List<InvocationExpressionSyntax>? Calls)> ByBodyOwner(IReadOnlyList<InvocationExpressionSyntax> calls)
    {
        var byOwner = new Dictionary<SyntaxNode, List<InvocationExpressionSyntax>>();
        foreach (var call in calls)
        {
            if (BodyOwnerOf(call) is { } owner)
            {
                if (!byOwner.TryGetValue(owner, out var ofOwner))
                {
                    byOwner.Add(owner, ofOwner = new List<InvocationExpressionSyntax>());
                }

                ofOwner.Add(call);
            }
        }

        // The compilation unit (top-level statements) first, then by position: bodies do not nest.
        return byOwner
            .OrderBy(pair => pair.Key is CompilationUnitSyntax ? -1 : pair.Key.SpanStart)
            .Select(pair => (pair.Key, (List<InvocationExpressionSyntax>?)pair.Value));
    }

    /// <summary>
    /// The declaration among <see cref="BodyOwners"/> whose body holds <paramref name="node"/>: the nearest method,
    /// accessor or expression-bodied property, or the compilation unit for a top-level statement; none in a field's or
    /// property's initializer, which no body owns.
    /// </summary>
    private static SyntaxNode? BodyOwnerOf(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    return current;
                case PropertyDeclarationSyntax property:
                    return property.ExpressionBody is null ? null : property;
                case GlobalStatementSyntax:
                    return current.Parent;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The body's evaluation scope; a method of its own, so that only bodies with execution points make its closure.</summary>
    private static EvaluationScope ScopeOf(IOperation body, SyntaxNode member, SemanticModel model, CancellationToken cancellationToken) =>
        new(model, () => QueryEvaluator.GraphOf(body, cancellationToken), summarizedMethod: null, containingMethod: OwningMethod(model, member, cancellationToken));

    /// <summary>
    /// The declarations whose body a control-flow graph covers, in source order: methods, constructors, operators,
    /// accessors, expression-bodied properties, and the top-level statements (the compilation unit).
    /// </summary>
    private static IEnumerable<SyntaxNode> BodyOwners(SyntaxNode root)
    {
        if (root is CompilationUnitSyntax unit && unit.Members.Any(m => m is GlobalStatementSyntax))
        {
            yield return unit;
        }

        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BasePropertyDeclarationSyntax or AccessorListSyntax))
        {
            if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax { ExpressionBody: not null })
            {
                yield return node;
            }
        }
    }

    /// <summary>The method a body belongs to, as the analyzer driver names it for the rules judging the same body.</summary>
    private static IMethodSymbol? OwningMethod(SemanticModel model, SyntaxNode member, CancellationToken cancellationToken) =>
        model.GetDeclaredSymbol(member, cancellationToken) switch
        {
            IMethodSymbol method => method,
            IPropertySymbol property => property.GetMethod,
            _ => null,
        };

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

        return facts.IgnoreQueryFiltersCall is null && !analysis.Tenancy.FiltersOf(facts.EntityType, facts.Context).IsEmpty;
    }

    private sealed class EntityShapeComparer : IEqualityComparer<(ITypeSymbol Entity, string Shape)>
    {
        public bool Equals((ITypeSymbol Entity, string Shape) x, (ITypeSymbol Entity, string Shape) y) =>
            SymbolEqualityComparer.Default.Equals(x.Entity, y.Entity) && x.Shape == y.Shape;

        public int GetHashCode((ITypeSymbol Entity, string Shape) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Entity) * 397) ^ obj.Shape.GetHashCode();
    }
}
