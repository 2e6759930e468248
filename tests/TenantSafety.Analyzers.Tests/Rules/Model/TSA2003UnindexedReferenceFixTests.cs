using System.Threading.Tasks;
using TenantSafety.Analyzers.CodeFixes.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnindexedReferenceAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2003's two fixes, chosen by equivalence key: <c>HasIndex(e =&gt; e.CampaignId)</c> and the relationship
/// <c>HasOne&lt;Campaign&gt;().WithMany().HasForeignKey(e =&gt; e.CampaignId)</c>, both added where the entity is configured
/// (its IEntityTypeConfiguration in another file, its Entity&lt;T&gt; block, or OnModelCreating, created when missing).
/// </summary>
public sealed class TSA2003UnindexedReferenceFixTests
{
    private const string Entities = """
        public class Campaign
        {
            public Guid Id { get; set; }
        }

        public class Persona
        {
            public Guid Id { get; set; }
        }

        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid CampaignId { get; set; }
            public Guid? PersonaId { get; set; }
        }

        public class Note
        {
            public Guid Id { get; set; }
            public Guid CampaignId { get; set; }
        }

        """;

    /// <summary><see cref="Entities"/> with <paramref name="flagged"/> (<c>Message.CampaignId</c>, …) marked.</summary>
    private static string Flagged(params string[] flagged)
    {
        var text = Entities;
        foreach (var property in flagged)
        {
            var (type, name) = (property.Split('.')[0], property.Split('.')[1]);
            var start = text.IndexOf("public class " + type + "\n", System.StringComparison.Ordinal);
            var at = text.IndexOf(" " + name + " { get; set; }", start, System.StringComparison.Ordinal);
            text = text.Substring(0, at + 1) + "{|TSA2003:" + name + "|}" + text.Substring(at + 1 + name.Length);
        }

        return text;
    }

    private const string Context = """
        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();
            public DbSet<Campaign> Campaigns => Set<Campaign>();
        }

        """;

    private static string WithOnModelCreating(string statement) => Context.Replace(
        "    public DbSet<Campaign> Campaigns => Set<Campaign>();\n",
        "    public DbSet<Campaign> Campaigns => Set<Campaign>();\n\n    protected override void OnModelCreating(ModelBuilder modelBuilder)\n    {\n        " + statement + "\n    }\n",
        System.StringComparison.Ordinal);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Index_fix_adds_HasIndex_in_a_new_OnModelCreating(EfCoreVersion ef)
    {
        await Verify.VerifyFixAllAsync(
            [Flagged("Message.CampaignId").Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"), Context],
            [Entities.Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"), WithOnModelCreating("modelBuilder.Entity<Message>().HasIndex(e => e.CampaignId);")],
            ef,
            equivalenceKey: ModelFixTitles.AddIndexKey);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Relationship_fix_adds_HasOne_WithMany_HasForeignKey_in_a_new_OnModelCreating(EfCoreVersion ef)
    {
        await Verify.VerifyFixAllAsync(
            [Flagged("Message.CampaignId").Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"), Context],
            [Entities.Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"), WithOnModelCreating("modelBuilder.Entity<Message>().HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId);")],
            ef,
            equivalenceKey: ModelFixTitles.AddRelationshipKey);
    }

    [Theory]
    [InlineData(ModelFixTitles.AddIndexKey, "builder.HasIndex(e => e.CampaignId);")]
    [InlineData(ModelFixTitles.AddRelationshipKey, "builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId);")]
    public async Task Both_fixes_go_to_the_entity_type_configuration_in_its_own_file(string equivalenceKey, string added)
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.ToTable("messages");
            }

            """;
        var fixedConfiguration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.ToTable("messages");
                    ADDED
                }
            }

            """.Replace("ADDED", added, System.StringComparison.Ordinal);
        var context = WithOnModelCreating("modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);");
        await Verify.VerifyFixAllAsync(
            [Flagged("Message.CampaignId").Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"), Configuration, context],
            [Entities.Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"), fixedConfiguration, context],
            EfCoreVersion.Ef10,
            equivalenceKey: equivalenceKey);
    }

    [Fact]
    public async Task Both_fixes_are_offered_for_one_diagnostic()
    {
        var test = new Verify.Test
        {
            CodeActionIndex = 1,
            CodeActionEquivalenceKey = ModelFixTitles.AddRelationshipKey,
        };
        test.TestState.Sources.Add(Flagged("Message.CampaignId").Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"));
        test.TestState.Sources.Add(WithOnModelCreating("modelBuilder.Entity<Message>(b => b.ToTable(\"messages\"));"));
        test.FixedState.Sources.Add(Entities.Replace("Persona", "PersonaDto").Replace("class Note", "class NoteDto"));
        test.FixedState.Sources.Add(WithOnModelCreating("""
            modelBuilder.Entity<Message>(b =>
                    {
                        b.ToTable("messages");
                        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId);
                    });
            """));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_relates_every_flagged_reference_of_a_multi_file_project_in_one_pass(EfCoreVersion ef)
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
            {
                public void Configure(EntityTypeBuilder<Note> builder)
                {
                    builder.ToTable("notes");
                }
            }

            """;
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();
                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
                    modelBuilder.Entity<Message>(b =>
                    {
                        b.ToTable("messages");
                    });
                }
            }

            """;
        const string FixedConfiguration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
            {
                public void Configure(EntityTypeBuilder<Note> builder)
                {
                    builder.ToTable("notes");
                    builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId);
                }
            }

            """;
        const string FixedContext = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();
                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
                    modelBuilder.Entity<Message>(b =>
                    {
                        b.ToTable("messages");
                        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId);
                        b.HasOne<Persona>().WithMany().HasForeignKey(e => e.PersonaId);
                    });
                }
            }

            """;
        await Verify.VerifyFixAllAsync(
            [Flagged("Message.CampaignId", "Message.PersonaId", "Note.CampaignId"), Configuration, Context],
            [Entities, FixedConfiguration, FixedContext],
            ef,
            equivalenceKey: ModelFixTitles.AddRelationshipKey);
    }

    [Fact]
    public async Task Fix_all_indexes_every_flagged_reference_in_one_pass()
    {
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();
                public DbSet<Persona> Personas => Set<Persona>();
                public DbSet<Note> Notes => Set<Note>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Note>().ToTable("notes");
                }
            }

            """;
        const string FixedContext = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();
                public DbSet<Persona> Personas => Set<Persona>();
                public DbSet<Note> Notes => Set<Note>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Note>().ToTable("notes");
                    modelBuilder.Entity<Note>().HasIndex(e => e.CampaignId);
                    modelBuilder.Entity<Message>().HasIndex(e => e.CampaignId);
                    modelBuilder.Entity<Message>().HasIndex(e => e.PersonaId);
                }
            }

            """;
        await Verify.VerifyFixAllAsync(
            [Flagged("Message.CampaignId", "Message.PersonaId", "Note.CampaignId"), Context],
            [Entities, FixedContext],
            equivalenceKey: ModelFixTitles.AddIndexKey);
    }
}
