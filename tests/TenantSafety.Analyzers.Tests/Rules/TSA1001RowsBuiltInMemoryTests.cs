using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A row a helper builds in memory is no row loaded before: a factory (<c>NewNote() =&gt; new()</c>) or a mapper that
/// copies a request's id (<c>ToNote(this NoteDto dto) =&gt; new() { Id = dto.Id }</c>) hands out whatever key the caller
/// put there, so a lookup by it is a lookup by the request's id (an insecure direct object reference). A helper that
/// loads the row, or may, still hands out a loaded one.
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
        "public Note? Inline(NoteDto dto) { var note = new Note { Id = dto.Id }; return db.Notes.{|TSA1001:FirstOrDefault(n => n.Id == note.Id)|}; }");

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "public Note? Loaded(Guid id, Guid tenantId) { var note = Load(id, tenantId); return db.Notes.FirstOrDefault(n => n.Id == note.Id); }",
        "public Note? MaybeLoaded(Guid id, Guid tenantId) { var note = LoadOrNew(id, tenantId, true); return db.Notes.FirstOrDefault(n => n.Id == note.Id); }");

    [Theory]
    [MemberData(nameof(Reported))]
    public Task A_row_a_helper_builds_in_memory_is_no_loaded_row(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task A_row_a_helper_loads_or_may_load_is_a_loaded_row(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);
}
