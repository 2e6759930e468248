using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Queries followed across methods of the compilation: helpers that run a query they are given (reported at the call,
/// where the unscoped argument is written), repositories that apply a caller's predicate (reported at the caller's
/// lambda, never in the repository), query objects, generic stores closed over a tenant entity, and queries handed
/// to a method that enumerates them (<c>RemoveRange</c>: a bulk delete).
/// </summary>
public sealed class TSA1001AcrossMethodsTests
{
    private const string Types = """
        public static class Paging
        {
            public static List<T> FirstPage<T>(IQueryable<T> query) => query.Take(20).ToList();

            public static int CountOf<T>(IQueryable<T> query) => query.Count();

            public static List<Lead> TeamPage(IQueryable<Lead> query, Guid teamId) => query.Where(l => l.TeamId == teamId).Take(20).ToList();

            public static void Touch(IQueryable<Lead> query)
            {
                foreach (var lead in query)
                {
                }
            }
        }

        public class LeadRepo(AppDbContext db)
        {
            public List<Lead> Find(Expression<Func<Lead, bool>> predicate) => db.Leads.Where(predicate).ToList();

            public Lead? One(Expression<Func<Lead, bool>> predicate) => db.Leads.FirstOrDefault(predicate);

            public int Purge(Expression<Func<Lead, bool>> predicate) => db.Leads.Where(predicate).ExecuteDelete();

            public List<Lead> FindVia(Expression<Func<Lead, bool>> predicate) => Find(predicate);
        }

        // Internal, as every store here: this project calls them, and a public one no code of this library calls would be
        // judged in its body (TSA1001LibraryStoreTests).
        internal class Repository<TEntity>(AppDbContext db) where TEntity : class
        {
            public TEntity? Get(Guid id) => db.Set<TEntity>().Find(id);

            public int Count() => db.Set<TEntity>().Count();
        }

        internal class LeadRepository(AppDbContext db) : Repository<Lead>(db)
        {
        }

        public class LeadsOfTeam(Guid teamId)
        {
            private readonly Guid _teamId = teamId;

            public IQueryable<Lead> Run(AppDbContext db) => from l in db.Leads where l.TeamId == _teamId select l;
        }

        public class LeadById(Guid id)
        {
            private readonly Guid _id = id;

            public IQueryable<Lead> Run(AppDbContext db) => from l in db.Leads where l.Id == _id select l;
        }

        """;

    private const string Members = """
        private readonly LeadRepo repo = null!;
        private readonly Repository<Lead> leads = null!;
        private readonly Repository<Team> teams = null!;
        private readonly LeadRepository leadRepository = null!;
        """;

    /// <summary>A user-defined <c>Where</c> on <c>DbSet&lt;T&gt;</c> wins overload resolution for every <c>db.Leads.Where</c>: it is <c>Where</c>.</summary>
    private const string WhereWrapper = """
        public static class DbSetExtensions
        {
            public static IQueryable<T> Where<T>(this DbSet<T> set, Expression<Func<T, bool>> predicate) where T : class =>
                Queryable.Where(set, predicate);
        }

        """;

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        // A helper that runs the query it is given, given a scoped one, or scoping it itself.
        "Paging.FirstPage(db.Leads.Where(l => l.TeamId == teamId));",
        "Paging.CountOf(db.Leads.Where(l => l.TeamId == teamId));",
        "Paging.TeamPage(db.Leads, teamId);",
        "Paging.Touch(db.Leads.Where(l => l.TeamId == teamId));",
        // A repository given a tenant predicate, inline or held in a local.
        "repo.Find(l => l.Id == id && l.TeamId == teamId);",
        "repo.One(l => l.TeamId == teamId);",
        "Expression<Func<Lead, bool>> mine = l => l.TeamId == teamId && l.Status == status; repo.Find(mine);",
        "repo.FindVia(l => l.TeamId == teamId);",
        "repo.Purge(l => l.TeamId == teamId && l.Closed);",
        // Query objects whose constructor argument scopes the query.
        "new LeadsOfTeam(teamId).Run(db).ToList();",
        "var q = new LeadsOfTeam(teamId).Run(db); q.Count();",
        // A generic store closed over a type that is not a tenant entity.
        "teams.Get(id);",
        "teams.Count();",
        // A query handed to a method that enumerates it, scoped.
        "db.RemoveRange(db.Leads.Where(l => l.Closed && l.TeamId == teamId));",
        "db.AddRange(from l in db.Leads where l.TeamId == teamId select new Note { LeadId = l.Id, TeamId = teamId });",
        "new List<Lead>(db.Leads.Where(l => l.TeamId == teamId));");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "Paging.FirstPage({|TSA1001:db.Leads.Where(l => l.Status == status)|});",
        "Paging.CountOf({|TSA1002:db.Leads|});",
        "Paging.Touch({|TSA1001:db.Leads.Where(l => l.Closed)|});",
        "var q = db.Leads.Where(l => l.Closed); Paging.FirstPage({|TSA1001:q|});",
        "repo.Find({|TSA1001:l => l.Id == id|});",
        "repo.One({|TSA1001:l => l.Status == status|});",
        "repo.FindVia({|TSA1001:l => l.Id == id|});",
        "repo.Purge({|TSA1003:l => l.Closed|});",
        "Expression<Func<Lead, bool>> open = l => !l.Closed; repo.Find({|TSA1001:open|});",
        "new LeadById(id).Run(db).{|TSA1001:ToList()|};",
        "leads.{|TSA1001:Get(id)|};",
        "leads.{|TSA1002:Count()|};",
        "leadRepository.{|TSA1001:Get(id)|};",
        "db.RemoveRange({|TSA1003:db.Leads.Where(l => l.Closed)|});",
        "db.Leads.RemoveRange({|TSA1003:db.Leads.Where(l => l.Closed)|});",
        "db.UpdateRange({|TSA1003:db.Notes|});",
        "db.AddRange({|TSA1001:from l in db.Leads where l.Closed select new Note { LeadId = l.Id }|});",
        "new List<Lead>({|TSA1001:db.Leads|});");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Scoped_across_methods_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Types, Members), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Unscoped_across_methods_is_reported_at_the_call(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Types, Members), ef);

    [Theory]
    [InlineData("db.Leads.Where(l => l.TeamId == teamId).ToList();", EfCoreVersion.Ef8)]
    [InlineData("db.Leads.Where(l => l.TeamId == teamId).ToList();", EfCoreVersion.Ef10)]
    [InlineData("db.Leads.Where(l => l.Team!.Id == teamId).Count();", EfCoreVersion.Ef10)]
    [InlineData("db.Templates.Where(t => t.TeamId == teamId || t.TeamId == null).ToList();", EfCoreVersion.Ef10)]
    [InlineData("db.Leads.Where(l => l.Status == status).{|TSA1001:ToList()|};", EfCoreVersion.Ef8)]
    [InlineData("db.Leads.Where(l => l.Status == status).{|TSA1001:ToList()|};", EfCoreVersion.Ef10)]
    [InlineData("db.Leads.Where(l => l.Status == status).{|TSA1002:Count()|};", EfCoreVersion.Ef10)]
    public Task A_where_wrapper_is_where(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, WhereWrapper), ef);

    [Fact]
    public Task A_repository_applying_the_callers_predicate_is_not_reported_in_its_body() =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService("await Task.CompletedTask;", Types, Members));

    [Fact]
    public Task Fix_scopes_the_argument_handed_to_a_helper() =>
        VerifyFix.VerifyCodeFixAsync(
            RelatedQuerySources.InService("Paging.FirstPage({|TSA1001:db.Leads.Where(l => l.Status == status)|});", Types, Members),
            RelatedQuerySources.InService("Paging.FirstPage(db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == status));", Types, Members));

    [Fact]
    public Task Fix_scopes_a_RemoveRange_argument() =>
        VerifyFix.VerifyCodeFixAsync(
            RelatedQuerySources.InService("db.RemoveRange({|TSA1003:db.Leads.Where(l => l.Closed)|});", Types, Members),
            RelatedQuerySources.InService("db.RemoveRange(db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Closed));", Types, Members));

    [Fact]
    public Task No_fix_for_a_predicate_handed_to_a_repository() =>
        VerifyFix.VerifyNoFixAsync(RelatedQuerySources.InService("repo.Find({|TSA1001:l => l.Id == id|});", Types, Members));
}
