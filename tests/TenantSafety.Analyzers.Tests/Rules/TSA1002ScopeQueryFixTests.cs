using System.Threading.Tasks;
using TenantSafety.Analyzers.CodeFixes.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The scoping fix on TSA1002, TSA1003 and TSA1005: <c>.Where(x => x.TeamId == teamId)</c> right after the
/// query root, one diagnostic at a time and as Fix All. The verifier also checks that the fixed code
/// compiles and that it has no diagnostic left.
/// </summary>
public sealed class TSA1002ScopeQueryFixTests
{
    public static TheoryData<string, string, EfCoreVersion> Fixes
    {
        get
        {
            var data = new TheoryData<string, string, EfCoreVersion>();
            foreach (var ef in new[] { EfCoreVersion.Ef8, EfCoreVersion.Ef10 })
            {
                // TSA1002
                data.Add("db.Leads.{|TSA1002:Count()|}", "db.Leads.Where(x => x.TeamId == teamId).Count()", ef);
                data.Add(
                    "db.Leads.{|TSA1002:AnyAsync(l => l.Email == email)|}",
                    "db.Leads.Where(x => x.TeamId == teamId).AnyAsync(l => l.Email == email)",
                    ef);
                data.Add(
                    "db.Leads.Where(l => l.Status == \"new\").{|TSA1002:Sum(l => l.Status.Length)|}",
                    "db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == \"new\").Sum(l => l.Status.Length)",
                    ef);
                data.Add(
                    "db.Leads.{|TSA1002:GroupBy(l => l.Status)|}.Select(g => g.Count()).ToList()",
                    "db.Leads.Where(x => x.TeamId == teamId).GroupBy(l => l.Status).Select(g => g.Count()).ToList()",
                    ef);
                data.Add(
                    "(from l in db.Leads where l.Status == \"new\" select l).{|TSA1002:Count()|}",
                    "(from l in db.Leads.Where(x => x.TeamId == teamId) where l.Status == \"new\" select l).Count()",
                    ef);

                // TSA1003
                data.Add("db.Leads.{|TSA1003:ExecuteDelete()|}", "db.Leads.Where(x => x.TeamId == teamId).ExecuteDelete()", ef);
                data.Add(
                    "db.Leads.Where(l => l.Status == \"old\").{|TSA1003:ExecuteDeleteAsync()|}",
                    "db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == \"old\").ExecuteDeleteAsync()",
                    ef);
                data.Add(
                    "db.Leads.{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, \"x\"))|}",
                    "db.Leads.Where(x => x.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(x => x.Status, \"x\"))",
                    ef);
                data.Add(
                    "db.Messages.Where(m => m.LeadId == lead.Id).{|TSA1003:ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, \"x\"))|}",
                    "db.Messages.Where(x => x.TeamId == teamId).Where(m => m.LeadId == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, \"x\"))",
                    ef);

                // TSA1005
                data.Add(
                    "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ToList()",
                    "fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters().ToList()",
                    ef);
                data.Add(
                    "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Where(n => n.IsDeleted).Count()",
                    "fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters().Where(n => n.IsDeleted).Count()",
                    ef);
                data.Add(
                    "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ExecuteDelete()",
                    "fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters().ExecuteDelete()",
                    ef);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Fixes))]
    public async Task Fix_inserts_the_tenant_predicate_at_the_query_root(string source, string fixedSource, EfCoreVersion ef)
    {
        var model = FilteredModels.TenantFilterInOnModelCreating;
        await VerifyFix.VerifyCodeFixAsync(RuleSources.Returning(source, model), RuleSources.Returning(fixedSource, model), ef);
    }

