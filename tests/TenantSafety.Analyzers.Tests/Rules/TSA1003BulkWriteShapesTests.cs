using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The bulk-write shapes the TSA1003 page shows: <c>RemoveRange</c> judged like <c>ExecuteDelete</c> (shared rows
/// included), a helper that runs the bulk write it is given, rows tied to a row loaded before, the sources a bulk
/// write reads (a subquery says what it does itself), and rows removed through the change tracker (a read).
/// </summary>
public sealed class TSA1003BulkWriteShapesTests
{
    private const string Types = """
        public static class Cleanup
        {
            public static int Purge<T>(IQueryable<T> rows) => rows.ExecuteDelete();
        }

        """;

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "db.RemoveRange(db.Templates.Where(t => t.TeamId == teamId));",
        "Cleanup.Purge(db.Leads.Where(l => l.TeamId == teamId && l.Closed));",
        "var lead = await db.Leads.FirstAsync(l => l.Id == id && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == lead.Id).ExecuteDeleteAsync();",
        "db.Notes.Where(n => n.TeamId == teamId && !db.Leads.Any(l => l.Id == n.LeadId)).ExecuteDelete();");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "db.RemoveRange({|TSA1003:db.Templates.Where(t => t.TeamId == teamId || t.TeamId == null)|});",
        "Cleanup.Purge({|TSA1003:db.Leads.Where(l => l.Closed)|});",
        "db.Notes.Where(n => n.TeamId == teamId && db.Leads.{|TSA1002:Any(l => l.Closed)|}).ExecuteDelete();",
        // Rows deleted through the change tracker were loaded first: the query that loaded them carries the finding.
        "var closed = db.Leads.Where(l => l.Closed).{|TSA1001:ToList()|}; db.RemoveRange(closed);");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Scoped_bulk_write_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Types), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Unscoped_bulk_write_is_reported_where_it_is_written(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Types), ef);
}
