using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Local functions as helpers: one that returns a query (built in it, or from the query it is given) is read like a
/// helper method, with its own control-flow graph taken from the graph that declares it (the body's, another local
/// function's or a lambda's); one that runs the query it is given is judged at the call. Until the graph was taken from
/// the declaring one, a local function returning a query was opaque and every query through it passed in silence.
/// </summary>
public sealed class TSA1001LocalFunctionHelpersTests
{
    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        // Scoping the query it is given, or building a scoped one from what it captures.
        "IQueryable<Lead> Mine(IQueryable<Lead> q) => q.Where(l => l.TeamId == teamId); Mine(db.Leads).ToList();",
        "IQueryable<Lead> Leads() => db.Leads.Where(l => l.TeamId == teamId); Leads().Count();",
        "IQueryable<Lead> Leads() { var q = db.Leads.Where(l => l.TeamId == teamId); return q; } Leads().ToList();",
        "IQueryable<Lead> Leads(Guid team) => db.Leads.Where(l => l.TeamId == team); Leads(teamId).ToList();",
        // Running the query it is given, scoped by the caller; static or not.
        "List<Lead> Page(IQueryable<Lead> q) => q.Take(20).ToList(); Page(db.Leads.Where(l => l.TeamId == teamId));",
        "static List<Lead> Page(IQueryable<Lead> q) => q.Take(20).ToList(); Page(db.Leads.Where(l => l.TeamId == teamId));",
        // Declared inside another local function.
        "List<Lead> Outer() { IQueryable<Lead> Inner() => db.Leads.Where(l => l.TeamId == teamId); return Inner().ToList(); } Outer();",
        // Declared after its use, in a nested block.
        "if (flag) { Leads().ToList(); IQueryable<Lead> Leads() => db.Leads.Where(l => l.TeamId == teamId); }",
        // Declared inside a lambda (an endpoint's handler), a lambda inside a lambda, a lambda inside a local function.
        "Func<List<Lead>> run = () => { IQueryable<Lead> Mine() => db.Leads.Where(l => l.TeamId == teamId); return Mine().ToList(); }; run();",
        "Func<Func<int>> outer = () => () => { IQueryable<Lead> Mine() => db.Leads.Where(l => l.TeamId == teamId); return Mine().Count(); }; outer()();",
        "int Outer() { Func<int> count = () => { IQueryable<Lead> Mine() => db.Leads.Where(l => l.TeamId == teamId); return Mine().Count(); }; return count(); } Outer();");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "IQueryable<Lead> All() => db.Leads; All().{|TSA1001:ToList()|};",
        "IQueryable<Lead> Open(IQueryable<Lead> q) => q.Where(l => !l.Closed); Open(db.Leads).{|TSA1001:ToList()|};",
        "IQueryable<Lead> Leads() { var q = db.Leads.Where(l => l.Closed); return q; } Leads().{|TSA1001:ToList()|};",
        "IQueryable<Lead> Leads(bool all) { if (all) { return db.Leads; } return db.Leads.Where(l => l.TeamId == teamId); } Leads(flag).{|TSA1001:ToList()|};",
        "static IQueryable<Lead> All(AppDbContext context) => context.Leads; All(db).{|TSA1002:Count()|};",
        "List<Lead> Outer() { IQueryable<Lead> Inner() => db.Leads; return Inner().{|TSA1001:ToList()|}; } Outer();",
        "if (flag) { Leads().{|TSA1001:ToList()|}; IQueryable<Lead> Leads() => db.Leads.Where(l => l.Closed); }",
        "List<Lead> Page(IQueryable<Lead> q) => q.Take(20).ToList(); Page({|TSA1001:db.Leads.Where(l => l.Closed)|});",
        "int Count(IQueryable<Lead> q) => q.Count(); Count({|TSA1002:db.Leads|});",
        "Func<List<Lead>> run = () => { IQueryable<Lead> All() => db.Leads; return All().{|TSA1001:ToList()|}; }; run();",
        "Func<Func<int>> outer = () => () => { IQueryable<Lead> All() => db.Leads.Where(l => l.Closed); return All().{|TSA1002:Count()|}; }; outer()();",
        "int Outer() { Func<int> count = () => { IQueryable<Lead> All() => db.Leads; return All().{|TSA1002:Count()|}; }; return count(); } Outer();");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Scoped_through_a_local_function_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Unscoped_through_a_local_function_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Fact]
    public Task Fix_scopes_the_query_a_local_function_returns_where_it_runs() =>
        VerifyFix.VerifyCodeFixAsync(
            RelatedQuerySources.InService("IQueryable<Lead> All() => db.Leads; All().{|TSA1001:ToList()|};"),
            RelatedQuerySources.InService("IQueryable<Lead> All() => db.Leads; All().Where(x => x.TeamId == teamId).ToList();"));
}
