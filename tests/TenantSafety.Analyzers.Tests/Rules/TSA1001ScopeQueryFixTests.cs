using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

public class TSA1001ScopeQueryFixTests
{
    private static string Service(string members) => TestModel.Entities + $$"""
        public interface ITenantContext
        {
            Guid TeamId { get; }
        }

        public class LeadService
        {
            private readonly AppDbContext db = null!;

            {{members}}
        }
        """;

    [Theory]
    [InlineData(
        "public List<Lead> Run(Guid teamId) => db.Leads.{|TSA1001:ToList()|};",
        "public List<Lead> Run(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).ToList();")]
    [InlineData(
        "public Lead? Run(Guid teamId, Guid id) => db.Leads.{|TSA1001:FirstOrDefault(l => l.Id == id)|};",
        "public Lead? Run(Guid teamId, Guid id) => db.Leads.Where(x => x.TeamId == teamId).FirstOrDefault(l => l.Id == id);")]
    [InlineData(
        "public List<string> Run(Guid teamId) => db.Leads.Include(l => l.Team).Select(l => l.Email).{|TSA1001:ToList()|};",
        "public List<string> Run(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).Include(l => l.Team).Select(l => l.Email).ToList();")]
    [InlineData(
        "public List<Lead> Run(Guid teamId) => (from l in db.Leads where l.Status == \"new\" select l).{|TSA1001:ToList()|};",
        "public List<Lead> Run(Guid teamId) => (from l in db.Leads.Where(x => x.TeamId == teamId) where l.Status == \"new\" select l).ToList();")]
    [InlineData(
        "public int Run(Guid teamId) => db.Leads.{|TSA1002:Count()|};",
        "public int Run(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).Count();")]
    [InlineData(
        "public Task<int> Run(Guid teamId) => db.Leads.{|TSA1003:ExecuteDeleteAsync()|};",
        "public Task<int> Run(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).ExecuteDeleteAsync();")]
    [InlineData(
        "public void Run(Guid teamId) { foreach (var lead in {|TSA1001:db.Leads|}) { } }",
        "public void Run(Guid teamId) { foreach (var lead in db.Leads.Where(x => x.TeamId == teamId)) { } }")]
    [InlineData(
        // The predicate goes where the query starts, even when it runs statements later.
        "public List<Lead> Run(Guid teamId, bool flag) { var q = db.Leads.Where(l => l.Status == \"new\"); if (flag) q = q.OrderBy(l => l.Email); return q.{|TSA1001:ToList()|}; }",
        "public List<Lead> Run(Guid teamId, bool flag) { var q = db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == \"new\"); if (flag) q = q.OrderBy(l => l.Email); return q.ToList(); }")]
    [InlineData(
        // A lambda parameter named x is taken: the fix picks another name.
        "public List<Lead> Run(Guid teamId) { var x = 1; return db.Leads.Where(l => l.Id != Guid.Empty && x > 0).{|TSA1001:ToList()|}; }",
        "public List<Lead> Run(Guid teamId) { var x = 1; return db.Leads.Where(e => e.TeamId == teamId).Where(l => l.Id != Guid.Empty && x > 0).ToList(); }")]
    public Task Fix_inserts_the_tenant_predicate_at_the_root(string before, string after) =>
        VerifyFix.VerifyCodeFixAsync(Service(before), Service(after));

    [Fact]
    public Task Fix_works_with_EF8() =>
        VerifyFix.VerifyCodeFixAsync(
            Service("public List<Lead> Run(Guid teamId) => db.Leads.{|TSA1001:ToList()|};"),
            Service("public List<Lead> Run(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).ToList();"),
            EfCoreVersion.Ef8);

    [Fact]
    public Task Fix_uses_an_injected_tenant_context_when_no_local_fits() =>
        VerifyFix.VerifyCodeFixAsync(
            Service("private readonly ITenantContext _tenant = null!; public List<Lead> Run() => db.Leads.{|TSA1001:ToList()|};"),
            Service("private readonly ITenantContext _tenant = null!; public List<Lead> Run() => db.Leads.Where(x => x.TeamId == _tenant.TeamId).ToList();"));

    [Fact]
    public Task Fix_prefers_a_parameter_named_like_the_key_over_the_tenant_context() =>
        VerifyFix.VerifyCodeFixAsync(
            Service("private readonly ITenantContext _tenant = null!; public List<Lead> Run(Guid teamId) => db.Leads.{|TSA1001:ToList()|};"),
            Service("private readonly ITenantContext _tenant = null!; public List<Lead> Run(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).ToList();"));

