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
        "IQueryable<Lead> q = from l in db.Leads where l.TeamId == teamId select l; if (flag) q = q.Where(l => l.Closed); q.ToList();",
        // Second sources scoped on their own, or by a later predicate on the joined row.
        "db.Leads.Where(l => l.TeamId == teamId).Union(db.Leads.Where(l => l.TeamId == teamId && l.Closed)).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Concat(db.Leads).Where(l => l.TeamId == teamId).ToList();",
        "(from l in db.Leads from n in db.Notes where l.TeamId == teamId && n.TeamId == teamId select n).ToList();",
        "(from l in db.Leads join u in db.Users on l.OwnerId equals u.Id where l.TeamId == teamId select u).ToList();",
        "(from l in db.Leads let open = !l.Closed where open && l.TeamId == teamId select l).ToList();",
        // Joined on a relationship key to a scoped source, in method or query syntax, inner or left join.
        "db.Leads.Where(l => l.TeamId == teamId).Join(db.Notes, l => l.Id, n => n.LeadId, (l, n) => n).ToList();",
        "(from l in db.Leads join n in db.Notes on l.Id equals n.LeadId where l.TeamId == teamId select n).ToList();",
        "(from n in db.Notes join l in db.Leads on n.LeadId equals l.Id where l.TeamId == teamId select n).ToList();",
        "(from l in db.Leads join n in db.Notes on l.Id equals n.LeadId into notes from n in notes.DefaultIfEmpty() where l.TeamId == teamId select new { l, n }).ToList();",
        "(from l in db.Leads join n in db.Notes on new { l.Id, l.TeamId } equals new { Id = n.LeadId, n.TeamId } where l.TeamId == teamId select n).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).SelectMany(l => db.Notes.Where(n => n.LeadId == l.Id)).ToList();",
        // The same held in locals: the join's result selector is found from its clause.
        "var q = from n in db.Notes join l in db.Leads on n.LeadId equals l.Id where l.TeamId == teamId select n; q.ToList();",
        "var q = from l in db.Leads join n in db.Notes on l.Id equals n.LeadId into notes from n in notes.DefaultIfEmpty() where l.TeamId == teamId select n; q.ToList();",
        // Subqueries correlated to a scoped outer row: part of the query, not executions of their own.
        "db.Leads.Where(l => l.TeamId == teamId && !db.Notes.Any(n => n.LeadId == l.Id)).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Select(l => new { l.Id, Last = db.Notes.Where(n => n.LeadId == l.Id).First() }).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Select(l => new { l.Id, Notes = db.Notes.Count(n => n.LeadId == l.Id) }).ToList();",
        "var pinned = db.Notes.Where(n => n.Pinned).Select(n => n.LeadId); db.Leads.Where(l => l.TeamId == teamId && !pinned.Contains(l.Id)).ToList();",
        "(from l in db.Leads where l.TeamId == teamId && db.Notes.Any(n => n.LeadId == l.Id && n.Flagged) select l).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).OrderBy(l => db.Notes.Count(n => n.LeadId == l.Id)).ToList();",
        // A projection that carries the tenant key, filtered by it afterwards.
        "db.Leads.Select(l => new { l.Id, l.TeamId }).Where(x => x.TeamId == teamId).ToList();",
        "(from l in db.Leads join n in db.Notes on l.Id equals n.LeadId select new { l.Id, Team = l.TeamId, n.Flagged }).Where(x => x.Team == teamId).ToList();",
        "db.Leads.Select(l => new { Lead = l, l.Status }).Where(x => x.Lead.TeamId == teamId).ToList();",
        // Subqueries scoped on their own.
        "db.Leads.Where(l => l.TeamId == teamId && db.Notes.Any(n => n.TeamId == teamId && n.Flagged)).ToList();",
        // A lambda that runs in memory is no query: the query in it runs on its own, scoped.
        "ids!.Select(i => db.Leads.First(l => l.Id == i && l.TeamId == teamId)).ToList();");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "var q = from l in db.Leads where l.Status == status select l; q.{|TSA1001:ToList()|};",
        "IQueryable<Lead> q = from l in db.Leads where l.TeamId == teamId select l; if (flag) q = from l in db.Leads select l; q.{|TSA1001:ToList()|};",
        // The second source of a set operator, a join, a SelectMany, an extra from clause.
        "db.Leads.Where(l => l.TeamId == teamId).Union({|TSA1001:db.Leads.Where(l => l.Status == \"urgent\")|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Concat({|TSA1001:db.Leads|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Intersect({|TSA1001:db.Leads.Where(l => l.Closed)|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Except({|TSA1001:db.Leads.Where(l => l.Closed)|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Select(l => l.Id).Zip({|TSA1001:db.Notes.Select(n => n.Id)|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Union({|TSA1002:db.Leads|}).Count();",
        "db.Leads.Where(l => l.TeamId == teamId).Join({|TSA1001:db.Notes|}, l => l.OwnerId, n => n.Id, (l, n) => n).ToList();",
        "(from l in db.Leads join n in {|TSA1001:db.Notes|} on l.OwnerId equals n.Id where l.TeamId == teamId select n).ToList();",
        "(from l in db.Leads from n in {|TSA1001:db.Notes|} where l.TeamId == teamId select n).ToList();",
        "(from l in db.Leads from n in {|TSA1001:db.Notes|} where l.TeamId == teamId && n.Flagged select l).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).SelectMany(l => {|TSA1001:db.Notes.Where(n => n.Flagged)|}).ToList();",
        // Both sources unscoped: each is reported where it is written.
        "(from l in db.Leads join n in {|TSA1001:db.Notes|} on l.OwnerId equals n.Id select n).{|TSA1001:ToList()|};",
        // A projection filtered by another column.
        "db.Leads.Select(l => new { l.Id, l.OwnerId }).Where(x => x.OwnerId == teamId).{|TSA1001:ToList()|};",
        "(from l in db.Leads join n in {|TSA1001:db.Notes|} on l.OwnerId equals n.Id select new { l.TeamId, NoteTeam = n.TeamId }).Where(x => x.TeamId == teamId).ToList();",
        // A subquery tied to the outer row through tenant keys: correlated, nothing scopes either.
        "db.Leads.Where(l => db.Notes.Any(n => n.TeamId == l.TeamId)).{|TSA1001:ToList()|};",
        // Correlated to rows of the principal that nothing scopes (a user's teams: every team they belong to).
        "(from m in db.Memberships join t in db.Teams on m.TeamId equals t.Id where m.UserId == userId && !db.Leads.Any(l => l.TeamId == t.Id) select t).{|TSA1001:ToList()|};",
        // Tied by a key, unscoped together: reported once, at the query.
        "(from l in db.Leads join n in db.Notes on l.Id equals n.LeadId select n).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => !db.Notes.Any(n => n.LeadId == l.Id)).{|TSA1001:ToList()|};",
        // Uncorrelated subqueries: a source of their own, reported where they are written.
        "db.Leads.Where(l => l.TeamId == teamId && db.Notes.{|TSA1002:Any(n => n.Flagged)|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Select(l => new { l.Id, Notes = db.Notes.{|TSA1002:Count()|} }).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Select(l => new { l.Id, First = db.Notes.{|TSA1001:First()|} }).ToList();",
        "(from l in db.Leads where l.TeamId == teamId && db.Notes.{|TSA1002:Any(n => n.Flagged)|} select l).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).OrderBy(l => db.Notes.{|TSA1002:Count()|}).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId && !db.Notes.{|TSA1002:Any(n => n.LeadId == l.OwnerId)|}).ToList();",
        // A lambda that runs in memory is no query: the query in it runs on its own.
        "ids!.Select(i => db.Leads.{|TSA1001:First(l => l.Id == i)|}).ToList();");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Scoped_sources_are_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Unscoped_source_is_reported_where_it_is_written(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);
}
