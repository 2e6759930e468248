using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Scope flows through the model's relationships: the tenant principal (<c>Team</c>) filtered by its own key, a
/// navigation to the principal's key, a navigation of a scoped row, a join on a relationship key, and <c>Find</c> with
/// the tenant key among the key values.
/// </summary>
public sealed class TSA1001RelationshipScopeTests
{
    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        // The principal filtered by its key, and its collections.
        "db.Teams.Where(t => t.Id == teamId).SelectMany(t => t.Leads).ToList();",
        // Include of the principal filtered by its key, of a scoped row, or filtered itself (not followed).
        "db.Teams.Where(t => t.Id == teamId).Include(t => t.Leads).ToList();",
        "db.Teams.Include(t => t.Leads).FirstOrDefault(t => t.Id == teamId);",
        "db.Leads.Include(l => l.Notes).Where(l => l.TeamId == teamId).ToList();",
        "db.Teams.Include(t => t.Leads.Where(l => l.TeamId == teamId)).ToList();",
        // A loaded key narrowed by a declaration pattern is still the loaded key.
        "var leadId = await db.Leads.Where(l => l.TeamId == teamId).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(); if (leadId is Guid leadKey) { db.Notes.Where(n => n.LeadId == leadKey).ToList(); }",
        "var leadId = await db.Leads.Where(l => l.TeamId == teamId).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(); if (leadId is not Guid leadKey) return; db.Notes.Where(n => n.LeadId == leadKey).ToList();",
        "var found = await db.Leads.FirstOrDefaultAsync(l => l.TeamId == teamId); if (found is { } lead) { db.Notes.Where(n => n.LeadId == lead.Id).ToList(); }",
        // A local that holds a row created here (its key generated) on one path and a loaded row on the other.
        "Lead? lead; if (flag) { lead = new Lead { TeamId = teamId }; db.Leads.Add(lead); await db.SaveChangesAsync(); } else { lead = await db.Leads.FirstOrDefaultAsync(l => l.TeamId == teamId); } if (lead is not null) db.Notes.Where(n => n.LeadId == lead.Id).ToList();",
        // … read again after the branch through `?.` (a seeder handing `project?.Id` on to the rows it creates next).
        "Lead? lead; if (flag) { lead = new Lead { TeamId = teamId }; db.Leads.Add(lead); await db.SaveChangesAsync(); } else { lead = await db.Leads.FirstOrDefaultAsync(l => l.TeamId == teamId); } if (lead is not null) db.Notes.Where(n => n.LeadId == lead.Id).ToList(); db.Notes.Add(new Note { LeadId = lead?.Id ?? Guid.Empty, TeamId = teamId }); Console.WriteLine(lead?.Status);",
        // A projection of the principal filtered by its key reads its own collections; a filtered navigation is not followed.
        "db.Teams.Where(t => t.Id == teamId).Select(t => t.Leads.Count).ToList();",
        "db.Teams.Where(t => t.Id == teamId).Select(t => new { t.Name, t.Leads }).ToList();",
        "db.Teams.Select(t => t.Leads.Count(l => l.TeamId == teamId)).ToList();",
        "db.Leads.Where(l => l.TeamId == teamId).Select(l => l.Notes.Count).ToList();",
        "(from t in db.Teams where t.Id == teamId from l in t.Leads where l.Status == status select l).ToList();",
        "(from l in db.Leads join t in db.Teams on l.TeamId equals t.Id where t.Id == teamId select l).ToList();",
        "(from t in db.Teams join l in db.Leads on t.Id equals l.TeamId where t.Id == teamId select l).ToList();",
        // A navigation to the principal's key.
        "db.Leads.Where(l => l.Team!.Id == teamId).ToList();",
        "db.Notes.Where(n => n.Lead!.Team!.Id == teamId && n.Flagged).ToList();",
        "db.Leads.Count(l => l.Team!.Id == teamId);",
        // A navigation of a scoped row.
        "db.Leads.Where(l => l.TeamId == teamId).SelectMany(l => l.Notes).ToList();",
        "(from l in db.Leads where l.TeamId == teamId from n in l.Notes where n.Flagged select n).ToList();",
        // Find with the tenant key among the key values, and Find on the principal's table.
        "db.Memberships.Find(userId, teamId);",
        "await db.Memberships.FindAsync(userId, teamId);",
        "await db.Memberships.FindAsync(new object[] { userId, teamId }, CancellationToken.None);",
        "db.Find<Membership>(userId, teamId);",
        "db.Teams.Find(teamId);",
        "db.Find<Team>(teamId);",
        // Rows tied to a row the method loaded before: the query that loaded it carries any finding.
        "var lead = db.Leads.First(l => l.Id == id && l.TeamId == teamId); db.Notes.Where(n => n.LeadId == lead.Id).ToList();",
        "var note = await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId); await db.Leads.FindAsync(note.LeadId);",
        "var notes = await db.Notes.Where(n => n.TeamId == teamId).ToListAsync(); var leadIds = notes.Select(n => n.LeadId); await db.Leads.Where(l => leadIds.Contains(l.Id)).ToListAsync();",
        "var note = await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId); var leadId = note.LeadId; await db.Leads.AnyAsync(l => l.Id == leadId);",
        // The loaded row or nothing (`?? throw`), or another loaded row as the fallback.
        "var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.TeamId == teamId) ?? throw new InvalidOperationException(); await db.Leads.FirstOrDefaultAsync(l => l.Id == note.LeadId);",
        "var lead = db.Leads.FirstOrDefault(l => l.Id == id && l.TeamId == teamId) ?? throw new KeyNotFoundException(); db.Notes.Where(n => n.LeadId == lead.Id).ToList();",
        "var leadId = (await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.TeamId == teamId) ?? throw new InvalidOperationException()).LeadId; await db.Leads.FindAsync(leadId);",
        "var note = db.Notes.FirstOrDefault(n => n.Id == id && n.TeamId == teamId) ?? db.Notes.First(n => n.Pinned && n.TeamId == teamId); db.Leads.Where(l => l.Id == note.LeadId).ToList();",
        // A member read through `?.`: the loaded row's, or null, which matches no row.
        "var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.TeamId == teamId); var leadId = note?.LeadId; await db.Leads.Where(l => l.Id == leadId).ToListAsync();",
        "var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.TeamId == teamId); await db.Leads.FindAsync(note?.LeadId);",
        // A key the method looked a row up by before, and left when none matched: the key of a row the lookup reached.
        "await db.Leads.FirstAsync(l => l.Id == id && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == id).ToListAsync();",
        "_ = db.Leads.Single(l => l.TeamId == teamId && l.Id == id); db.Notes.Where(n => n.LeadId == id).ToList();",
        "var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId); if (lead is null) return; await db.Notes.Where(n => n.LeadId == id).ToListAsync();",
        "var lead = db.Leads.SingleOrDefault(l => l.Id == id && l.TeamId == teamId); if (lead == null) { Console.WriteLine(id); throw new KeyNotFoundException(); } db.Notes.Where(n => n.LeadId == id).ToList();",
        "var lead = db.Leads.FirstOrDefault(l => l.Id == id && l.TeamId == teamId); ArgumentNullException.ThrowIfNull(lead); db.Notes.Where(n => n.LeadId == id).ToList();",
        "var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId) ?? throw new InvalidOperationException(); await db.Notes.Where(n => n.LeadId == id).ToListAsync();",
        "if (!await db.Leads.AnyAsync(l => l.Id == id && l.TeamId == teamId)) return; await db.Notes.Where(n => n.LeadId == id).ToListAsync();",
        "var lead = db.Leads.First(l => l.Id == id && l.TeamId == teamId); if (flag) { db.Notes.Where(n => n.LeadId == id).ToList(); }",
        "var leadId = id; var lead = db.Leads.First(l => l.Id == leadId && l.TeamId == teamId); db.Notes.Where(n => n.LeadId == leadId).ToList();",
        "foreach (var each in ids!) { if (!db.Leads.Any(l => l.Id == each && l.TeamId == teamId)) continue; db.Notes.Where(n => n.LeadId == each).ToList(); }",
        "var note = await db.Notes.FirstAsync(n => n.LeadId == id && n.TeamId == teamId); await db.Leads.Where(l => l.Id == id).ToListAsync();",
        // A row picked in memory from rows loaded before is a loaded row.
        "var notes = await db.Notes.Where(n => n.TeamId == teamId).ToListAsync(); var pinned = notes.FirstOrDefault(n => n.Pinned); if (pinned is null) return; await db.Leads.Where(l => l.Id == pinned.LeadId).ToListAsync();",
        "var notes = db.Notes.Where(n => n.TeamId == teamId).ToList(); db.Leads.Find(notes.First(n => n.Flagged).LeadId);",
        // Each row of a loop over loaded rows is a loaded row.
        "var leads = await db.Leads.Where(l => ids!.Contains(l.Id) && l.TeamId == teamId).ToListAsync(); foreach (var lead in leads) { var notes = await db.Notes.Where(n => n.LeadId == lead.Id).ToListAsync(); db.Notes.RemoveRange(notes); }",
        "foreach (var note in await db.Notes.Where(n => n.TeamId == teamId).ToListAsync()) { db.Leads.Where(l => l.Id == note.LeadId).ToList(); }",
        // An existence check kept in a bool local, and left when false.
        "var exists = await db.Leads.AnyAsync(l => l.Id == id && l.TeamId == teamId); if (!exists) { throw new InvalidOperationException(); } await db.Notes.Where(n => n.LeadId == id).ToListAsync();");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        // The principal not filtered by its key: its collections read every team's rows.
        "(from t in db.Teams from l in {|TSA1001:t.Leads|} where l.Status == status select l).ToList();",
        "db.Teams.Where(t => t.Name == status).SelectMany(t => {|TSA1001:t.Leads|}).ToList();",
        // Include loads the same rows as SelectMany: every matched team's leads.
        "db.Teams.Include(t => {|TSA1001:t.Leads|}).Where(t => t.Name == status).ToList();",
        "await db.Teams.Include(t => {|TSA1001:t.Leads|}).FirstAsync(t => t.Name == status);",
        // A caller's key narrowed by a pattern, or a created row whose key the caller sets, is the caller's.
        "if (ids?.FirstOrDefault() is Guid leadKey) { db.Notes.Where(n => n.LeadId == leadKey).{|TSA1001:ToList()|}; }",
        "Lead? lead; if (flag) { lead = new Lead { Id = id, TeamId = teamId }; db.Leads.Add(lead); } else { lead = await db.Leads.FirstOrDefaultAsync(l => l.TeamId == teamId); } if (lead is not null) db.Notes.Where(n => n.LeadId == lead.Id).{|TSA1001:ToList()|};",
        // A projection reads the same rows: every team's leads, counted or listed.
        "db.Teams.Select(t => {|TSA1002:t.Leads|}.Count).ToList();",
        "db.Teams.Select(t => new { t.Name, Open = {|TSA1002:t.Leads|}.Any() }).ToList();",
        "db.Teams.Where(t => t.Name == status).Select(t => new { t.Name, Leads = {|TSA1001:t.Leads|}.ToList() }).ToList();",
        "db.Teams.Select(t => {|TSA1001:t.Leads|}).ToList();",
        "(from o in db.Teams join l in {|TSA1001:db.Leads|} on o.Id equals l.TeamId select l).ToList();",
        "db.Leads.Where(l => l.Team!.Name == status).{|TSA1001:ToList()|};",
        "db.Leads.SelectMany(l => l.Notes).{|TSA1001:ToList()|};",
        // Rows that share a user who belongs to several teams are not tied to one team.
        "(from m in db.Memberships join other in {|TSA1001:db.Memberships|} on m.UserId equals other.UserId where m.TeamId == teamId select other).ToList();",
        // Key lookups without the tenant key, the DbContext forms included.
        "db.Leads.{|TSA1001:Find(id)|};",
        "await db.Leads.{|TSA1001:FindAsync(id)|};",
        "db.{|TSA1001:Find<Lead>(id)|};",
        "await db.{|TSA1001:FindAsync<Lead>(id)|};",
        "db.{|TSA1001:Find(typeof(Lead), id)|};",
        // The lookup that loads the parent is reported; the rows tied to it are not reported again.
        "var lead = await db.Leads.{|TSA1001:FindAsync(id)|}; await db.Notes.Where(n => n.LeadId == lead!.Id).ToListAsync();",
        "var lead = await db.Leads.{|TSA1001:FindAsync(id)|} ?? throw new InvalidOperationException(); await db.Notes.Where(n => n.LeadId == lead.Id).ToListAsync();",
        // A fallback that is not a loaded row: its key reaches any team's rows.
        "var note = db.Notes.FirstOrDefault(n => n.Id == id && n.TeamId == teamId) ?? new Note { LeadId = id }; db.Leads.Where(l => l.Id == note.LeadId).{|TSA1001:ToList()|};",
        "var loaded = await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.TeamId == teamId); var leadId = loaded?.LeadId ?? id; await db.Leads.{|TSA1001:FindAsync(leadId)|};",
        // A key shared with a row of no tenant (a user in several teams) ties nothing.
        "var m = db.Memberships.First(x => x.UserId == userId && x.TeamId == teamId); db.Memberships.Where(x => x.UserId == m.UserId).{|TSA1001:ToList()|};",
        // A key looked up before proves nothing when no lookup always runs first and leaves when none matched, when the
        // key may change after it, or when the lookup does not require it.
        "var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToListAsync()|};",
        "var lead = db.Leads.FirstOrDefault(l => l.Id == id && l.TeamId == teamId); if (lead is null) Console.WriteLine(id); db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToList()|};",
        "db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToList()|}; db.Leads.First(l => l.Id == id && l.TeamId == teamId);",
        "if (flag) { db.Leads.First(l => l.Id == id && l.TeamId == teamId); } db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToList()|};",
        "db.Leads.First(l => l.Id == id && l.TeamId == teamId); id = Guid.NewGuid(); db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToList()|};",
        "db.Leads.First(l => l.Id == id && l.TeamId == teamId); db.Notes.Where(n => n.LeadId == userId).{|TSA1001:ToList()|};",
        "db.Leads.{|TSA1001:First(l => l.TeamId == teamId || l.Id == id)|}; db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToList()|};",
        "if (await db.Leads.AnyAsync(l => l.Id == id && l.TeamId == teamId)) { } await db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToListAsync()|};",
        "Func<Lead> check = () => db.Leads.First(l => l.Id == id && l.TeamId == teamId); db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToList()|};",
        "db.Memberships.First(x => x.UserId == userId && x.TeamId == teamId); db.Memberships.Where(x => x.UserId == userId).{|TSA1001:ToList()|};",
        // A Note's id proves nothing of a Lead's.
        "await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId); await db.Leads.Where(l => l.Id == id).{|TSA1001:ToListAsync()|};",
        "await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId); await db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToListAsync()|};",
        // A loop over rows nobody loaded (the caller's ids) ties nothing; a flag that may change proves nothing.
        "foreach (var each in ids!) { db.Notes.Where(n => n.LeadId == each).{|TSA1001:ToList()|}; }",
        "var exists = await db.Leads.AnyAsync(l => l.Id == id && l.TeamId == teamId); exists = flag; if (!exists) return; await db.Notes.Where(n => n.LeadId == id).{|TSA1001:ToListAsync()|};",
        // Rows picked in memory from a list nobody scoped: the query that loaded them carries the finding.
        "var all = db.Notes.{|TSA1001:ToList()|}; db.Leads.Find(all.First(n => n.Flagged).LeadId);",
        // The lookup that proves the key carries the finding when it is not scoped itself.
        "db.Leads.{|TSA1001:First(l => l.Id == id)|}; db.Notes.Where(n => n.LeadId == id).ToList();");

    [Fact]
    public Task A_row_handed_in_by_the_caller_is_not_a_loaded_row() =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(
            "await Task.CompletedTask;",
            members: "public List<Note> NotesOf(Lead lead) => db.Notes.Where(n => n.LeadId == lead.Id).{|TSA1001:ToList()|};"));

    /// <summary>
    /// A handler's request carries the key (<c>request.LeadId</c>): a property path from a parameter or local counts as
    /// the key a lookup matched, while neither the root nor a property of the path's names is assigned in the member.
    /// </summary>
    [Theory]
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == request.LeadId).ToListAsync();", EfCoreVersion.Ef8)]
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == request.LeadId).ToListAsync();", EfCoreVersion.Ef10)]
    [InlineData("var request = new LeadRequest(id); var lead = await db.Leads.FirstOrDefaultAsync(l => l.TeamId == teamId && l.Id == request.LeadId); if (lead is null) return; await db.Notes.Where(n => n.LeadId == request.LeadId).ToListAsync();", EfCoreVersion.Ef10)]
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); request.LeadId = userId; await db.Notes.Where(n => n.LeadId == request.LeadId).{|TSA1001:ToListAsync()|};", EfCoreVersion.Ef10)]
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); request = new LeadRequest(userId); await db.Notes.Where(n => n.LeadId == request.LeadId).{|TSA1001:ToListAsync()|};", EfCoreVersion.Ef10)]
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == request.OtherLeadId).{|TSA1001:ToListAsync()|};", EfCoreVersion.Ef10)]
    // A same-named property of another type (the response's) is not the request's.
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == request.LeadId).ToListAsync(); var dto = new LeadDto { LeadId = userId };", EfCoreVersion.Ef8)]
    [InlineData("var request = new LeadRequest(id); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); await db.Notes.Where(n => n.LeadId == request.LeadId).ToListAsync(); var dto = new LeadDto { LeadId = userId };", EfCoreVersion.Ef10)]
    [InlineData("var request = new LeadRequest(id); var dto = new LeadDto(); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); dto.LeadId = userId; await db.Notes.Where(n => n.LeadId == request.LeadId).ToListAsync();", EfCoreVersion.Ef10)]
    [InlineData("var request = new LeadRequest(id); var other = new LeadRequest(userId); await db.Leads.FirstAsync(l => l.Id == request.LeadId && l.TeamId == teamId); other.LeadId = userId; await db.Notes.Where(n => n.LeadId == request.LeadId).{|TSA1001:ToListAsync()|};", EfCoreVersion.Ef10)]
    public Task A_key_read_from_a_request_counts_while_nothing_assigns_it(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RelatedQuerySources.InService(
                body,
                types: """
                    public class LeadRequest(Guid leadId)
                    {
                        public Guid LeadId { get; set; } = leadId;
                        public Guid OtherLeadId { get; set; }
                    }

                    public class LeadDto
                    {
                        public Guid LeadId { get; set; }
                    }

                    """),
            ef);

    /// <summary>A nullable relationship key matched against loaded ids through <c>.Value</c> is tied to those rows as the key itself is.</summary>
    [Theory]
    [InlineData("var leads = await db.Leads.Where(l => l.TeamId == teamId).ToListAsync(); var leadIds = leads.Select(l => l.Id).ToList(); await db.Set<Refund>().Where(r => r.LeadId != null && leadIds.Contains(r.LeadId.Value)).ToListAsync();", EfCoreVersion.Ef8)]
    [InlineData("var leads = await db.Leads.Where(l => l.TeamId == teamId).ToListAsync(); var leadIds = leads.Select(l => l.Id).ToList(); await db.Set<Refund>().Where(r => r.LeadId != null && leadIds.Contains(r.LeadId.Value)).ToListAsync();", EfCoreVersion.Ef10)]
    [InlineData("await db.Set<Refund>().Where(r => r.LeadId != null && ids!.Contains(r.LeadId.Value)).{|TSA1001:ToListAsync()|};", EfCoreVersion.Ef10)]
    public Task A_nullable_key_matched_against_loaded_ids_is_tied_to_them(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RelatedQuerySources.InService(
                body,
                types: """
                    public class Refund : ITeamOwned
                    {
                        public Guid Id { get; set; }
                        public Guid TeamId { get; set; }
                        public Guid? LeadId { get; set; }
                    }

                    """),
            ef);

    /// <summary>
    /// A row read from the shared rows (<c>TeamId == null</c>: a template every team uses) stands for no team: the rows
    /// tied to it are every team's. A row of the team's own stands for the team.
    /// </summary>
    [Theory]
    [InlineData("var shared = db.Templates.First(t => t.TeamId == null && t.Name == status); db.Set<TemplateUse>().Where(u => u.TemplateId == shared.Id).{|TSA1001:ToList()|};", EfCoreVersion.Ef8)]
    [InlineData("var shared = db.Templates.First(t => t.TeamId == null && t.Name == status); db.Set<TemplateUse>().Where(u => u.TemplateId == shared.Id).{|TSA1001:ToList()|};", EfCoreVersion.Ef10)]
    [InlineData("var sharedId = await db.Templates.Where(t => t.TeamId == teamId || t.TeamId == null).Select(t => t.Id).FirstAsync(); db.Set<TemplateUse>().Where(u => u.TemplateId == sharedId).{|TSA1001:ToList()|};", EfCoreVersion.Ef10)]
    [InlineData("db.Templates.First(t => t.Id == id && t.TeamId == null); db.Set<TemplateUse>().Where(u => u.TemplateId == id).{|TSA1001:ToList()|};", EfCoreVersion.Ef10)]
    [InlineData("var own = db.Templates.First(t => t.TeamId == teamId && t.Name == status); db.Set<TemplateUse>().Where(u => u.TemplateId == own.Id).ToList();", EfCoreVersion.Ef8)]
    [InlineData("var own = db.Templates.First(t => t.TeamId == teamId && t.Name == status); db.Set<TemplateUse>().Where(u => u.TemplateId == own.Id).ToList();", EfCoreVersion.Ef10)]
    [InlineData("db.Templates.First(t => t.Id == id && t.TeamId == teamId); db.Set<TemplateUse>().Where(u => u.TemplateId == id).ToList();", EfCoreVersion.Ef10)]
    public Task Rows_tied_to_a_shared_row_are_every_teams(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RelatedQuerySources.InService(
                body,
                types: """
                    public class TemplateUse : ITeamOwned
                    {
                        public Guid Id { get; set; }
                        public Guid TeamId { get; set; }
                        public Guid TemplateId { get; set; }
                        public Template? Template { get; set; }
                    }

                    """),
            ef);

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Scope_through_relationships_is_followed(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Unscoped_relationship_is_reported_at_its_source(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    /// <summary>
    /// A project with no DbContext of its own queries another project's entity-set interface: its model holds no
    /// relationship, so the principal is the class named like the configured key without <c>Id</c>.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task The_principal_of_a_project_without_a_DbContext_is_named_by_the_key(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            [
                """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                public class Business { public Guid Id { get; set; } public string Name { get; set; } = ""; public ICollection<Shop> Shops { get; set; } = new List<Shop>(); }
                public class Shop { public Guid Id { get; set; } public Guid BusinessId { get; set; } public Business Business { get; set; } = null!; }

                public interface IAppDb
                {
                    DbSet<Business> Businesses { get; }
                    DbSet<Shop> Shops { get; }
                }

                public class Directory(IAppDb db)
                {
                    public List<Shop> OfOne(Guid businessId) => db.Businesses.Where(b => b.Id == businessId).SelectMany(b => b.Shops).ToList();
                    public Task<Business> WithShops(Guid businessId) => db.Businesses.Include(b => b.Shops).FirstAsync(b => b.Id == businessId);
                    public List<Business> Everyones() => db.Businesses.Include(b => {|TSA1001:b.Shops|}).ToList();
                    public List<Shop> ByName(string name) => db.Businesses.Where(b => b.Name == name).SelectMany(b => {|TSA1001:b.Shops|}).ToList();
                }
                """,
            ],
            ef,
            "root = true\n[*.cs]\ntenant_safety.tenant_property = BusinessId\n");
}
