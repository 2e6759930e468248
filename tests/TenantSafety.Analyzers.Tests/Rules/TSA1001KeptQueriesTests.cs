using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A query handed to an object that keeps it (a page builder's <c>WithSource(q)</c>, a runner's <c>Use(q)</c>) and runs
/// it later from another of its methods (<c>RunAsync()</c>): the query is judged at the call that hands it over, as a
/// query handed to a method that runs it at once is. The object's own refinements count (<c>_source.Where(…)</c>);
/// a field the type writes any other way than by storing what it is handed is not followed.
/// </summary>
public sealed class TSA1001KeptQueriesTests
{
    private const string Model = """
        public class Lead
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public bool Closed { get; set; }
        }

        public interface ITeamOwned
        {
            Guid TeamId { get; }
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Lead> Leads => Set<Lead>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Lead>().HasIndex(l => l.TeamId);
        }

        public sealed class PageBuilder<T>
        {
            private IQueryable<T>? _source;
            private int _page = 1;

            public PageBuilder<T> WithSource(IQueryable<T> source)
            {
                _source = source ?? throw new ArgumentNullException(nameof(source));
                return this;
            }

            public PageBuilder<T> Page(int page)
            {
                _page = page;
                return this;
            }

            public Task<List<T>> RunAsync()
            {
                if (_source is null)
                {
                    throw new InvalidOperationException("No source.");
                }

                return _source.Skip((_page - 1) * 20).Take(20).ToListAsync();
            }
        }

        """;

    /// <summary>A paged list whose constructor counts the query it is handed and reads a page of it.</summary>
    private const string PagedListType = """
        public sealed class PagedList<T>
        {
            public PagedList(IQueryable<T> source, int page, int size)
            {
                Total = source.Count();
                Items = source.Skip(page * size).Take(size).ToList();
            }

            public int Total { get; }

            public List<T> Items { get; }
        }

        """;

    /// <summary>A second tenant entity, implementing the team-owned interface, in a context of its own.</summary>
    private const string AccountModel = """
        public class Account : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class AccountContext : DbContext
        {
            public DbSet<Account> Accounts => Set<Account>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Account>().HasIndex(a => a.TeamId);
        }

        """;

    public static TheoryData<string, EfCoreVersion> Reported => RuleSources.WithEachEf(
        // Handed over in a chain and run by the builder.
        """
        public sealed class LeadPages(AppDbContext db)
        {
            public Task<List<Lead>> Open(int page) =>
                new PageBuilder<Lead>().WithSource({|TSA1001:db.Leads.Where(l => !l.Closed)|}).Page(page).RunAsync();
        }
        """,

        // Through a local, the builder kept in a local too.
        """
        public sealed class LeadPages(AppDbContext db)
        {
            public async Task<int> Open(int page)
            {
                var query = db.Leads.OrderBy(l => l.Id);
                var pages = new PageBuilder<Lead>();
                pages.WithSource({|TSA1001:query|});
                return (await pages.Page(page).RunAsync()).Count;
            }
        }
        """,

        // A builder that counts what it keeps, through a get-only property, and a store into an auto-property.
        """
        public sealed class Counter<T>
        {
            private IQueryable<T>? Source { get; set; }

            public Counter<T> Of(IQueryable<T> source)
            {
                Source = source;
                return this;
            }

            public int Total => Source!.Count();
        }

        public sealed class LeadCounts(AppDbContext db)
        {
            public int Open() => new Counter<Lead>().Of({|TSA1002:db.Leads.Where(l => !l.Closed)|}).Total;
        }
        """,

        // Kept by a constructor in a readonly field, and in a get-only auto-property.
        """
        public sealed class Runner<T>
        {
            private readonly IQueryable<T> _source;

            public Runner(IQueryable<T> source) => _source = source;

            public List<T> Run() => _source.ToList();
        }

        public sealed class Totals<T>
        {
            public Totals(int size, IQueryable<T> source)
            {
                Size = size;
                Source = source ?? throw new ArgumentNullException(nameof(source));
            }

            public int Size { get; }

            private IQueryable<T> Source { get; }

            public int Count() => Source.Count();
        }

        public sealed class LeadReports(AppDbContext db)
        {
            public List<Lead> Open() => new Runner<Lead>({|TSA1001:db.Leads.Where(l => !l.Closed)|}).Run();

            public int Count()
            {
                var totals = new Totals<Lead>(20, {|TSA1002:db.Leads|});
                return totals.Count();
            }
        }
        """,

        // A paged list whose constructor runs the query it is handed (counts it, reads a page), at once.
        PagedListType + """
        public sealed class LeadReports(AppDbContext db)
        {
            public PagedList<Lead> Open(int page) => new PagedList<Lead>({|TSA1001:{|TSA1002:db.Leads.Where(l => !l.Closed)|}|}, page, 20);
        }
        """,

        // A primary constructor's query parameter read by the type's methods, and one stored by an initializer.
        """
        public sealed class LeadQuery(IQueryable<Lead> leads)
        {
            public Task<List<Lead>> OpenAsync() => leads.Where(l => !l.Closed).ToListAsync();
        }

        public sealed class Paged<T>(IQueryable<T> source, int size)
        {
            private readonly IQueryable<T> _source = source;

            public List<T> Page(int page) => _source.Skip(page * size).Take(size).ToList();
        }

        public sealed class LeadReports(AppDbContext db)
        {
            public Task<List<Lead>> Open() => new LeadQuery({|TSA1001:db.Leads|}).OpenAsync();

            public List<Lead> First() => new Paged<Lead>({|TSA1001:db.Leads.OrderBy(l => l.Id)|}, 20).Page(0);
        }
        """,

        // A keeper that narrows what it keeps, by no condition on the team: the handed query still reads every team's rows.
        """
        public sealed class Search
        {
            private IQueryable<Lead>? _source;

            public Search From(IQueryable<Lead> source)
            {
                _source = source;
                return this;
            }

            public Search OpenOnly()
            {
                _source = _source!.Where(l => !l.Closed);
                return this;
            }

            public Search Sorted(bool descending)
            {
                _source = Sort(_source!, descending);
                return this;
            }

            private static IQueryable<Lead> Sort(IQueryable<Lead> leads, bool descending) =>
                descending ? leads.OrderByDescending(l => l.Id) : leads.OrderBy(l => l.Id);

            public List<Lead> Run() => _source!.ToList();
        }

        public sealed class LeadLists(AppDbContext db)
        {
            public List<Lead> Open() => new Search().From({|TSA1001:db.Leads|}).OpenOnly().Sorted(true).Run();
        }
        """);

