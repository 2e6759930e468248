using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>The scoping fix for a finding on a query's second source, subquery or navigation: the predicate goes at that source's root.</summary>
public sealed class TSA1001ScopeSourceFixTests
{
    [Theory]
    [InlineData(
        "db.Leads.Where(l => l.TeamId == teamId).Union({|TSA1001:db.Leads.Where(l => l.Status == status)|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Union(db.Leads.Where(x => x.TeamId == teamId).Where(l => l.Status == status)).ToList();")]
    [InlineData(
        "(from l in db.Leads join n in {|TSA1001:db.Notes|} on l.OwnerId equals n.Id where l.TeamId == teamId select n).ToList();",
        "(from l in db.Leads join n in db.Notes.Where(x => x.TeamId == teamId) on l.OwnerId equals n.Id where l.TeamId == teamId select n).ToList();")]
    [InlineData(
        "db.Leads.Where(l => l.TeamId == teamId && db.Notes.{|TSA1002:Any(n => n.Flagged)|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId && db.Notes.Where(x => x.TeamId == teamId).Any(n => n.Flagged)).ToList();")]
    [InlineData(
        "(from t in db.Teams from l in {|TSA1001:t.Leads|} where l.Status == status select l).ToList();",
        "(from t in db.Teams from l in t.Leads.Where(x => x.TeamId == teamId) where l.Status == status select l).ToList();")]
    public Task Fix_scopes_the_source_where_it_is_written(string before, string after) =>
        VerifyFix.VerifyCodeFixAsync(RelatedQuerySources.InService(before), RelatedQuerySources.InService(after));

    [Fact]
    public Task Fix_works_with_EF8() =>
        VerifyFix.VerifyCodeFixAsync(
            RelatedQuerySources.InService("db.Leads.Where(l => l.TeamId == teamId).Concat({|TSA1001:db.Leads|}).ToList();"),
            RelatedQuerySources.InService("db.Leads.Where(l => l.TeamId == teamId).Concat(db.Leads.Where(x => x.TeamId == teamId)).ToList();"),
            EfCoreVersion.Ef8);

    [Fact]
    public Task Fix_all_scopes_every_source() =>
        VerifyFix.VerifyFixAllAsync(
            RelatedQuerySources.InService("(from l in db.Leads join n in {|TSA1001:db.Notes|} on l.OwnerId equals n.Id select n).{|TSA1001:ToList()|};"),
            RelatedQuerySources.InService("(from l in db.Leads.Where(x => x.TeamId == teamId) join n in db.Notes.Where(x => x.TeamId == teamId) on l.OwnerId equals n.Id select n).ToList();"));
}
