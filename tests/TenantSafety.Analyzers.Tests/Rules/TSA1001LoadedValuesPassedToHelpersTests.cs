using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A lookup by a key read from a row the method loaded reaches only rows tied to it, written inline or in a private
/// helper the key is passed to: every call of a private method is in its type, so the parameter holds what those calls
/// pass. A helper any call of which passes another value, or whose calls cannot all be seen, is judged as before.
/// </summary>
public sealed class TSA1001LoadedValuesPassedToHelpersTests
{
    private const string LoadNote = "var note = await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId);";

    private const string LeadsOf = "private Task<List<Lead>> LeadsOf(Guid leadId) => db.Leads.Where(l => l.Id == leadId).ToListAsync();";

    private const string ReportedLeadsOf = "private Task<List<Lead>> LeadsOf(Guid leadId) => db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|};";

    private const string NotesOfLead = "private Task<List<Note>> NotesOfLead(Guid leadId) => db.Notes.Where(n => n.LeadId == leadId).ToListAsync();";

    private const string ReportedNotesOfLead = "private Task<List<Note>> NotesOfLead(Guid leadId) => db.Notes.Where(n => n.LeadId == leadId).{|TSA1001:ToListAsync()|};";

    public static TheoryData<string, string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        // Every call passes a loaded row's key.
        (LoadNote + " await LeadsOf(note.LeadId);", LeadsOf),
        (LoadNote + " var leadId = note.LeadId; await LeadsOf(leadId); await this.LeadsOf(note.LeadId);", LeadsOf),
        (LoadNote + " await LeadsOf(leadId: note.LeadId);", LeadsOf),
        // The loaded row itself passed, its key read in the helper.
        (LoadNote + " await LeadOf(note);", "private Task<List<Lead>> LeadOf(Note note) => db.Leads.Where(l => l.Id == note.LeadId).ToListAsync();"),
        // A block body, Find, and a second key the same call passes.
        (LoadNote + " await NotesOf(note.LeadId, note.Id);",
            "private async Task<int> NotesOf(Guid leadId, Guid noteId) { var lead = await db.Leads.FindAsync(leadId); return await db.Notes.CountAsync(n => n.LeadId == leadId && n.Id != noteId); }"),
        // Passed on through another private helper, and from inside a lambda of the caller.
        (LoadNote + " await Outer(note.LeadId);", "private Task Outer(Guid leadId) => LeadsOf(leadId); " + LeadsOf),
        (LoadNote + " Func<Task> load = () => LeadsOf(note.LeadId); await load();", LeadsOf),
        // Passed on through helpers four deep.
        (LoadNote + " await A(note.LeadId);", "private Task A(Guid x) => B(x); private Task B(Guid x) => C(x); private Task C(Guid x) => D(x); private Task D(Guid leadId) => db.Leads.Where(l => l.Id == leadId).ToListAsync();"),
        // Two helpers that call each other, entered only with loaded keys.
        (LoadNote + " await Ping(note.LeadId);",
            "private async Task Ping(Guid leadId) { await db.Leads.Where(l => l.Id == leadId).ToListAsync(); await Pong(leadId, 1); } private Task Pong(Guid leadId, int n) => n > 0 ? Ping(leadId) : Task.CompletedTask;"),
        // The key a lookup matched (`id` after a lookup of the Lead by it), passed on: it is that Lead's key in the helper too.
        ("var lead = await db.Leads.FirstAsync(l => l.Id == id && l.TeamId == teamId); await NotesOfLead(id);", NotesOfLead),
        ("if (!await db.Leads.AnyAsync(l => l.Id == id && l.TeamId == teamId)) return; await NotesOfLead(id);", NotesOfLead),
        ("var lead = await db.Leads.FirstAsync(l => l.Id == id && l.TeamId == teamId); await Outer(id);", "private Task Outer(Guid leadId) => NotesOfLead(leadId); " + NotesOfLead),
        // Rows a private helper loaded and returns as a list: their keys are loaded values.
        ("var mine = await OpenLeads(); var leadIds = mine.Select(l => l.Id).ToList(); await db.Notes.Where(n => leadIds.Contains(n.LeadId)).ToListAsync();",
            "private Task<List<Lead>> OpenLeads() => db.Leads.Where(l => !l.Closed && l.TeamId == Guid.Empty).ToListAsync();"),
        // A helper that calls itself with the same parameter adds no value of its own.
        (LoadNote + " await Chain(note.LeadId, 3);",
            "private async Task Chain(Guid leadId, int depth) { await db.Leads.Where(l => l.Id == leadId).ToListAsync(); if (depth > 0) { await Chain(leadId, depth - 1); } }"));

    public static TheoryData<string, string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        // One call passes a value from the caller's own caller.
        (LoadNote + " await LeadsOf(note.LeadId); await LeadsOf(id);", ReportedLeadsOf),
        // Used as a delegate, or by name: its calls are not all in sight.
        (LoadNote + " await LeadsOf(note.LeadId); Func<Guid, Task<List<Lead>>> load = LeadsOf;", ReportedLeadsOf),
        (LoadNote + " await LeadsOf(note.LeadId); _ = nameof(LeadsOf);", ReportedLeadsOf),
        // A row the caller was handed, not one it loaded.
        (LoadNote + " await LeadOf(note); await LeadOf(new Note { LeadId = id });",
            "private Task<List<Lead>> LeadOf(Note note) => db.Leads.Where(l => l.Id == note.LeadId).{|TSA1001:ToListAsync()|};"),
        // Passed on through helpers five deep: beyond the limit the key is not followed to its loaded row.
        (LoadNote + " await A(note.LeadId);", "private Task A(Guid x) => B(x); private Task B(Guid x) => C(x); private Task C(Guid x) => D(x); private Task D(Guid x) => E(x); private Task E(Guid leadId) => db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|};"),
        // A matched key proves only the entity it was matched on: a Note's id is no Lead's.
        ("var note = await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId); await NotesOfLead(id);", ReportedNotesOfLead),
        // A lookup whose missing row does not stop the method proves nothing.
        ("var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id && l.TeamId == teamId); await NotesOfLead(id);", ReportedNotesOfLead),
        // One call passes a matched key, another an unchecked one.
        ("var lead = await db.Leads.FirstAsync(l => l.Id == id && l.TeamId == teamId); await NotesOfLead(id); await NotesOfLead(userId);", ReportedNotesOfLead),
        // Never called.
        ("await Task.CompletedTask;", ReportedLeadsOf),
        // Not private: another type may call it with any value.
        (LoadNote + " await LeadsOf(note.LeadId);", "internal Task<List<Lead>> LeadsOf(Guid leadId) => db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|};"),
        // Passed on from a helper whose own caller passes an unscoped value.
        (LoadNote + " await Outer(id);", "private Task Outer(Guid leadId) => LeadsOf(leadId); " + ReportedLeadsOf),
        // Two helpers that call each other: the value going round is what the calls into the cycle pass.
        (LoadNote + " await Ping(note.LeadId); await Pong(id, 1);",
            "private async Task Ping(Guid leadId) { await db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|}; await Pong(leadId, 1); } private Task Pong(Guid leadId, int n) => n > 0 ? Ping(leadId) : Task.CompletedTask;"),
        // A helper that calls itself with another value.
        (LoadNote + " await Chain(note.LeadId, 3);",
            "private async Task Chain(Guid leadId, int depth) { await db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|}; if (depth > 0) { await Chain(Guid.NewGuid(), depth - 1); } }"));

    private const string LocalLeadsOf = " Task<List<Lead>> LeadsOf(Guid leadId) => db.Leads.Where(l => l.Id == leadId).ToListAsync();";

    private const string ReportedLocalLeadsOf = " Task<List<Lead>> LeadsOf(Guid leadId) => db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|};";

    /// <summary>A local function is read like a private method: all its calls are in the member that declares it.</summary>
    public static TheoryData<string, EfCoreVersion> ScopedLocalFunctions => RuleSources.WithEachEf(
        LoadNote + " await LeadsOf(note.LeadId);" + LocalLeadsOf,
        // Declared before its calls, the loaded row itself passed, its key read in the local function.
        LoadNote + " async Task<int> Count(Note loaded) => await db.Leads.CountAsync(l => l.Id == loaded.LeadId); await Count(note); await Count(note);",
        // Called from a lambda of the member, and passed on through a second local function.
        LoadNote + " Func<Task> load = () => Outer(note.LeadId); await load(); Task Outer(Guid key) => LeadsOf(key);" + LocalLeadsOf,
        // Declared inside a lambda (a minimal API handler) and called there.
        LoadNote + " Func<Task> handler = async () => { await LeadsOf(note.LeadId);" + LocalLeadsOf + " }; await handler();",
        // A key a lookup matched, passed to a local function.
        "if (!await db.Leads.AnyAsync(l => l.Id == id && l.TeamId == teamId)) return; await NotesOfLead(id); Task<List<Note>> NotesOfLead(Guid leadId) => db.Notes.Where(n => n.LeadId == leadId).ToListAsync();");

    public static TheoryData<string, EfCoreVersion> UnscopedLocalFunctions => RuleSources.WithEachEf(
        // One call passes the caller's own parameter.
        LoadNote + " await LeadsOf(note.LeadId); await LeadsOf(id);" + ReportedLocalLeadsOf,
        // Used as a delegate: its calls are not all in sight.
        LoadNote + " await LeadsOf(note.LeadId); Func<Guid, Task<List<Lead>>> load = LeadsOf;" + ReportedLocalLeadsOf,
        // Never called.
        ReportedLocalLeadsOf.TrimStart());

    /// <summary>Another member's local function of the same name, called with any key: another function, whose calls count for nothing here.</summary>
    [Theory]
    [MemberData(nameof(ScopedLocalFunctions))]
    public Task A_local_function_every_call_passes_a_loaded_key_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RelatedQuerySources.InService(body, members: "public async Task Other(Guid key) { await LeadsOf(key); Task<List<Lead>> LeadsOf(Guid leadId) => Task.FromResult(new List<Lead>()); }"),
            ef);

    [Theory]
    [MemberData(nameof(UnscopedLocalFunctions))]
    public Task A_local_function_whose_calls_are_not_all_loaded_keys_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task A_helper_every_call_passes_a_loaded_key_is_not_reported(string body, string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, members: members), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task A_helper_whose_calls_are_not_all_loaded_keys_is_reported(string body, string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body, members: members), ef);

    /// <summary>A call in a nested type, or in another part of the partial type, is one of the calls too.</summary>
    [Theory]
    [InlineData("nested", EfCoreVersion.Ef8)]
    [InlineData("nested", EfCoreVersion.Ef10)]
    [InlineData("part", EfCoreVersion.Ef8)]
    [InlineData("part", EfCoreVersion.Ef10)]
    public Task Calls_from_nested_types_and_other_parts_count(string otherCall, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RelatedQuerySources.Model + $$"""
                public partial class NoteService(AppDbContext db)
                {
                    private Task<List<Lead>> LeadsOf(Guid leadId) => db.Leads.Where(l => l.Id == leadId).{|TSA1001:ToListAsync()|};

                    public async Task Run(Guid id, Guid teamId)
                    {
                        var note = await db.Notes.FirstAsync(n => n.Id == id && n.TeamId == teamId);
                        await LeadsOf(note.LeadId);
                    }

                    private sealed class Worker(NoteService owner)
                    {
                        public Task Run(Guid leadId) => {{(otherCall == "nested" ? "owner.LeadsOf(leadId)" : "Task.CompletedTask")}};
                    }
                }

                public partial class NoteService
                {
                    public Task Other(Guid leadId) => {{(otherCall == "part" ? "LeadsOf(leadId)" : "Task.CompletedTask")}};
                }
                """,
            ef);

    /// <summary>
    /// TSA1005 reads the same: a helper that switches the tenant filter off to find a loaded row's flagged notes is
    /// tied to that row when every call passes its key, and reported when one call passes a key of its own.
    /// </summary>
    [Theory]
    [InlineData(false, EfCoreVersion.Ef8)]
    [InlineData(false, EfCoreVersion.Ef10)]
    [InlineData(true, EfCoreVersion.Ef8)]
    [InlineData(true, EfCoreVersion.Ef10)]
    public Task Ignoring_the_filter_in_a_helper_every_call_passes_a_loaded_key(bool alsoCalledWithAParameter, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RelatedQuerySources.Model + $$"""
            public class FilteredDbContext : DbContext
            {
                public Guid CurrentTeamId { get; set; }
                public DbSet<Lead> Leads { get; set; } = null!;
                public DbSet<Note> Notes { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId);
                    modelBuilder.Entity<Note>().HasQueryFilter(n => n.TeamId == CurrentTeamId && !n.Flagged);
                }
            }

            public class NoteService(FilteredDbContext db)
            {
                public async Task Restore(Guid id)
                {
                    var lead = await db.Leads.FirstAsync(l => l.Id == id);
                    await FlaggedNotesOf(lead.Id);
                }

                public Task Purge(Guid leadId) => {{(alsoCalledWithAParameter ? "FlaggedNotesOf(leadId)" : "Task.CompletedTask")}};

                private Task<List<Note>> FlaggedNotesOf(Guid leadId) =>
                    db.Notes.{{(alsoCalledWithAParameter ? "{|TSA1005:IgnoreQueryFilters()|}" : "IgnoreQueryFilters()")}}.Where(n => n.LeadId == leadId && n.Flagged).ToListAsync();
            }
            """,
            ef);
}
