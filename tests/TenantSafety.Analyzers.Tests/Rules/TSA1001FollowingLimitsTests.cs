using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// What the query rules do not follow, as the TSA1001 page lists it under "What is not followed": each case pins
/// today's answer (a silent query, or a finding on a scoped one), so a change of behaviour fails here and the page is
/// updated with it.
/// </summary>
public sealed class TSA1001FollowingLimitsTests
{
    /// <summary>Helpers compiled into a separate assembly: the analysed project sees only their metadata, no body.</summary>
    private const string Library = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Library;

        public static class LibraryPaging
        {
            public static List<T> FirstPage<T>(IQueryable<T> query) => query.Take(20).ToList();

            public static Task<List<T>> ToPageAsync<T>(this IQueryable<T> query, int page) => query.Skip(page * 20).Take(20).ToListAsync();

            public static List<T> Materialize<T>(IEnumerable<T> rows) => rows.ToList();
        }

        public class LibraryStore<TContext, TEntity>(TContext db) where TContext : DbContext where TEntity : class
        {
            public List<TEntity> Find(Expression<Func<TEntity, bool>> predicate) => db.Set<TEntity>().Where(predicate).ToList();

            public TEntity? Get(Guid id) => db.Set<TEntity>().Find(id);
        }
        """;

    private const string Types = """
        public interface ILeadRepository
        {
            List<Lead> Find(Expression<Func<Lead, bool>> predicate);
        }

        public class LeadRepository(AppDbContext db) : ILeadRepository
        {
            public List<Lead> Find(Expression<Func<Lead, bool>> predicate) => db.Leads.Where(predicate).ToList();

            public List<Lead> Find2(Expression<Func<Lead, bool>> predicate) => Find(predicate);

            public List<Lead> Find3(Expression<Func<Lead, bool>> predicate) => Find2(predicate);

            public List<Lead> Find4(Expression<Func<Lead, bool>> predicate) => Find3(predicate);

            public List<Lead> Find5(Expression<Func<Lead, bool>> predicate) => Find4(predicate);

            public List<Lead> FindPaged(Expression<Func<Lead, bool>> predicate, int page) =>
                page == 0 ? db.Leads.Where(predicate).ToList() : FindPaged(predicate, page - 1);
        }

        // The stores are internal: this project calls them, and a public one this library never calls would be judged in its
        // body (TSA1001LibraryStoreTests).
        internal interface IStore<TEntity> where TEntity : class
        {
            List<TEntity> FindAll(Expression<Func<TEntity, bool>> predicate);

            List<TEntity> GetAll();
        }

        internal class SetStore<TEntity>(AppDbContext db) : IStore<TEntity> where TEntity : class
        {
            public List<TEntity> FindAll(Expression<Func<TEntity, bool>> predicate) => db.Set<TEntity>().Where(predicate).ToList();

            public List<TEntity> GetAll() => db.Set<TEntity>().ToList();
        }

        public interface IExport
        {
            List<Lead> Rows(Expression<Func<Lead, bool>> predicate);
        }

        public class TableExport(AppDbContext db) : IExport
        {
            public List<Lead> Rows(Expression<Func<Lead, bool>> predicate) => db.Leads.Where(predicate).ToList();
        }

        public class EmptyExport : IExport
        {
            public List<Lead> Rows(Expression<Func<Lead, bool>> predicate) => new();
        }

        internal class Store<TEntity>(AppDbContext db) where TEntity : class
        {
            public TEntity? Get(Guid id) => db.Set<TEntity>().Find(id);

            public List<TEntity> Find(Expression<Func<TEntity, bool>> predicate) => db.Set<TEntity>().Where(predicate).ToList();
        }

        public class CachedLeads
        {
            public virtual List<Lead> Find(Expression<Func<Lead, bool>> predicate) => new();
        }

        public class LiveLeads(AppDbContext db) : CachedLeads
        {
            public override List<Lead> Find(Expression<Func<Lead, bool>> predicate) => db.Leads.Where(predicate).ToList();
        }

        internal class StoreUser<TEntity>(Store<TEntity> store) where TEntity : class
        {
            public TEntity? Load(Guid id) => store.Get(id);
        }

