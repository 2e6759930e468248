using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA1001–TSA1005 and TSA2002 read the same queries: each execution point's query is evaluated once per compilation,
/// by whichever rule reaches it first, and both rules report what each reports alone.
/// </summary>
public sealed class SharedQueryEvaluationTests
{
    private static readonly string Service = TSA2002QueryBodiesTests.Source("""
            public int Queued => db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").Count();

            public int All => db.Messages.Count(m => m.Status == "queued");

            public List<Message> ByChannel(string channel, bool unread)
            {
                var query = db.Messages.Where(m => m.Channel == channel);
                if (unread)
                {
                    query = query.Where(m => m.TeamId == teamId);
                }

                return query.OrderBy(m => m.Status).ToList();
            }

            public Func<List<Message>> Later(string status) =>
                () => db.Messages.Where(m => m.TeamId == teamId && m.Status == status).OrderByDescending(m => m.Id).ToList();

            public List<Message> Filtered(System.Linq.Expressions.Expression<Func<Message, bool>> predicate) =>
                db.Messages.Where(predicate).Where(m => m.TeamId == teamId && m.Channel == "sms").ToList();
        """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Both_rules_together_report_what_each_reports_alone(EfCoreVersion ef)
    {
        var options = new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { ["tenant_safety.hot_entities"] = "messages" });
        var compilation = EfCoreReferences.Compile(ef, Service);

        var queries = await FindingsAsync(compilation, options, new UnscopedTenantQueryAnalyzer());
        var indexes = await FindingsAsync(compilation, options, new MissingCompositeIndexAnalyzer());
        var together = await FindingsAsync(compilation, options, new UnscopedTenantQueryAnalyzer(), new MissingCompositeIndexAnalyzer());

        Assert.Contains(queries, f => f.StartsWith("TSA1001", System.StringComparison.Ordinal));
        Assert.Contains(indexes, f => f.StartsWith("TSA2002", System.StringComparison.Ordinal));
        Assert.Equal(queries.Concat(indexes).OrderBy(f => f, System.StringComparer.Ordinal), together);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void An_execution_is_evaluated_once_whichever_model_reads_it(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Service);
        var evaluator = Evaluator(compilation);
        var (first, firstScope) = Execution(compilation, "Queued", containingMethod: true);
        var (second, secondScope) = Execution(compilation, "Queued", containingMethod: true);

        var facts = evaluator.EvaluateSourceOf(first, firstScope, CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.True(facts.IsEntityQuery);
        Assert.Same(facts, evaluator.EvaluateSourceOf(second, secondScope, CancellationToken.None));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void The_body_a_query_is_read_in_is_part_of_its_answer(EfCoreVersion ef)
    {
        // Another containing method, or the same call read while summarising a helper, may see the query differently.
        var compilation = EfCoreReferences.Compile(ef, Service);
        var evaluator = Evaluator(compilation);
        var (execution, scope) = Execution(compilation, "Filtered", containingMethod: true);
        var (_, withoutMethod) = Execution(compilation, "Filtered", containingMethod: false);
        var summary = new EvaluationScope(scope.Model, () => null, summarizedMethod: scope.ContainingMethod);

        var facts = evaluator.EvaluateSourceOf(execution, scope, CancellationToken.None);
        var other = evaluator.EvaluateSourceOf(execution, withoutMethod, CancellationToken.None);

        Assert.NotSame(facts, other);
        Assert.NotEqual(facts.PredicateParameters, other.PredicateParameters);
        Assert.NotSame(evaluator.EvaluateSourceOf(execution, summary, CancellationToken.None), evaluator.EvaluateSourceOf(execution, summary, CancellationToken.None));
    }

    private static QueryEvaluator Evaluator(Compilation compilation)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, TestAnalyzerConfigOptionsProvider.Empty);
        return TenantCompilationState.For(compilation, options)!.GetAnalysis(compilation.SyntaxTrees.First()).Evaluator;
    }

    /// <summary>The execution point of the member named <paramref name="member"/>, read in a semantic model of its own.</summary>
    private static (IInvocationOperation Execution, EvaluationScope Scope) Execution(Compilation compilation, string member, bool containingMethod)
    {
        var tree = compilation.SyntaxTrees.First();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>()
            .First(m => m is PropertyDeclarationSyntax { Identifier.ValueText: var p } && p == member || m is MethodDeclarationSyntax { Identifier.ValueText: var n } && n == member);
        var body = QueryEvaluator.BodyOperation(model, declaration, CancellationToken.None)!;
        var execution = body.Descendants().OfType<IInvocationOperation>().First(i => i.TargetMethod.Name is "Count" or "ToList");
        var method = model.GetDeclaredSymbol(declaration) switch
        {
            IMethodSymbol m => m,
            IPropertySymbol p => p.GetMethod,
            _ => null,
        };
        var scope = new EvaluationScope(model, () => QueryEvaluator.GraphOf(body, CancellationToken.None), summarizedMethod: null, containingMethod: containingMethod ? method : null);
        return (execution, scope);
    }

    private static async Task<List<string>> FindingsAsync(Compilation compilation, AnalyzerConfigOptionsProvider options, params DiagnosticAnalyzer[] analyzers)
    {
        var run = await AnalyzerHarness.RunAsync(compilation, [.. analyzers], options);
        Assert.Empty(run.Failures);
        return run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()}: {d.GetMessage(CultureInfo.InvariantCulture)}")
            .OrderBy(line => line, System.StringComparer.Ordinal)
            .ToList();
    }
}
