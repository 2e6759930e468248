using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2001: a tenant entity with no index whose first column is the tenant key, reported at the class name.
/// Every form docs/rules/TSA2001.md counts as an index led by the key is a compliant case; each violation is one way a
/// model looks indexed but is not.
/// </summary>
public sealed class TSA2001MissingTenantKeyIndexTests
{
    private const string Flagged = "{|TSA2001:Message|}";

    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        // Mapped by a DbSet and nothing else.
        ModelSources.Model(Flagged),
        // Mapped by Entity<T>() only, and by an IEntityTypeConfiguration only.
        ModelSources.Model(Flagged, dbSets: "", onModelCreating: "        modelBuilder.Entity<Message>().ToTable(\"messages\");"),
        ModelSources.Model(Flagged, dbSets: "", onModelCreating: "        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.Property(m => m.Status).HasMaxLength(20);
            }
            """),
        // The tenant key is not the leading column.
        ModelSources.Model(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.Status, m.TeamId });"),
        ModelSources.Model(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(\"Status\", \"TeamId\");"),
        ModelSources.Model(Flagged, attributes: "[Index(nameof(Status), nameof(TeamId))]"),
        ModelSources.Model(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasKey(m => new { m.Id, m.TeamId });"),
        // Another column of the same name prefix, or another entity's index.
        ModelSources.Model(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.OwnerTeamId);"),
        ModelSources.Model(Flagged, onModelCreating: "        modelBuilder.Entity<Other>().HasIndex(o => o.TeamId);", types: "public class Other { public Guid Id { get; set; } public Guid TeamId { get; set; } }"),
        // A navigation to Team whose foreign key is another column: TeamId gets no index from it.
        ModelSources.Model(Flagged, members: "    public Team? Owner { get; set; }", onModelCreating: "        modelBuilder.Entity<Message>().HasOne(m => m.Owner).WithMany().HasForeignKey(m => m.OwnerTeamId);"),
        ModelSources.Model(Flagged, members: "    [ForeignKey(nameof(OwnerTeamId))] public Team? Team { get; set; }"),
        // The foreign-key index convention is switched off.
        ModelSources.Model(Flagged, members: "    public Team? Team { get; set; }", types: """
            public class ConventionsContext : AppDbContext
            {
                protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
                    configurationBuilder.Conventions.Remove(typeof(Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention));
            }
            """),
        // A migration's target model and the model snapshot describe an earlier model, not the app's.
        ModelSources.Model(Flagged, types: """
            [Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(AppDbContext))]
            public class AppDbContextModelSnapshot : Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot
            {
                protected override void BuildModel(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity("Message", b =>
                    {
                        b.Property<Guid>("TeamId");
                        b.HasIndex("TeamId");
                    });
                }
            }

            public class AddMessages : Microsoft.EntityFrameworkCore.Migrations.Migration
            {
                protected override void Up(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder)
                {
                }

                protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity("Message", b => b.HasIndex("TeamId"));
            }
            """),
        // A string-named entity's builder indexes that entity only.
        ModelSources.Model(Flagged, onModelCreating: "        modelBuilder.Entity(\"Other\", b => b.HasIndex(\"TeamId\"));", types: "public class Other { public Guid Id { get; set; } public Guid TeamId { get; set; } }"),
        // An entity EF Core discovers through a navigation of a mapped one.
        ModelSources.Model(Flagged, dbSets: "public DbSet<Thread> Threads => Set<Thread>();", types: """
            public class Thread
            {
                public Guid Id { get; set; }
                public List<Message> Messages { get; set; } = new();
            }
            """));

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        // HasIndex in OnModelCreating: chained, in an Entity<T> block, in an expression lambda, through a local.
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().ToTable(\"messages\").HasIndex(m => m.TeamId);"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>(b =>\n        {\n            b.ToTable(\"messages\");\n            b.HasIndex(m => m.TeamId).HasDatabaseName(\"ix_messages_team\");\n        });"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>(b => b.HasIndex(m => m.TeamId));"),
        ModelSources.Model(onModelCreating: "        var messages = modelBuilder.Entity<Message>();\n        messages.HasIndex(m => m.TeamId);"),
        // Composite, unique, named, string and nameof forms.
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status }).IsUnique();"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(\"TeamId\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(\"TeamId\", \"Status\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(nameof(Message.TeamId), nameof(Message.CreatedAt));"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(new[] { \"TeamId\", \"Status\" }, \"ix_team_status\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId, \"ix_team\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId).HasFilter(\"status <> 'archived'\");"),
        // Attributes.
        ModelSources.Model(attributes: "[Index(nameof(TeamId))]"),
        ModelSources.Model(attributes: "[Index(nameof(TeamId), nameof(Status), IsUnique = true, Name = \"ix_team_status\")]"),
        ModelSources.Model(attributes: "[Index(\"TeamId\", AllDescending = true)]"),
        // A primary or alternate key led by the tenant key.
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasKey(m => new { m.TeamId, m.Id });"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasKey(\"TeamId\", \"Id\");"),
        ModelSources.Model(attributes: "[PrimaryKey(nameof(TeamId), nameof(Id))]"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasAlternateKey(m => new { m.TeamId, m.Number });"),
        // EF Core's foreign-key index convention: by navigation name, by explicit relationship, from either side.
        ModelSources.Model(members: "    public Team? Team { get; set; }"),
        ModelSources.Model(members: "    public Team Owner { get; set; } = null!;\n    [ForeignKey(nameof(Owner))] public Guid OwnerId { get; set; }", onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);"),
        ModelSources.Model(members: "    [ForeignKey(nameof(TeamId))] public Team? Owner { get; set; }"),
        ModelSources.Model(members: "    public Team? Owner { get; set; }", onModelCreating: "        modelBuilder.Entity<Message>().HasOne(m => m.Owner).WithMany().HasForeignKey(m => m.TeamId);"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId);"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Team>().WithMany().HasForeignKey(\"TeamId\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Team>().WithMany();"),
        ModelSources.Model(
            onModelCreating: "        modelBuilder.Entity<TeamWithMessages>().HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TeamId);",
            types: "public class TeamWithMessages { public Guid Id { get; set; } public List<Message> Messages { get; set; } = new(); }"),
        ModelSources.Model(
            dbSets: "public DbSet<Message> Messages => Set<Message>();\n    public DbSet<Team> Teams => Set<Team>();",
            team: "public class Team { public Guid Id { get; set; } public ICollection<Message> Messages { get; set; } = new List<Message>(); }\n",
            members: "    [NotMapped] public string Display => Status;"),
        // Exempt: keyless, views, SQL queries, owned types, and TPH-derived types.
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().HasNoKey();"),
        ModelSources.Model(attributes: "[Keyless]"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().ToView(\"message_stats\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity<Message>().ToSqlQuery(\"SELECT * FROM messages\");"),
        ModelSources.Model(attributes: "[Owned]", dbSets: "public DbSet<Holder> Holders => Set<Holder>();", types: "public class Holder { public Guid Id { get; set; } public Message Message { get; set; } = null!; }"),
        ModelSources.Model(dbSets: "public DbSet<Holder> Holders => Set<Holder>();", types: "public class Holder { public Guid Id { get; set; } public Message Message { get; set; } = null!; }", onModelCreating: "        modelBuilder.Entity<Holder>().OwnsOne(h => h.Message);"),
        ModelSources.Model(
            onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);",
            dbSets: "public DbSet<Message> Messages => Set<Message>();\n    public DbSet<SmsMessage> Sms => Set<SmsMessage>();",
            types: "public class SmsMessage : Message { public string Phone { get; set; } = \"\"; }"),
        // Configured in generic helpers and model loops.
        ModelSources.Model(
            onModelCreating: "        TenantIndexes.IndexTenant(modelBuilder.Entity<Message>());",
            bases: " : ITeamOwned",
            types: """
                public interface ITeamOwned { Guid TeamId { get; } }
                public static class TenantIndexes
                {
                    public static void IndexTenant<T>(EntityTypeBuilder<T> builder) where T : class, ITeamOwned => builder.HasIndex(e => e.TeamId);
                }
                """),
        ModelSources.Model(onModelCreating: """
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        if (entityType.FindProperty("TeamId") is not null)
                        {
                            modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                        }
                    }
            """),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity(typeof(Message)).HasIndex(\"TeamId\");"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Entity(\"Message\", b => b.HasIndex(\"TeamId\"));"),
        // Not an entity: a DTO with a TeamId, and an ignored type.
        ModelSources.Model(types: "public class MessageDto { public Guid TeamId { get; set; } }", onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);"),
        ModelSources.Model(onModelCreating: "        modelBuilder.Ignore<Message>();", dbSets: ""));

    /// <summary>An index loop over the model indexes only the entities its guards let through, of the context whose model it runs over.</summary>
    public static TheoryData<string, EfCoreVersion> LoopsThatSkipTheEntity => RuleSources.WithEachEf(
        // Only ITeamOwned entities reach the call, and Message is not one: an if around it, a where over the types, an excluding continue.
        ModelSources.Model(Flagged, types: "public interface ITeamOwned { Guid TeamId { get; } }", onModelCreating: """
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))
                        {
                            modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                        }
                    }
            """),
        ModelSources.Model(Flagged, types: "public interface ITeamOwned { Guid TeamId { get; } }", onModelCreating: """
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITeamOwned).IsAssignableFrom(t.ClrType)))
                    {
                        modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                    }
            """),
        ModelSources.Model(Flagged, onModelCreating: """
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        if (typeof(Message).IsAssignableFrom(entityType.ClrType)) continue;
                        modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                    }
            """),

        // A loop in another DbContext's OnModelCreating runs over that context's entities, not Message's context's.
        ModelSources.Model(Flagged, onModelCreating: "", types: """
            public class Audit { public Guid Id { get; set; } public Guid TeamId { get; set; } }
            public class AuditDbContext : DbContext
            {
                public DbSet<Audit> Audits => Set<Audit>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                    }
                }
            }
            """));

    [Theory]
    [MemberData(nameof(LoopsThatSkipTheEntity))]
    public async Task An_index_loop_whose_guards_skip_the_entity_leaves_it_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    public static TheoryData<string, EfCoreVersion> LoopsThatReachTheEntity => RuleSources.WithEachEf(
        // The guard lets Message through.
        ModelSources.Model(bases: " : ITeamOwned", types: "public interface ITeamOwned { Guid TeamId { get; } }", onModelCreating: """
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        if (!typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType)) continue;
                        modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                    }
            """),

        // A model-building helper of no context, called from Message's.
        ModelSources.Model(onModelCreating: "        modelBuilder.IndexTeams();", types: """
            public static class ModelIndexes
            {
                public static void IndexTeams(this ModelBuilder modelBuilder)
                {
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId");
                    }
                }
            }
            """));

    [Theory]
    [MemberData(nameof(LoopsThatReachTheEntity))]
    public async Task An_index_loop_whose_guards_let_the_entity_through_indexes_it(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Tenant_entity_without_a_key_led_index_is_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Index_led_by_the_tenant_key_in_any_form_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    /// <summary>A second class over a table another class maps: a read-only module's view of a table another module owns.</summary>
    private static string SecondClassOver(string table, string ownIndex = "") => ModelSources.Model(
        onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status });",
        types: $$"""
            [Table("{{table}}")]
            {{ownIndex}}
            public class MessageView
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Status { get; set; } = "";
            }

            public class ReportingDbContext : DbContext
            {
                public DbSet<MessageView> Messages => Set<MessageView>();
            }

            """);

    public static TheoryData<string, EfCoreVersion> TablesSharedByTwoClasses => RuleSources.WithEachEf(
        // The index the owning class declares is the table's: the second class needs none of its own.
        SecondClassOver("Messages"),
        SecondClassOver("Messages", ownIndex: "[Index(nameof(Status))]"));

    public static TheoryData<string, EfCoreVersion> TablesOfTheirOwn => RuleSources.WithEachEf(
        // Another table, or a case that PostgreSQL's quoted names keep apart: the class's own index decides.
        SecondClassOver("MessageArchive").Replace("public class MessageView", "public class {|TSA2001:MessageView|}"),
        SecondClassOver("messages").Replace("public class MessageView", "public class {|TSA2001:MessageView|}"));

    [Theory]
    [MemberData(nameof(TablesSharedByTwoClasses))]
    public async Task A_second_class_over_a_table_another_class_indexes_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [MemberData(nameof(TablesOfTheirOwn))]
    public async Task A_class_over_a_table_no_class_indexes_is_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Reported_at_the_class_name_with_entity_key_and_mapped_table(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [ModelSources.Model("{|#0:Message|}", onModelCreating: "        modelBuilder.Entity<Message>().ToTable(\"messages\");")],
            ef,
            editorConfig: null,
            Verify.Diagnostic("TSA2001").WithLocation(0).WithArguments("Message", "TeamId", "messages", "teams'", string.Empty).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Configuration_in_another_file_decides_the_entity_file_finding()
    {
        const string Entity = """
            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class {|TSA2001:Persona|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }
            """;
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasIndex(m => m.TeamId);
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Persona> Personas => Set<Persona>();
            }
            """;
        await Verify.VerifyAnalyzerAsync([Entity, Configuration], EfCoreVersion.Ef10, editorConfig: null);
    }

    [Fact]
    public async Task Configured_tenant_key_is_the_one_checked()
    {
        const string Source = """
            public class {|TSA2001:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public Guid TenantId { get; set; }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);
            }
            """;
        await Verify.VerifyAnalyzerAsync([Source], EfCoreVersion.Ef10, "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n");
    }

    [Fact]
    public async Task A_TPH_hierarchy_is_one_table_reported_at_its_root()
    {
        const string Source = """
            public abstract class {|TSA2001:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class SmsMessage : Message
            {
                public string Phone { get; set; } = "";
            }

            public class EmailMessage : Message
            {
                public string Address { get; set; } = "";
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<SmsMessage> Sms => Set<SmsMessage>();
                public DbSet<EmailMessage> Emails => Set<EmailMessage>();
            }
            """;
        await Verify.VerifyAnalyzerAsync(Source, EfCoreVersion.Ef10);
    }

    [Fact]
    public async Task Non_tenant_entities_and_projects_without_EF_Core_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public class Country { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class AppDbContext : DbContext { public DbSet<Country> Countries => Set<Country>(); }
            """,
            EfCoreVersion.Ef10);
    }
}
