using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A generic store whose predicate is optional (<c>if (filter != null) query = query.Where(filter);</c>): the path
/// without the predicate runs only when the caller passes none. A call that passes a tenant predicate is scoped; a
/// call that passes none, <c>null</c> or a predicate without the key is reported at the call.
/// </summary>
public sealed class TSA1001OptionalCallerPredicateTests
{
    private const string Types = """
        // Internal: this project calls it, and a public one no code of this library calls would be judged in its body
        // (TSA1001LibraryStoreTests).
        internal class Store<T>(AppDbContext db) where T : class
        {
            public List<T> List(Expression<Func<T, bool>>? filter = null)
            {
                IQueryable<T> query = db.Set<T>();
                if (filter != null)
                {
                    query = query.Where(filter);
                }

                return query.ToList();
            }

            public async Task<List<T>> Page(Expression<Func<T, bool>>? filter = null, Func<IQueryable<T>, IOrderedQueryable<T>>? orderBy = null, int take = 20)
            {
                var query = db.Set<T>().AsNoTracking();
                if (filter is not null)
                    query = query.Where(filter);
                if (orderBy != null)
                    query = orderBy(query);

                return await query.Take(take).ToListAsync();
            }

            public T? First(Expression<Func<T, bool>>? filter)
            {
                if (filter is null)
                {
                    return db.Set<T>().FirstOrDefault();
                }

                return db.Set<T>().FirstOrDefault(filter);
            }

            public int Count(Expression<Func<T, bool>>? filter = null) =>
                (filter == null ? db.Set<T>() : db.Set<T>().Where(filter)).Count();

            public IQueryable<T> Query(Expression<Func<T, bool>>? filter = null)
            {
                IQueryable<T> query = db.Set<T>();
                if (null != filter)
                {
                    query = query.Where(filter);
                }

                return query;
            }

            public List<T> ListVia(Expression<Func<T, bool>>? filter = null) => List(filter);

            public List<T> Defaulted(Expression<Func<T, bool>>? filter = null)
            {
                filter ??= x => true;
                IQueryable<T> query = db.Set<T>();
                if (filter != null)
                {
                    query = query.Where(filter);
                }

                return query.ToList();
            }
        }

        """;

    private const string Members = """
        private readonly Store<Lead> leads = null!;
        private readonly Store<Team> teams = null!;
        """;

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "leads.List(l => l.TeamId == teamId);",
        "leads.List(filter: l => l.TeamId == teamId && l.Status == status);",
        "await leads.Page(l => l.TeamId == teamId);",
        "await leads.Page(l => l.TeamId == teamId, q => q.OrderBy(l => l.CreatedAt));",
        "await leads.Page(l => l.TeamId == teamId, null, 50);",
        "await leads.Page(orderBy: q => q.OrderBy(l => l.CreatedAt), filter: l => l.TeamId == teamId);",
        "leads.First(l => l.Id == id && l.TeamId == teamId);",
        "leads.Count(l => l.TeamId == teamId);",
        "leads.Query(l => l.TeamId == teamId).ToList();",
        "leads.ListVia(l => l.TeamId == teamId);",
        "Expression<Func<Lead, bool>> mine = l => l.TeamId == teamId; leads.List(mine);",
        // A store over an entity that is not a tenant's needs no predicate.
        "teams.List();",
        "teams.List(null);");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "leads.{|TSA1001:List()|};",
        "leads.{|TSA1001:List(null)|};",
        "leads.List({|TSA1001:l => l.Status == status|});",
        "await leads.{|TSA1001:Page(orderBy: q => q.OrderBy(l => l.CreatedAt))|};",
        "await leads.Page({|TSA1001:l => l.Closed|}, q => q.OrderBy(l => l.CreatedAt));",
        "leads.{|TSA1001:First(null)|};",
        "leads.First({|TSA1001:l => l.Id == id|});",
        "leads.{|TSA1002:Count()|};",
        "leads.Query().{|TSA1001:ToList()|};",
        "leads.{|TSA1001:ListVia()|};",
        "leads.ListVia({|TSA1001:l => l.Closed|});",
        // A predicate the store replaces when it is null still decides nothing: the store's own `x => true` runs then.
        "leads.{|TSA1001:Defaulted(l => l.Closed)|};",
        "leads.{|TSA1001:Defaulted()|};");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task A_call_that_passes_a_tenant_predicate_is_scoped(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Types, Members), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task A_call_without_a_tenant_predicate_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Types, Members), ef);

    [Fact]
    public Task The_store_is_not_reported_in_its_body() =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService("await Task.CompletedTask;", Types, Members));
}
