using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A row looked up by its id alone and then let through only when its tenant key is the caller's
/// (<c>if (lead is null || lead.TeamId != teamId) return;</c>): nothing past the guard sees another team's row, so the
/// lookup is not reported. A guard on another column, one that does not leave, or a use of the row before it proves nothing.
/// </summary>
public sealed class TSA1001OwnershipGuardTests
{
    public static TheoryData<string, EfCoreVersion> Guarded => RuleSources.WithEachEf(
        "var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id); if (lead is null || lead.TeamId != teamId) return; lead.Closed = true;",
        "var lead = await db.Leads.FindAsync(id); if (lead == null || lead.TeamId != teamId) throw new InvalidOperationException(); lead.Closed = true;",
        "var lead = db.Leads.First(l => l.Id == id); if (lead.TeamId != teamId) { throw new UnauthorizedAccessException(); } lead.Closed = true;",
        "var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id); if (lead == null) return; if (lead.TeamId != teamId) return; lead.Closed = true;",
        "var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id); if (lead?.TeamId != teamId) return; lead!.Closed = true;",
        "var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == id) ?? throw new InvalidOperationException(); if (note.TeamId != teamId) return;",
        "var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id); if (lead is null || !(lead.TeamId == teamId)) return;",
        "var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id); var stamp = DateTime.UtcNow; if (lead is null || teamId != lead.TeamId) { return; }",
        "var lead = await db.Leads.IgnoreQueryFilters().FirstOrDefaultAsync(l => l.Id == id); if (lead is null || lead.TeamId != teamId || lead.Closed) return;");

    public static TheoryData<string, EfCoreVersion> Unguarded => RuleSources.WithEachEf(
        // The guard checks the owner, not the team.
        "var lead = await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Id == id)|}; if (lead is null || lead.OwnerId != userId) return;",
        // The row is used before the guard.
        "var lead = await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Id == id)|}; Console.WriteLine(lead?.Status); if (lead is null || lead.TeamId != teamId) return;",
        // The guard does not leave.
        "var lead = await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Id == id)|}; if (lead is null || lead.TeamId != teamId) Console.WriteLine(id);",
        // Either side of && may fail: a lead of another team with status set goes on.
        "var lead = await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Id == id)|}; if (lead is null || (lead.TeamId != teamId && lead.Status == status)) return;",
        // The guard compares the row with itself.
        "var lead = await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Id == id)|}; if (lead is null || lead.TeamId != lead.OwnerId) return;",
        // Rows of a list are not one row a guard can check.
        "var leads = await db.Leads.Where(l => l.Status == status).{|TSA1001:ToListAsync()|}; if (leads.Exists(l => l.TeamId != teamId)) return;",
        // The local is assigned, not declared, by the lookup.
        "Lead? lead; lead = await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Id == id)|}; if (lead is null || lead.TeamId != teamId) return;");

    [Theory]
    [MemberData(nameof(Guarded))]
    public Task A_lookup_guarded_by_its_tenant_key_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unguarded))]
    public Task A_lookup_without_such_a_guard_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);
}
