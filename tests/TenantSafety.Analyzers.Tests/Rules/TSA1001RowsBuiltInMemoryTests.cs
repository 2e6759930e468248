using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A row a helper builds in memory is no row loaded before: a factory (<c>NewNote() =&gt; new()</c>) or a mapper that
/// copies a request's id (<c>ToNote(this NoteDto dto) =&gt; new() { Id = dto.Id }</c>) hands out whatever key the caller
/// put there, so a lookup by it is a lookup by the request's id (an insecure direct object reference). A helper that
/// loads the row, or may, still hands out a loaded one. A row the method creates itself with <c>new</c>, whose key nothing
/// sets (EF Core generates it on <c>Add</c>) or sets to <c>Guid.NewGuid()</c>, is read back by a key no caller chose.
/// </summary>
public sealed class TSA1001RowsBuiltInMemoryTests
{
    private static string Source(string members) => $$"""
        public class Note
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Text { get; set; } = "";
        }

        public record NoteDto(Guid Id, string Text);

        public class NotesDb : DbContext
        {
            public DbSet<Note> Notes { get; set; } = null!;
        }

        public static class NoteMapping
        {
            public static Note ToNote(this NoteDto dto) => new() { Id = dto.Id, Text = dto.Text };
        }

        public sealed class NoteService(NotesDb db)
        {
            private static Note NewNote() => new() { Text = "draft" };

            private static Note Copy(NoteDto dto)
            {
                var note = new Note();
                note.Id = dto.Id;
                return note;
            }

            private Note Load(Guid id, Guid tenantId) => db.Notes.First(n => n.Id == id && n.TenantId == tenantId);

            private Note LoadOrNew(Guid id, Guid tenantId, bool existing)
            {
                var note = new Note();
                if (existing)
                {
                    note = Load(id, tenantId);
                }

                return note;
            }

            {{members}}
        }
        """;

    public static TheoryData<string, EfCoreVersion> Reported => RuleSources.WithEachEf(
        "public Note? Mapped(NoteDto dto) { var incoming = dto.ToNote(); return db.Notes.{|TSA1001:FirstOrDefault(n => n.Id == incoming.Id)|}; }",
        "public Note? Factory() { var note = NewNote(); db.Notes.Add(note); db.SaveChanges(); return db.Notes.{|TSA1001:SingleOrDefault(n => n.Id == note.Id)|}; }",
        "public Note? Copied(NoteDto dto) { var note = Copy(dto); return db.Notes.{|TSA1001:FirstOrDefault(n => n.Id == note.Id)|}; }",
        "public Note? Inline(NoteDto dto) { var note = new Note { Id = dto.Id }; return db.Notes.{|TSA1001:FirstOrDefault(n => n.Id == note.Id)|}; }",
        // Created here, but the key is the caller's: set after creation, or by code that may copy it.
        "public Note Assigned(Guid id, string text) { var note = new Note { Text = text }; note.Id = id; db.Notes.Add(note); db.SaveChanges(); return db.Notes.{|TSA1001:Single(n => n.Id == note.Id)|}; }",
        "public Note Filled(NoteDto dto) { var note = new Note(); Fill(note, dto); db.Notes.Add(note); db.SaveChanges(); return db.Notes.{|TSA1001:Single(n => n.Id == note.Id)|}; } private static void Fill(Note note, NoteDto dto) => note.Id = dto.Id;",
        // Filled before a deferred query runs: EF Core reads the key when it runs, after the fill.
        "public List<Note> FilledBeforeRun(NoteDto dto) { var note = new Note(); db.Notes.Add(note); var query = db.Notes.Where(n => n.Id == note.Id); Fill(note, dto); return query.{|TSA1001:ToList()|}; } private static void Fill(Note note, NoteDto dto) => note.Id = dto.Id;",
        // Filled in a loop around the lookup: the next lookup reads what the fill wrote.
        "public void FilledInLoop(NoteDto[] dtos) { var note = new Note(); db.Notes.Add(note); foreach (var dto in dtos) { db.Notes.{|TSA1001:Single(n => n.Id == note.Id)|}; Fill(note, dto); } } private static void Fill(Note note, NoteDto dto) => note.Id = dto.Id;",
        "public Note Reassigned(NoteDto dto, string text) { var note = new Note { Text = text }; note = dto.ToNote(); return db.Notes.{|TSA1001:Single(n => n.Id == note.Id)|}; }",
        "public Note MaybeReassigned(NoteDto dto, string text, bool copy) { var note = new Note { Text = text }; if (copy) { note = dto.ToNote(); } return db.Notes.{|TSA1001:Single(n => n.Id == note.Id)|}; }");

    public static TheoryData<string, EfCoreVersion> Generated => RuleSources.WithEachEf(
        "public Note Created(string text) { var note = new Note { Text = text }; db.Notes.Add(note); db.SaveChanges(); return db.Notes.Single(n => n.Id == note.Id); }",
        "public Note NewGuid(string text) { var note = new Note { Id = Guid.NewGuid(), Text = text }; db.Add(note); db.SaveChanges(); return db.Notes.Single(n => n.Id == note.Id); }",
        "public async Task<Note> CreatedAsync(string text) { var note = new Note(); note.Text = text; await db.Notes.AddAsync(note); await db.SaveChangesAsync(); return await db.Notes.FirstAsync(n => n.Id == note.Id); }",
        "public async Task<Note> ReloadedIntoTheLocal(string text) { var note = new Note { Text = text }; db.Notes.Add(note); await db.SaveChangesAsync(); note = await db.Notes.FirstAsync(n => n.Id == note.Id); return note; }",
        // Handed to code that may set the key only once the lookup ran: the lookup read the generated key.
        "public Note FilledAfter(NoteDto dto) { var note = new Note(); db.Notes.Add(note); db.SaveChanges(); var found = db.Notes.Single(n => n.Id == note.Id); Fill(note, dto); return found; } private static void Fill(Note note, NoteDto dto) => note.Id = dto.Id;",
        "public async Task<string> MappedAfterLookup(string text, bool flag) { var note = new Note { Text = text }; db.Notes.Add(note); await db.SaveChangesAsync(); var id = note.Id; var count = db.Notes.Count(n => n.Id == id); if (flag) { return Render(note) + count; } return Render(note); } private static string Render(Note note) => note.Text;",
        "public async Task<string> ReloadedThenMapped(string text) { var note = new Note { Text = text }; db.Notes.Add(note); await db.SaveChangesAsync(); note = await db.Notes.FirstAsync(n => n.Id == note.Id); return Describe(note); } private static string Describe(Note note) => note.Text;");

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "public Note? Loaded(Guid id, Guid tenantId) { var note = Load(id, tenantId); return db.Notes.FirstOrDefault(n => n.Id == note.Id); }",
        "public Note? MaybeLoaded(Guid id, Guid tenantId) { var note = LoadOrNew(id, tenantId, true); return db.Notes.FirstOrDefault(n => n.Id == note.Id); }");

    [Theory]
    [MemberData(nameof(Reported))]
    public Task A_row_a_helper_builds_in_memory_is_no_loaded_row(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Generated))]
    public Task A_row_created_here_is_read_back_by_its_generated_key(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task A_row_a_helper_loads_or_may_load_is_a_loaded_row(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);
}
