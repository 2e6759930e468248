using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Queries kept in a member that only the type's construction writes: a <c>readonly</c> field or a get-only
/// auto-property, set by its initializer (a primary constructor's parameters in scope) or in a constructor. The query a
/// read of it runs is what construction assigned, every assignment joined; a member something else writes (a settable
/// property, a field that is not readonly) or that holds what the caller handed in is unknown, as before.
/// </summary>
public sealed class TSA1001QueryMembersTests
{
    private const string Model = """
        public class Lead
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public bool Closed { get; set; }
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Lead> Leads => Set<Lead>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Lead>().HasIndex(l => l.TeamId);
        }

        """;

    public static TheoryData<string, EfCoreVersion> Reported => RuleSources.WithEachEf(
        // A readonly field assigned in the constructor.
        """
        public sealed class Leads
        {
            private readonly IQueryable<Lead> _all;

            public Leads(AppDbContext db) => _all = db.Leads;

            public List<Lead> Run() => _all.{|TSA1001:ToList()|};
        }
        """,

        // A readonly field initialized from a primary constructor's parameter.
        """
        public sealed class Leads(AppDbContext db)
        {
            private readonly IQueryable<Lead> _open = db.Leads.Where(l => !l.Closed);

            public int Run() => _open.{|TSA1002:Count()|};
        }
        """,

        // A get-only auto-property assigned in the constructor, read through this and through another instance.
        """
        public sealed class Leads
        {
            public Leads(AppDbContext db)
            {
                var open = db.Leads.Where(l => !l.Closed);
                Open = open;
            }

            public IQueryable<Lead> Open { get; }

            public List<Lead> Run(Leads other) => Open.Where(l => l.Id != Guid.Empty).{|TSA1001:ToList()|}.Concat(other.Open.{|TSA1001:ToList()|}).ToList();
        }
        """,

        // Two constructors: one scopes it, the other does not, and either may have built the instance.
        """
        public sealed class Leads
        {
            private readonly IQueryable<Lead> _leads;

            public Leads(AppDbContext db, Guid teamId) => _leads = db.Leads.Where(l => l.TeamId == teamId);

            public Leads(AppDbContext db) => _leads = db.Leads;

            public List<Lead> Run() => _leads.{|TSA1001:ToList()|};
        }
        """);

    [Theory]
    [MemberData(nameof(Reported))]
    public async Task A_query_built_at_construction_is_judged_where_it_runs(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Model + source, ef);
    }

    public static TheoryData<string, EfCoreVersion> NotReported => RuleSources.WithEachEf(
        // Scoped where it is built: in the constructor, in the initializer.
        """
        public sealed class Leads
        {
            private readonly IQueryable<Lead> _mine;

            public Leads(AppDbContext db, Guid teamId) => _mine = db.Leads.Where(l => l.TeamId == teamId);

            public List<Lead> Run() => _mine.Where(l => !l.Closed).ToList();
        }
        """,
        """
        public sealed class Leads(AppDbContext db, Guid teamId)
        {
            private readonly IQueryable<Lead> _mine = db.Leads.Where(l => l.TeamId == teamId);

            private IQueryable<Lead> Open { get; } = db.Leads.Where(l => l.TeamId == teamId && !l.Closed);

            public int Run() => _mine.Count() + Open.Count();
        }
        """,

        // What the caller hands in: unknown here, judged where it is built.
        """
        public sealed class Leads(IQueryable<Lead> source)
        {
            private readonly IQueryable<Lead> _source = source;

            public List<Lead> Run() => _source.ToList();
        }
        """,

        // Written after construction too: a field that is not readonly, a settable property.
        """
        public sealed class Leads(AppDbContext db)
        {
            private IQueryable<Lead> _current = db.Leads;

            public IQueryable<Lead> Current { get; set; } = db.Leads;

            public void Narrow(Guid teamId) => _current = db.Leads.Where(l => l.TeamId == teamId);

            public int Run() => _current.Count() + Current.Count();
        }
        """);

    [Theory]
    [MemberData(nameof(NotReported))]
    public async Task A_scoped_or_unknown_member_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Model + source, ef);
    }
}
