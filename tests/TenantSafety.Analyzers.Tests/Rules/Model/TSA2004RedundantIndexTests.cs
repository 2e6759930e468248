using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.RedundantIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2004: an explicit plain index whose columns are a leading prefix of another index or key on the same table,
/// reported at its <c>HasIndex</c> call or <c>[Index]</c> attribute. Unique, partial, covering and non-btree indexes,
/// indexes with another direction pattern, EF Core's implicit foreign-key indexes and single indexes are not.
/// </summary>
public sealed class TSA2004RedundantIndexTests
{
    private static string Fluent(string statements, string types = "", string members = "", string dbSets = "public DbSet<Message> Messages => Set<Message>();") =>
        ModelSources.Model(onModelCreating: statements, types: types + IndexStandIns, members: members, dbSets: dbSets);

    private static string Attributes(string attributes, string statements = "") =>
        ModelSources.Model(attributes: attributes, onModelCreating: statements, types: IndexStandIns);

    /// <summary>Stand-ins for the provider's index extensions (Npgsql's HasMethod and IncludeProperties): the tests reference no provider.</summary>
    private const string IndexStandIns = """

        public static class ProviderIndexExtensions
        {
            public static IndexBuilder<T> HasMethod<T>(this IndexBuilder<T> builder, string method) => builder;

            public static IndexBuilder<T> IncludeProperties<T>(this IndexBuilder<T> builder, Expression<Func<T, object?>> properties) => builder;
        }

        """;

