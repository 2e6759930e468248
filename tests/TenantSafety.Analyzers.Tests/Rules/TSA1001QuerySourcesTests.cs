using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Every source of a query is judged on its own and reported once, at that source: query syntax held in locals, the
/// second source of joins and set operators, extra <c>from</c> clauses, collection selectors, and subqueries inside
/// lambdas (which inherit the outer row's scope when they are correlated to it through a relationship key).
/// </summary>
public sealed class TSA1001QuerySourcesTests
{
    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        // Query syntax held in a local, then run.
        "var q = from l in db.Leads where l.TeamId == teamId select l; q.ToList();",
        "var q = from l in db.Leads where l.TeamId == teamId && l.Status == status orderby l.CreatedAt select l.Id; await q.ToArrayAsync();",
        "IQueryable<Lead> q = from l in db.Leads where l.TeamId == teamId select l; if (flag) q = q.Where(l => l.Closed); q.ToList();");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "var q = from l in db.Leads where l.Status == status select l; q.{|TSA1001:ToList()|};",
        "IQueryable<Lead> q = from l in db.Leads where l.TeamId == teamId select l; if (flag) q = from l in db.Leads select l; q.{|TSA1001:ToList()|};");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Scoped_sources_are_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Unscoped_source_is_reported_where_it_is_written(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);
}