    [Theory]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters([\"Tenant\"])|}.ToList()", "fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters([\"Tenant\"]).ToList()")]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Count()", "fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters().Count()")]
    public async Task Fix_for_EF_Core_10_named_filters(string source, string fixedSource)
    {
        var model = FilteredModels.NamedFilters;
        await VerifyFix.VerifyCodeFixAsync(RuleSources.Returning(source, model), RuleSources.Returning(fixedSource, model), EfCoreVersion.Ef10);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_uses_a_lambda_parameter_name_that_is_free(EfCoreVersion ef)
    {
        const string source = """
            public sealed class Service(AppDbContext db)
            {
                public int Run(Guid teamId, int x) => db.Leads.{|TSA1002:Count()|} + x;
            }
            """;
        const string fixedSource = """
            public sealed class Service(AppDbContext db)
            {
                public int Run(Guid teamId, int x) => db.Leads.Where(e => e.TeamId == teamId).Count() + x;
            }
            """;
        await VerifyFix.VerifyCodeFixAsync(TestModel.Entities + source, TestModel.Entities + fixedSource, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_TSA1002_in_a_document(EfCoreVersion ef)
    {
        var source = RuleSources.InMethod("""
                    var total = db.Leads.{|TSA1002:Count()|};
                    var any = db.Messages.{|TSA1002:Any(m => m.Status == "sent")|};
                    var groups = db.Leads.{|TSA1002:GroupBy(l => l.Status)|}.Select(g => g.Count()).ToList();
                    var newest = db.Leads.Where(l => l.Status == "new").{|TSA1002:Max(l => l.CreatedAt)|};
                    return (total, any, groups, newest);
            """);
        var fixedSource = RuleSources.InMethod("""
                    var total = db.Leads.Where(x => x.TeamId == teamId).Count();
                    var any = db.Messages.Where(x => x.TeamId == teamId).Any(m => m.Status == "sent");
                    var groups = db.Leads.Where(x => x.TeamId == teamId).GroupBy(l => l.Status).Select(g => g.Count()).ToList();
                    var newest = db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == "new").Max(l => l.CreatedAt);
                    return (total, any, groups, newest);
            """);
        await VerifyFix.VerifyFixAllAsync(source, fixedSource, ef, equivalenceKey: ScopeQueryToTenantFixer.EquivalenceKey);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_TSA1003_in_a_document(EfCoreVersion ef)
    {
        var source = RuleSources.InMethod("""
                    var deleted = db.Leads.Where(l => l.Status == "lost").{|TSA1003:ExecuteDelete()|};
                    deleted += db.Messages.{|TSA1003:ExecuteDelete()|};
                    deleted += db.Leads.{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, "x"))|};
                    _ = db.Messages.{|TSA1003:ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, ""))|};
                    return deleted;
            """);
        var fixedSource = RuleSources.InMethod("""
                    var deleted = db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == "lost").ExecuteDelete();
                    deleted += db.Messages.Where(x => x.TeamId == teamId).ExecuteDelete();
                    deleted += db.Leads.Where(x => x.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(x => x.Status, "x"));
                    _ = db.Messages.Where(x => x.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, ""));
                    return deleted;
            """);
        await VerifyFix.VerifyFixAllAsync(source, fixedSource, ef, equivalenceKey: ScopeQueryToTenantFixer.EquivalenceKey);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_TSA1005_in_a_document(EfCoreVersion ef)
    {
        var model = FilteredModels.TenantFilterInOnModelCreating;
        var source = RuleSources.InMethod("""
                    var all = fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                    var deleted = fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Count(n => n.IsDeleted);
                    var leads = db.Leads.IgnoreQueryFilters().{|TSA1001:ToList()|};
                    return (all, deleted, leads);
            """, model);
        var fixedSource = RuleSources.InMethod("""
                    var all = fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters().ToList();
                    var deleted = fdb.Notes.Where(x => x.TeamId == teamId).IgnoreQueryFilters().Count(n => n.IsDeleted);
                    var leads = db.Leads.Where(x => x.TeamId == teamId).IgnoreQueryFilters().ToList();
                    return (all, deleted, leads);
            """, model);
        await VerifyFix.VerifyFixAllAsync(source, fixedSource, ef, equivalenceKey: ScopeQueryToTenantFixer.EquivalenceKey);
    }
}