    [Fact]
    public Task Fix_ignores_a_local_of_the_wrong_type_and_declared_later() =>
        VerifyFix.VerifyNoFixAsync(
            Service("public List<Lead> Run(string teamId) { var leads = db.Leads.{|TSA1001:ToList()|}; var TeamId = Guid.Empty; return leads; }"));

    [Fact]
    public Task An_entity_argument_is_not_a_tenant_context() =>
        VerifyFix.VerifyNoFixAsync(Service("public List<Message> Run(Lead lead) => db.Messages.{|TSA1001:ToList()|};"));

    [Theory]
    [InlineData("public List<Lead> Run(Guid teamId) => db.Leads.Where(l => l.TeamId != teamId).{|TSA1001:ToList()|};")]
    [InlineData("public List<Lead> Run(Guid teamId) => db.Leads.Where(l => l.Status == \"new\" && !(l.TeamId == teamId)).{|TSA1001:ToList()|};")]
    [InlineData("public int Run(Guid teamId) => db.Leads.{|TSA1002:Count(l => !l.TeamId.Equals(teamId))|};")]
    [InlineData("public List<Lead> Run(Guid teamId, List<Guid> mine) => db.Leads.Where(l => !mine.Contains(l.TeamId)).{|TSA1001:ToList()|};")]
    [InlineData("public List<Lead> Run(Guid teamId) => (from l in db.Leads where l.TeamId != teamId select l).{|TSA1001:ToList()|};")]
    [InlineData("public List<Lead> Run(Guid teamId) { var others = db.Leads.Where(l => teamId != l.TeamId); return others.{|TSA1001:ToList()|}; }")]
    public Task No_fix_for_a_query_that_asks_for_other_tenants_rows_on_purpose(string member) =>
        // Scoping it to the current tenant would make it return nothing.
        VerifyFix.VerifyNoFixAsync(Service(member));

    [Fact]
    public Task No_fix_when_no_tenant_value_is_in_scope() =>
        VerifyFix.VerifyNoFixAsync(Service("public List<Lead> Run() => db.Leads.{|TSA1001:ToList()|};"));

    [Fact]
    public Task No_fix_for_Find_which_only_exists_on_DbSet() =>
        VerifyFix.VerifyNoFixAsync(Service("public Lead? Run(Guid teamId, Guid id) => db.Leads.{|TSA1001:Find(id)|};"));

    [Fact]
    public Task No_fix_when_the_root_is_a_DbSet_typed_local_that_the_fix_would_break() =>
        VerifyFix.VerifyNoFixAsync(Service("public List<Lead> Run(Guid teamId) { DbSet<Lead> set = db.Leads; return set.{|TSA1001:ToList()|}; }"));

    [Fact]
    public Task Fix_all_scopes_every_query_in_the_document() =>
        VerifyFix.VerifyFixAllAsync(
            Service("""
                public List<Lead> A(Guid teamId) => db.Leads.{|TSA1001:ToList()|};

                public int B(Guid teamId) => db.Messages.{|TSA1002:Count()|};

                public Lead? C(Guid teamId, Guid id) => db.Leads.{|TSA1001:FirstOrDefault(l => l.Id == id)|};

                public int D(Guid teamId) => db.Leads.Where(l => l.Status == "old").{|TSA1003:ExecuteDelete()|};
                """),
            Service("""
                public List<Lead> A(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).ToList();

                public int B(Guid teamId) => db.Messages.Where(x => x.TeamId == teamId).Count();

                public Lead? C(Guid teamId, Guid id) => db.Leads.Where(x => x.TeamId == teamId).FirstOrDefault(l => l.Id == id);

                public int D(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == "old").ExecuteDelete();
                """));

    [Fact]
    public Task Fix_all_across_documents() =>
        VerifyFix.VerifyFixAllAsync(
            new[]
            {
                Service("public List<Lead> A(Guid teamId) => db.Leads.{|TSA1001:ToList()|};"),
                """
                public class Other(AppDbContext db)
                {
                    public List<Message> B(Guid teamId) => db.Messages.{|TSA1001:ToList()|};
                }
                """,
            },
            new[]
            {
                Service("public List<Lead> A(Guid teamId) => db.Leads.Where(x => x.TeamId == teamId).ToList();"),
                """
                public class Other(AppDbContext db)
                {
                    public List<Message> B(Guid teamId) => db.Messages.Where(x => x.TeamId == teamId).ToList();
                }
                """,
            });

}