        public static class Predicates
        {
            public static Expression<Func<Lead, bool>> Team1(Guid teamId) => l => l.TeamId == teamId;

            public static Expression<Func<Lead, bool>> Team2(Guid teamId) => Team1(teamId);

            public static Expression<Func<Lead, bool>> Team3(Guid teamId) => Team2(teamId);

            public static Expression<Func<Lead, bool>> Team4(Guid teamId) => Team3(teamId);

            public static Expression<Func<Lead, bool>> Team5(Guid teamId) => Team4(teamId);
        }

        public class LeadQueries(AppDbContext db)
        {
            public IQueryable<Lead> All1() => db.Leads;

            public IQueryable<Lead> All2() => All1();

            public IQueryable<Lead> All3() => All2();

            public IQueryable<Lead> All4() => All3();

            public IQueryable<Lead> All5() => All4();
        }

        """;

    private const string Members = """
        private readonly LeadRepository repo = null!;
        private readonly ILeadRepository byInterface = null!;
        private readonly IStore<Lead> storeByInterface = null!;
        private readonly IExport export = null!;
        private readonly LeadQueries queries = null!;
        private readonly StoreUser<Lead> storeUser = null!;
        private readonly Store<Lead> store = null!;
        private readonly CachedLeads cached = new LiveLeads(null!);
        private readonly LiveLeads live = null!;
        private readonly Library.LibraryStore<AppDbContext, Lead> libraryStore = null!;
        private readonly IQueryable<Lead> openLeads = null!;
        private IQueryable<Lead> OpenLeads { get; } = null!;
        private IQueryable<Lead> ClosedLeads => db.Leads.Where(l => l.Closed);
        private static readonly Func<AppDbContext, Guid, Lead?> LeadById = EF.CompileQuery((AppDbContext c, Guid i) => c.Leads.FirstOrDefault(l => l.Id == i));
        """;

    private static readonly ConcurrentDictionary<EfCoreVersion, MetadataReference> LibraryReferences = new();

    /// <summary>Each shape the page lists as not followed, marked with what happens today: nothing, or a finding on a scoped query.</summary>
    public static TheoryData<string, EfCoreVersion> NotFollowed => RuleSources.WithEachEf(
        // Bodies outside the compilation: a library helper that takes an IQueryable, a library store's method that
        // takes no predicate (its signature does not say it reads every row).
        "Library.LibraryPaging.FirstPage(db.Leads.Where(l => l.Status == status));",
        "await Library.LibraryPaging.ToPageAsync(db.Leads.Where(l => l.Status == status), 1);",
        "libraryStore.Get(id);",
        // A method without a body: an interface method implemented by several classes of the compilation (the call
        // does not say which runs), an abstract method; a virtual method is read as the call names it, not its overrides.
        "export.Rows(l => l.Id == id);",
        "cached.Find(l => l.Id == id);",
        // A helper returning a query, or a predicate, or running what it is handed, more than four methods deep.
        "queries.All5().ToList();",
        "repo.Find5(l => l.Id == id);",
        "db.Leads.Where(Predicates.Team5(teamId)).{|TSA1001:ToList()|};",
        // A generic store called from generic code: the type argument is only closed further out.
        "storeUser.Load(id);",
        // Queries held in fields and auto-properties, compiled queries, delegates.
        "openLeads.ToList();",
        "OpenLeads.ToList();",
        "LeadById(db, id);",
        "Func<IQueryable<Lead>, List<Lead>> firstPage = q => q.Take(20).ToList(); firstPage(db.Leads.Where(l => l.Closed));",
        // In a query with one source, once a projection hides the row, a member named like the tenant key counts.
        "db.Leads.Select(l => new { l.Id, TeamId = l.OwnerId }).Where(x => x.TeamId == teamId).ToList();",
        // A predicate built at run time does not count.
        "Expression<Func<Lead, bool>> mine = l => l.TeamId == teamId; var built = Expression.Lambda<Func<Lead, bool>>(mine.Body, mine.Parameters); db.Leads.Where(built).{|TSA1001:ToList()|};",
        // A local assigned more than thirty times on every path is not followed back to its root (thirty are: below).
        RefinedStepByStep(31, "ToList()"));

    /// <summary>The contrast: the same helpers, stores and sequences followed where the page says they are.</summary>
    public static TheoryData<string, EfCoreVersion> Followed => RuleSources.WithEachEf(
        "repo.Find({|TSA1001:l => l.Id == id|});",
        "repo.Find4({|TSA1001:l => l.Id == id|});",
        "live.Find({|TSA1001:l => l.Id == id|});",
        // An interface method with one implementation in the compilation is read as that implementation, closed over
        // the call's type arguments.
        "byInterface.Find({|TSA1001:l => l.Id == id|});",
        "storeByInterface.FindAll({|TSA1001:l => l.Status == status|});",
        "storeByInterface.{|TSA1001:GetAll()|};",
        "storeByInterface.FindAll(l => l.TeamId == teamId);",
        "store.{|TSA1001:Get(id)|};",
        "store.Find({|TSA1001:l => l.Status == status|});",
        "queries.All4().{|TSA1001:ToList()|};",
        // What a cut-off reading found is never kept for another call: the nearer helper is read in full whichever
        // call the concurrent analysis reaches first.
        "queries.All5().ToList(); queries.All2().{|TSA1001:ToList()|};",
        "repo.Find5(l => l.Id == id); repo.Find2({|TSA1001:l => l.Id == id|});",
        "db.Leads.Where(Predicates.Team5(teamId)).{|TSA1001:ToList()|}; db.Leads.Where(Predicates.Team4(teamId)).ToList();",
        "db.Leads.Where(Predicates.Team4(teamId)).ToList();",
        "ClosedLeads.{|TSA1001:ToList()|};",
        // A recursive method: the call back into itself adds nothing; the query it runs itself is judged at the call.
        "repo.FindPaged({|TSA1001:l => l.Id == id|}, 2);",
        // A library store's predicate is the filter the call applies: its signature says so.
        "libraryStore.Find({|TSA1001:l => l.Id == id|});",
        "libraryStore.Find(l => l.Id == id && l.TeamId == teamId);",
        // A library method that takes a plain sequence enumerates it.
        "Library.LibraryPaging.Materialize({|TSA1001:db.Leads.Where(l => l.Closed)|});",
        "var list = new List<Lead>(); list.AddRange({|TSA1001:db.Leads.Where(l => l.Closed)|});",
        RefinedStepByStep(30, "{|TSA1001:ToList()|}"));

    /// <summary>A query refined by <paramref name="steps"/> assignments on every path, none of them the tenant's filter, then run.</summary>
    private static string RefinedStepByStep(int steps, string execution) =>
        "var q = db.Leads.AsQueryable();\n"
        + string.Concat(Enumerable.Range(0, steps).Select(i => $"q = q.Where(l => l.Status != \"s{i}\");\n"))
        + $"q.{execution};";

    [Theory]
    [MemberData(nameof(NotFollowed))]
    public Task Not_followed_keeps_todays_answer(string body, EfCoreVersion ef) => VerifyAsync(body, ef);

    [Theory]
    [MemberData(nameof(Followed))]
    public Task Followed_shapes_are_judged(string body, EfCoreVersion ef) => VerifyAsync(body, ef);

    [Fact]
    public Task No_fix_for_a_call_to_a_generic_store() =>
        VerifyFix.VerifyNoFixAsync(RelatedQuerySources.InService("store.{|TSA1001:Get(id)|};", Types, "private readonly Store<Lead> store = null!;"));

    private static Task VerifyAsync(string body, EfCoreVersion ef)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(RelatedQuerySources.InService(body, Types, Members));
        test.TestState.AdditionalReferences.Add(LibraryReferences.GetOrAdd(ef, CompileLibrary));
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The library as an assembly image, as a package or a project reference reaches the analysed project.</summary>
    private static MetadataReference CompileLibrary(EfCoreVersion ef)
    {
        var tree = CSharpSyntaxTree.ParseText(Library, EfCoreReferences.ParseOptions(ef));
        var compilation = CSharpCompilation.Create("Library", [tree], EfCoreReferences.Get(ef), EfCoreReferences.CompilationOptions);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
