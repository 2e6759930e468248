using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1001–TSA1005 skip the calls that run no query before they make an evaluation scope
/// (<see cref="QueryEvaluator.MayRunQueries"/>): most calls of every body. The skip must never drop a call that runs one.
/// </summary>
public sealed class QueryRunPrefilterTests
{
    private const string Source = """
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);
            }
        }

        public interface IStore<T> where T : class
        {
            List<T> All();
        }

        public sealed class Store<T>(AppDbContext db) : IStore<T> where T : class
        {
            public List<T> All() => db.Set<T>().ToList();
        }

        public static class Paging
        {
            public static List<Message> Page(IQueryable<Message> query, int skip) => query.Skip(skip).Take(20).ToList();

            public static string Label(string status) => status.ToUpperInvariant();
        }

        public sealed class Inbox(AppDbContext db, IStore<Message> store, Guid teamId)
        {
            public List<Message> Everything()
            {
                var copy = new List<Message>(db.Messages);
                copy.AddRange(db.Messages.Where(m => m.Status == "new"));
                db.RemoveRange(db.Messages.Where(m => m.Status == "old"));
                foreach (var message in db.Messages.Where(m => m.TeamId == teamId))
                {
                    copy.Add(message);
                }

                var paged = Paging.Page(db.Messages, 10);
                var label = Paging.Label("open").Trim();
                var withNotes = db.Messages.Where(m => db.Messages.Any(n => n.Id == m.Id)).ToList();
                var count = copy.Count(m => m.Status == label);
                return store.All().Concat(paged).Concat(withNotes).Skip(count).ToList();
            }
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void A_call_the_prefilter_skips_runs_no_query(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Source);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, TestAnalyzerConfigOptionsProvider.Empty);
        var tree = compilation.SyntaxTrees.First();
        var evaluator = TenantCompilationState.For(compilation, options)!.GetAnalysis(tree).Evaluator;
        var model = compilation.GetSemanticModel(tree);

        var kept = new List<string>();
        var skipped = new List<string>();
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
        {
            if (QueryEvaluator.BodyOperation(model, declaration, CancellationToken.None) is not { } body)
            {
                continue;
            }

            var scope = new EvaluationScope(model, () => QueryEvaluator.GraphOf(body, CancellationToken.None), summarizedMethod: null, model.GetDeclaredSymbol(declaration) as IMethodSymbol);
            foreach (var operation in body.DescendantsAndSelf().Where(o => o is IInvocationOperation or IObjectCreationOperation or ILoopOperation))
            {
                var runs = evaluator.ExecutionsOf(operation, scope, CancellationToken.None).Any();
                var name = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod.Name,
                    IObjectCreationOperation creation => "new " + creation.Type?.Name,
                    _ => "foreach",
                };
                if (evaluator.MayRunQueries(operation))
                {
                    kept.Add(name);
                }
                else
                {
                    Assert.False(runs, $"{name} runs a query the prefilter skips: {operation.Syntax}");
                    skipped.Add(name);
                }
            }
        }

        // Every way of running a query is kept; calls that run none, and an operator inside a translated lambda, are not.
        Assert.Superset(new HashSet<string> { "new List", "AddRange", "RemoveRange", "foreach", "Page", "All", "ToList" }, kept.ToHashSet());
        Assert.Superset(new HashSet<string> { "Where", "Label", "Trim", "Any", "Add", "Concat", "Skip", "HasIndex", "Entity" }, skipped.ToHashSet());
    }
}