    [Theory]
    [MemberData(nameof(Reported))]
    public async Task A_query_kept_and_run_later_is_judged_where_it_is_handed_over(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Model + source, ef);
    }

    public static TheoryData<string, EfCoreVersion> NotReported => RuleSources.WithEachEf(
        // Scoped before it is handed over.
        """
        public sealed class LeadPages(AppDbContext db)
        {
            public Task<List<Lead>> Open(Guid teamId, int page) =>
                new PageBuilder<Lead>().WithSource(db.Leads.Where(l => l.TeamId == teamId)).Page(page).RunAsync();
        }
        """,

        // The keeper scopes what it runs itself.
        AccountModel + """
        public sealed class TeamPages<T>(Guid teamId) where T : ITeamOwned
        {
            private IQueryable<T>? _source;

            public TeamPages<T> WithSource(IQueryable<T> source)
            {
                _source = source;
                return this;
            }

            public List<T> Run() => _source!.Where(x => x.TeamId == teamId).ToList();
        }

        public sealed class AccountPages(AccountContext db, Guid teamId)
        {
            public List<Account> All() => new TeamPages<Account>(teamId).WithSource(db.Accounts).Run();
        }
        """,

        // The kept field is also narrowed by the keeper from something else than what it is handed: not followed.
        """
        public sealed class Narrowing
        {
            private IQueryable<Lead>? _source;

            public Narrowing From(IQueryable<Lead> source)
            {
                _source = source;
                return this;
            }

            public Narrowing ForTeam(Guid teamId)
            {
                _source = _source!.Where(l => l.TeamId == teamId);
                return this;
            }

            public List<Lead> Run() => _source!.ToList();
        }

        public sealed class LeadLists(AppDbContext db, Guid teamId)
        {
            public List<Lead> Mine() => new Narrowing().From(db.Leads).ForTeam(teamId).Run();
        }
        """,

        // Kept by a constructor, scoped before it is handed over or by the keeper itself.
        PagedListType + AccountModel + """
        public sealed class Runner<T>
        {
            private readonly IQueryable<T> _source;

            public Runner(IQueryable<T> source) => _source = source;

            public List<T> Run() => _source.ToList();
        }

        public sealed class TeamRunner<T>(IQueryable<T> source, Guid teamId) where T : ITeamOwned
        {
            public List<T> Run() => source.Where(x => x.TeamId == teamId).ToList();
        }

        public sealed class Reports(AppDbContext db, AccountContext accounts, Guid teamId)
        {
            public List<Lead> Leads() => new Runner<Lead>(db.Leads.Where(l => l.TeamId == teamId)).Run();

            public List<Account> Accounts() => new TeamRunner<Account>(accounts.Accounts, teamId).Run();

            public PagedList<Lead> Page(int page) => new PagedList<Lead>(db.Leads.Where(l => l.TeamId == teamId), page, 20);
        }
        """,

        // A primary constructor's parameter the type narrows to the team itself, and one narrowed by a predicate its caller hands in: not followed.
        """
        public sealed class TeamLeads(IQueryable<Lead> leads)
        {
            public TeamLeads ForTeam(Guid teamId)
            {
                leads = leads.Where(l => l.TeamId == teamId);
                return this;
            }

            public List<Lead> Run() => leads.ToList();
        }

        public sealed class Filtered
        {
            private IQueryable<Lead>? _source;

            public Filtered From(IQueryable<Lead> source)
            {
                _source = source;
                return this;
            }

            public Filtered Matching(Expression<Func<Lead, bool>> predicate)
            {
                _source = _source!.Where(predicate);
                return this;
            }

            public List<Lead> Run() => _source!.ToList();
        }

        public sealed class LeadLists(AppDbContext db, Guid teamId)
        {
            public List<Lead> Mine() => new TeamLeads(db.Leads).ForTeam(teamId).Run();

            public List<Lead> Filtered() => new Filtered().From(db.Leads).Matching(l => l.TeamId == teamId).Run();
        }
        """,

        // Kept but never run by the keeper (it only hands it back).
        """
        public sealed class Holder
        {
            private IQueryable<Lead>? _source;

            public Holder Keep(IQueryable<Lead> source)
            {
                _source = source;
                return this;
            }

            public IQueryable<Lead> Source => _source!;
        }

        public sealed class LeadLists(AppDbContext db)
        {
            public Holder Keep() => new Holder().Keep(db.Leads);
        }
        """,

        // Kept in a field another type may write: not followed.
        """
        public sealed class Shared
        {
            public IQueryable<Lead>? Source;

            public Shared Keep(IQueryable<Lead> source)
            {
                Source = source;
                return this;
            }

            public List<Lead> Run() => Source!.ToList();
        }

        public sealed class LeadLists(AppDbContext db, Guid teamId)
        {
            public List<Lead> Mine()
            {
                var shared = new Shared().Keep(db.Leads);
                shared.Source = db.Leads.Where(l => l.TeamId == teamId);
                return shared.Run();
            }
        }
        """);

    [Theory]
    [MemberData(nameof(NotReported))]
    public async Task A_scoped_or_unfollowed_kept_query_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Model + source, ef);
    }

    [Fact]
    public Task Fix_scopes_the_query_a_constructor_is_handed() =>
        VerifyFix.VerifyCodeFixAsync(
            Model + """
            public sealed class LeadQuery(IQueryable<Lead> leads)
            {
                public List<Lead> Open() => leads.Where(l => !l.Closed).ToList();
            }

            public sealed class LeadReports(AppDbContext db, Guid teamId)
            {
                public List<Lead> Open() => new LeadQuery({|TSA1001:db.Leads|}).Open();
            }
            """,
            Model + """
            public sealed class LeadQuery(IQueryable<Lead> leads)
            {
                public List<Lead> Open() => leads.Where(l => !l.Closed).ToList();
            }

            public sealed class LeadReports(AppDbContext db, Guid teamId)
            {
                public List<Lead> Open() => new LeadQuery(db.Leads.Where(x => x.TeamId == teamId)).Open();
            }
            """);

    [Fact]
    public Task Fix_scopes_the_query_where_it_is_handed_over() =>
        VerifyFix.VerifyCodeFixAsync(
            Model + """
            public sealed class LeadPages(AppDbContext db, Guid teamId)
            {
                public Task<List<Lead>> Open(int page) =>
                    new PageBuilder<Lead>().WithSource({|TSA1001:db.Leads.Where(l => !l.Closed)|}).Page(page).RunAsync();
            }
            """,
            Model + """
            public sealed class LeadPages(AppDbContext db, Guid teamId)
            {
                public Task<List<Lead>> Open(int page) =>
                    new PageBuilder<Lead>().WithSource(db.Leads.Where(x => x.TeamId == teamId).Where(l => !l.Closed)).Page(page).RunAsync();
            }
            """);
}