    private const string E = "        modelBuilder.Entity<Message>().";

    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        // A single column that leads a composite index, whichever is written first.
        Fluent(E + "{|TSA2004:HasIndex(m => m.TeamId)|};\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "HasIndex(m => new { m.TeamId, m.Status });\n" + E + "{|TSA2004:HasIndex(m => m.TeamId)|};"),
        Fluent(E + "{|TSA2004:HasIndex(\"TeamId\")|}.HasDatabaseName(\"ix_messages_team\");\n" + E + "HasIndex(\"TeamId\", \"Status\");"),
        // A composite prefix.
        Fluent(E + "{|TSA2004:HasIndex(m => new { m.TeamId, m.Status })|};\n" + E + "HasIndex(m => new { m.TeamId, m.Status, m.CreatedAt });"),
        // Two distinct indexes on the same columns (EF Core tells named indexes apart by name, and a named one from
        // the unnamed one): only the later one.
        Fluent(E + "HasIndex(m => m.TeamId, \"ix_a\");\n" + E + "{|TSA2004:HasIndex(m => m.TeamId, \"ix_b\")|};"),
        Fluent(E + "HasIndex(m => m.TeamId);\n" + E + "{|TSA2004:HasIndex(m => m.TeamId, \"ix_team\")|};"),
        Fluent(E + "HasIndex(m => m.TeamId, \"ix_team\");\n" + E + "{|TSA2004:HasIndex(m => m.TeamId)|}.HasDatabaseName(\"ix_team_2\");"),
        Attributes("[Index(nameof(TeamId), Name = \"ix_a\")]\n[{|TSA2004:Index(nameof(TeamId), Name = \"ix_b\")|}]"),
        // …an attribute is read after the fluent API: of an unnamed [Index] and a named HasIndex, the attribute goes.
        Attributes("[{|TSA2004:Index(nameof(TeamId))|}]", E + "HasIndex(m => m.TeamId, \"ix_team\");"),
        // One index declared in several places that is a prefix of another: reported at each of its declarations.
        Attributes("[{|TSA2004:Index(nameof(TeamId))|}]", E + "{|TSA2004:HasIndex(m => m.TeamId)|}.HasDatabaseName(\"ix_team\");\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "{|TSA2004:HasIndex(m => m.TeamId)|};\n" + E + "{|TSA2004:HasIndex(m => m.TeamId)|}.HasDatabaseName(\"ix_team\");\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        // The fluent call's settings win over the attribute's: IsUnique(false) makes the merged index a plain one.
        Attributes("[{|TSA2004:Index(nameof(TeamId), IsUnique = true)|}]", E + "{|TSA2004:HasIndex(m => m.TeamId)|}.IsUnique(false);\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        // A unique index serves every query a plain one on the same columns does.
        Fluent(E + "{|TSA2004:HasIndex(m => m.TeamId)|};\n" + E + "HasIndex(m => new { m.TeamId, m.Number }).IsUnique();"),
        // The primary key (by convention or configured) and an alternate key.
        Fluent(E + "{|TSA2004:HasIndex(m => m.Id)|};"),
        // A unique index on exactly a key's columns: the key's own unique index already enforces it.
        Fluent(E + "{|TSA2004:HasIndex(m => m.Id)|}.IsUnique();"),
        Fluent(E + "HasKey(m => new { m.TeamId, m.Id });\n" + E + "{|TSA2004:HasIndex(m => new { m.TeamId, m.Id })|}.IsUnique();"),
        Fluent(E + "HasAlternateKey(m => new { m.TeamId, m.Number });\n" + E + "{|TSA2004:HasIndex(m => new { m.TeamId, m.Number })|}.IsUnique();"),
        Attributes("[{|TSA2004:Index(nameof(Id), IsUnique = true)|}]"),
        // …or of an earlier unique index: the later one.
        Fluent(E + "HasIndex(m => m.Number, \"ix_a\").IsUnique();\n" + E + "{|TSA2004:HasIndex(m => m.Number, \"ix_b\")|}.IsUnique();"),
        Fluent(E + "HasKey(m => new { m.TeamId, m.Id });\n" + E + "{|TSA2004:HasIndex(m => m.TeamId)|};"),
        Fluent(E + "HasAlternateKey(m => new { m.TeamId, m.Number });\n" + E + "{|TSA2004:HasIndex(m => m.TeamId)|};"),
        Attributes("[PrimaryKey(nameof(TeamId), nameof(Id))]", E + "{|TSA2004:HasIndex(m => m.TeamId)|};"),
        // Directions: any direction on one column; the same or the reversed pattern on several.
        Fluent(E + "{|TSA2004:HasIndex(m => m.TeamId)|}.IsDescending();\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "{|TSA2004:HasIndex(m => new { m.TeamId, m.CreatedAt })|}.IsDescending();\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt, m.Status });"),
        Fluent(E + "{|TSA2004:HasIndex(m => new { m.TeamId, m.CreatedAt })|}.IsDescending(false, true);\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt, m.Status }).IsDescending(false, true, false);"),
        Fluent(E + "{|TSA2004:HasIndex(m => new { m.TeamId, m.CreatedAt })|}.IsDescending(false, true);\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt, m.Status }).IsDescending(true, false, true);"),
        // A btree index named as such is a plain index.
        Fluent(E + "{|TSA2004:HasIndex(m => m.TeamId)|}.HasMethod(\"btree\");\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        // In an Entity<T> lambda and across configuration places.
        Fluent("        modelBuilder.Entity<Message>(b =>\n        {\n            b.{|TSA2004:HasIndex(m => m.TeamId)|};\n            b.HasIndex(m => new { m.TeamId, m.Status });\n        });"),
        Fluent(E + "HasIndex(m => new { m.TeamId, m.Status });", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.{|TSA2004:HasIndex(m => m.TeamId)|};
            }
            """),
        // The attribute form, alone and with fluent indexes.
        Attributes("[{|TSA2004:Index(nameof(TeamId))|}]\n[Index(nameof(TeamId), nameof(Status))]"),
        Attributes("[{|TSA2004:Index(nameof(TeamId), nameof(Status), Name = \"ix_team_status\")|}]\n[Index(nameof(TeamId), nameof(Status), nameof(CreatedAt))]"),
        Attributes("[{|TSA2004:Index(nameof(TeamId))|}]", E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Attributes("[Index(nameof(TeamId), nameof(Status))]", E + "{|TSA2004:HasIndex(m => m.TeamId)|};"),
        // A derived entity shares its base's table (TPH), and its indexes.
        Fluent(
            E + "HasIndex(m => new { m.TeamId, m.Status });\n        modelBuilder.Entity<SmsMessage>().{|TSA2004:HasIndex(m => m.TeamId)|};",
            types: "public class SmsMessage : Message { public string Phone { get; set; } = \"\"; }",
            dbSets: "public DbSet<Message> Messages => Set<Message>();\n    public DbSet<SmsMessage> Sms => Set<SmsMessage>();"));

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        // A single index, and indexes that do not share a leading prefix.
        Fluent(E + "HasIndex(m => m.TeamId);"),
        Fluent(E + "HasIndex(m => m.Status);\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "HasIndex(m => new { m.Status, m.TeamId });\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "HasIndex(m => new { m.TeamId, m.CreatedAt });\n" + E + "HasIndex(m => new { m.TeamId, m.Status, m.CreatedAt });"),
        Fluent(E + "HasIndex(m => new { m.TeamId, m.Status, m.CreatedAt });\n" + E + "HasIndex(m => new { m.TeamId, m.Number });"),
        Attributes("[Index(nameof(TeamId), nameof(Status))]\n[Index(nameof(Status))]"),
        // EF Core merges declarations of one unnamed index (by its columns) or one named index (by its name): the
        // later declaration configures the same index, it adds none.
        Fluent(E + "HasIndex(m => m.TeamId);\n" + E + "HasIndex(m => m.TeamId);"),
        Fluent(E + "HasIndex(m => m.TeamId);\n" + E + "HasIndex(m => m.TeamId).HasDatabaseName(\"ix_messages_team\");"),
        Fluent(E + "HasIndex(m => m.TeamId, \"ix_team\");\n" + E + "HasIndex(m => m.TeamId, \"ix_team\").HasDatabaseName(\"ix_messages_team\");"),
        Fluent(E + "HasIndex(\"TeamId\");\n" + E + "HasIndex(m => m.TeamId);"),
        Attributes("[Index(nameof(TeamId))]", E + "HasIndex(m => m.TeamId).HasDatabaseName(\"ix_messages_team\");"),
        Attributes("[Index(nameof(TeamId), nameof(Status), Name = \"ix_team_status\")]", E + "HasIndex(m => new { m.TeamId, m.Status }, \"ix_team_status\").IsDescending(false, true);"),
        Fluent(E + "HasIndex(m => m.TeamId);", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasIndex(m => m.TeamId).HasDatabaseName("ix_messages_team");
            }
            """),
        // A TPH derived type's HasIndex on its base's index columns configures the base's index.
        Fluent(
            E + "HasIndex(m => m.TeamId);\n        modelBuilder.Entity<SmsMessage>().HasIndex(m => m.TeamId);",
            types: "public class SmsMessage : Message { public string Phone { get; set; } = \"\"; }",
            dbSets: "public DbSet<Message> Messages => Set<Message>();\n    public DbSet<SmsMessage> Sms => Set<SmsMessage>();"),
        // The merged index is unique when the fluent call says so, even if the attribute did not.
        Attributes("[Index(nameof(TeamId))]", E + "HasIndex(m => m.TeamId).IsUnique();\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        // …and a filter on any declaration makes the merged index partial.
        Attributes("[Index(nameof(TeamId))]", E + "HasIndex(m => m.TeamId).HasFilter(\"status = 'open'\");\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        // The longer index is not the one reported.
        Fluent(E + "HasIndex(m => new { m.TeamId, m.Status, m.CreatedAt });\n" + E + "HasIndex(m => new { m.CreatedAt, m.TeamId });"),
        // Unique, partial, covering and non-btree indexes do something the longer index does not.
        Fluent(E + "HasIndex(m => m.TeamId).IsUnique();\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        // A unique index on a prefix of a key, or on its columns in another order, constrains or serves what the key does not.
        Fluent(E + "HasKey(m => new { m.TeamId, m.Id });\n" + E + "HasIndex(m => m.TeamId).IsUnique();"),
        Fluent(E + "HasKey(m => new { m.TeamId, m.Id });\n" + E + "HasIndex(m => new { m.Id, m.TeamId }).IsUnique();"),
        Fluent(E + "HasIndex(m => m.Id).IsUnique().HasFilter(\"status = 'open'\");"),
        Attributes("[Index(nameof(TeamId), IsUnique = true)]\n[Index(nameof(TeamId), nameof(Status))]"),
        Fluent(E + "HasIndex(m => m.TeamId).HasFilter(\"status = 'open'\");\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "HasIndex(m => m.TeamId).HasMethod(\"gin\");\n" + E + "HasIndex(m => new { m.TeamId, m.Status });"),
        Fluent(E + "HasIndex(m => m.TeamId).IncludeProperties(m => new { m.Status });\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt });"),
        // …and a partial, covering or non-btree longer index does not make a plain one redundant.
        Fluent(E + "HasIndex(m => m.TeamId);\n" + E + "HasIndex(m => new { m.TeamId, m.Status }).HasFilter(\"status = 'open'\");"),
        Fluent(E + "HasIndex(m => m.TeamId);\n" + E + "HasIndex(m => new { m.TeamId, m.Status }).HasMethod(\"gin\");"),
        Fluent(E + "HasIndex(m => m.TeamId);\n" + E + "HasIndex(m => new { m.TeamId, m.Status }).IncludeProperties(m => new { m.CreatedAt });"),
        // Another direction pattern on several columns serves other orderings.
        Fluent(E + "HasIndex(m => new { m.TeamId, m.CreatedAt }).IsDescending(false, true);\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt, m.Status });"),
        Fluent(E + "HasIndex(m => new { m.TeamId, m.CreatedAt });\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt, m.Status }).IsDescending(false, true, false);"),
        Attributes("[Index(nameof(TeamId), nameof(CreatedAt), IsDescending = new[] { false, true })]\n[Index(nameof(TeamId), nameof(CreatedAt), nameof(Status))]"),
        // EF Core's foreign-key index is implicit: never reported, and an explicit one replaces it.
        Fluent("", members: "    public Team? Team { get; set; }"),
        Fluent(E + "HasIndex(m => new { m.TeamId, m.Status });", members: "    public Team? Team { get; set; }"),
        Fluent(E + "HasOne<Team>().WithMany().HasForeignKey(m => m.OwnerTeamId);\n" + E + "HasIndex(m => new { m.OwnerTeamId, m.Status });"),
        // Indexes of different tables.
        Fluent(
            E + "HasIndex(m => m.TeamId);\n        modelBuilder.Entity<Note>().HasIndex(n => new { n.TeamId, n.Status });",
            types: "public class Note { public Guid Id { get; set; } public Guid TeamId { get; set; } public string Status { get; set; } = \"\"; }",
            dbSets: "public DbSet<Message> Messages => Set<Message>();\n    public DbSet<Note> Notes => Set<Note>();"));

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Index_that_is_a_prefix_of_another_is_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Index_that_serves_queries_no_other_index_serves_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Fact]
    public async Task Message_names_both_indexes_with_their_directions()
    {
        await Verify.VerifyAnalyzerAsync(
            Fluent(E + "{|#0:HasIndex(m => new { m.TeamId, m.CreatedAt })|}.IsDescending(false, true);\n" + E + "HasIndex(m => new { m.TeamId, m.CreatedAt, m.Status }).IsDescending(false, true, false);"),
            Verify.Diagnostic("TSA2004").WithLocation(0).WithArguments("TeamId, CreatedAt DESC", "Message", "index (TeamId, CreatedAt DESC, Status)"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Message_calls_a_key_the_primary_key_or_the_alternate_key(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            Fluent(E + "{|#0:HasIndex(m => m.Id)|};"),
            ef,
            Verify.Diagnostic("TSA2004").WithLocation(0).WithArguments("Id", "Message", "the primary key (Id)"));
        await Verify.VerifyAnalyzerAsync(
            Fluent(E + "HasKey(m => new { m.TeamId, m.Id });\n" + E + "{|#0:HasIndex(m => m.TeamId)|};"),
            ef,
            Verify.Diagnostic("TSA2004").WithLocation(0).WithArguments("TeamId", "Message", "the primary key (TeamId, Id)"));
        await Verify.VerifyAnalyzerAsync(
            Fluent(E + "HasAlternateKey(m => new { m.TeamId, m.Number });\n" + E + "{|#0:HasIndex(m => m.TeamId)|};"),
            ef,
            Verify.Diagnostic("TSA2004").WithLocation(0).WithArguments("TeamId", "Message", "the alternate key (TeamId, Number)"));
    }

    [Fact]
    public async Task Reported_in_the_configuration_file_and_at_the_attribute_in_the_entity_file()
    {
        const string Entity = """
            [{|TSA2004:Index(nameof(Status))|}]
            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Status { get; set; } = "";
            }

            """;
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.{|TSA2004:HasIndex(m => m.TeamId)|};
                    builder.HasIndex(m => new { m.TeamId, m.Status });
                    builder.HasIndex(m => new { m.Status, m.TeamId });
                }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
            }

            """;
        await Verify.VerifyAnalyzerAsync([Entity, Configuration], EfCoreVersion.Ef10, editorConfig: null);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Indexes_of_different_contexts_are_compared_only_with_indexes_every_context_has(EfCoreVersion ef)
    {
        // Each context builds its own database model: ReportingContext's (TeamId, Status) does not exist in AppDbContext's
        // database, nor ArchiveContext's (TeamId) in its base's. The configuration class applies to every context.
        const string Source = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Status { get; set; } = "";
                public DateTime CreatedAt { get; set; }
            }

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasIndex(m => new { m.CreatedAt, m.Status });
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfiguration(new MessageConfiguration());
                    modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);
                    modelBuilder.Entity<Message>().{|TSA2004:HasIndex(m => m.CreatedAt)|};
                }
            }

            public class ArchiveContext : AppDbContext
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    base.OnModelCreating(modelBuilder);
                    modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.CreatedAt });
                }
            }

            public class ReportingContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status });
            }

            """;
        await Verify.VerifyAnalyzerAsync(Source, ef);
    }
}
