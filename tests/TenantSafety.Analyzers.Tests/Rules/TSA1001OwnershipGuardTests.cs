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

    private const string Repository = """
        public interface IRepo<T> where T : class
        {
            Task<T?> GetByIdAsync(Guid id);

            Task<T?> FirstOrDefaultAsync(Expression<Func<T, bool>>? filter = null);

            Task<List<T>> ListAsync(Expression<Func<T, bool>>? filter = null);

            Task<IEnumerable<T>> AllAsync(Expression<Func<T, bool>> filter);

            IEnumerable<T> Lazy(Expression<Func<T, bool>> filter);
        }

        public class Repo<T>(AppDbContext db) : IRepo<T> where T : class
        {
            public async Task<T?> GetByIdAsync(Guid id) => await db.Set<T>().FindAsync(id);

            public async Task<T?> FirstOrDefaultAsync(Expression<Func<T, bool>>? filter = null) =>
                filter == null ? await db.Set<T>().FirstOrDefaultAsync() : await db.Set<T>().FirstOrDefaultAsync(filter);

            public async Task<List<T>> ListAsync(Expression<Func<T, bool>>? filter = null)
            {
                IQueryable<T> query = db.Set<T>();
                if (filter != null)
                {
                    query = query.Where(filter);
                }

                return await query.ToListAsync();
            }

            public async Task<IEnumerable<T>> AllAsync(Expression<Func<T, bool>> filter) => await db.Set<T>().Where(filter).ToListAsync();

            public IEnumerable<T> Lazy(Expression<Func<T, bool>> filter) => db.Set<T>().Where(filter);
        }

        """;

    private const string Repositories = """
        private readonly IRepo<Lead> leadRepo = null!;
        private readonly IRepo<Note> noteRepo = null!;
        """;

    /// <summary>
    /// The same through a generic repository that hands out one row: the guard after <c>GetByIdAsync</c>, and the key a
    /// repository lookup matched (<c>FirstOrDefaultAsync(l =&gt; l.Id == id &amp;&amp; l.TeamId == teamId)</c>, left when null).
    /// </summary>
    public static TheoryData<string, EfCoreVersion> GuardedThroughARepository => RuleSources.WithEachEf(
        "var lead = await leadRepo.GetByIdAsync(id); if (lead is null || lead.TeamId != teamId) return; lead.Closed = true;",
        "var lead = await leadRepo.GetByIdAsync(id); if (lead == null || lead.TeamId != teamId) { throw new InvalidOperationException(); }",
        "var lead = await leadRepo.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId); if (lead == null) return; await noteRepo.ListAsync(n => n.LeadId == id);",
        "var lead = await leadRepo.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId); if (lead is null) return; await db.Notes.Where(n => n.LeadId == id).ToListAsync();",
        // Rows a repository's awaited list hands out are loaded rows: each of a foreach, one picked in memory, their ids.
        "var leads = await leadRepo.AllAsync(l => ids!.Contains(l.Id) && l.TeamId == teamId); foreach (var lead in leads) { await noteRepo.ListAsync(n => n.LeadId == lead.Id); }",
        "var one = (await leadRepo.AllAsync(l => l.Id == id && l.TeamId == teamId)).FirstOrDefault(); if (one == null) return; await db.Notes.Where(n => n.LeadId == one.Id).ToListAsync();",
        "var leads = await leadRepo.AllAsync(l => l.TeamId == teamId); var leadIds = leads.Select(l => l.Id).ToList(); await db.Notes.AnyAsync(n => leadIds.Contains(n.LeadId));");

    public static TheoryData<string, EfCoreVersion> UnguardedThroughARepository => RuleSources.WithEachEf(
        "var lead = await leadRepo.{|TSA1001:GetByIdAsync(id)|}; if (lead is null || lead.OwnerId != userId) return;",
        "await leadRepo.{|TSA1001:GetByIdAsync(id)|};",
        // A list is not one row a guard can check.
        "var leads = await leadRepo.{|TSA1001:ListAsync()|}; if (leads.Count == 0 || leads[0].TeamId != teamId) return;",
        // The lookup's missing row does not stop the method; or it matched another column than the key used after.
        "var lead = await leadRepo.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToListAsync()|};",
        "var lead = await leadRepo.FirstOrDefaultAsync(l => l.OwnerId == id && l.TeamId == teamId); if (lead == null) return; await db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToListAsync()|};",
        // A lazy sequence has not run: its rows are read later, and tie nothing now.
        "foreach (var lead in leadRepo.Lazy(l => l.TeamId == teamId)) { await db.Notes.Where(n => n.LeadId == lead.Id).{|TSA1001:ToListAsync()|}; }");

    [Theory]
    [MemberData(nameof(GuardedThroughARepository))]
    public Task A_repository_lookup_guarded_by_its_tenant_key_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Repository, Repositories), ef);

    [Theory]
    [MemberData(nameof(UnguardedThroughARepository))]
    public Task A_repository_lookup_without_such_a_guard_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, Repository, Repositories), ef);

    [Theory]
    [MemberData(nameof(Guarded))]
    public Task A_lookup_guarded_by_its_tenant_key_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unguarded))]
    public Task A_lookup_without_such_a_guard_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);
}
