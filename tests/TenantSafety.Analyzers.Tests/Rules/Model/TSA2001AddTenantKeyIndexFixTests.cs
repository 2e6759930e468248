using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2001's model fix: <c>HasIndex(e =&gt; e.TeamId)</c> goes where the entity is configured — its
/// IEntityTypeConfiguration (in another file), its <c>Entity&lt;T&gt;</c> block, after the statement that configures
/// it, at the end of OnModelCreating, or in a new OnModelCreating — and Fix All indexes every flagged entity in one pass.
/// </summary>
public sealed class TSA2001AddTenantKeyIndexFixTests
{
    private const string Entities = """
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
        }

        public class Persona
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Campaign
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        """;

    private static string FlaggedEntities(params string[] flagged)
    {
        var text = Entities;
        foreach (var name in flagged)
        {
            text = text.Replace("public class " + name + "\n", "public class {|TSA2001:" + name + "|}\n", System.StringComparison.Ordinal);
        }

        return text;
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Adds_the_index_to_the_entity_type_configuration_in_its_own_file(EfCoreVersion ef)
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.ToTable("messages");
                }
            }

            """;
        const string Context = """
            public class AppDbContext : DbContext
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
            }

            """;
        await Verify.VerifyCodeFixAsync(
            [FlaggedEntities("Message").Replace("public class Persona", "public class PersonaDto").Replace("public class Campaign", "public class CampaignDto"), Configuration, Context],
            [Entities.Replace("public class Persona", "public class PersonaDto").Replace("public class Campaign", "public class CampaignDto"), Configuration.Replace("builder.ToTable(\"messages\");", "builder.ToTable(\"messages\");\n        builder.HasIndex(e => e.TeamId);"), Context],
            ef);
    }

    [Fact]
    public async Task Expression_bodied_configuration_becomes_a_block()
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.ToTable("messages");
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
            }

            """;
        const string Fixed = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.ToTable("messages");
                    builder.HasIndex(e => e.TeamId);
                }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
            }

            """;
        await Verify.VerifyCodeFixAsync([FlaggedEntities("Message").Replace("Persona", "PersonaDto").Replace("Campaign", "CampaignDto"), Configuration], [Entities.Replace("Persona", "PersonaDto").Replace("Campaign", "CampaignDto"), Fixed]);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Adds_the_index_to_the_entity_block_with_a_parameter_name_that_shadows_nothing(EfCoreVersion ef)
    {
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>(e =>
                    {
                        e.ToTable("messages");
                    });
                }
            }

            """;
        const string Fixed = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>(e =>
                    {
                        e.ToTable("messages");
                        e.HasIndex(x => x.TeamId);
                    });
                }
            }

            """;
        await Verify.VerifyCodeFixAsync([FlaggedEntities("Message").Replace("Persona", "PersonaDto").Replace("Campaign", "CampaignDto"), Context], [Entities.Replace("Persona", "PersonaDto").Replace("Campaign", "CampaignDto"), Fixed], ef);
    }

    [Fact]
    public async Task Adds_a_statement_after_a_chained_configuration_and_creates_OnModelCreating_when_missing()
    {
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Persona>().ToTable("personas");
                    modelBuilder.Entity<Message>().ToTable("messages");
                }
            }

            public class SecondContext : DbContext
            {
                public DbSet<Campaign> Campaigns => Set<Campaign>();
            }

            """;
        const string Fixed = """
            public class AppDbContext : DbContext
            {
                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Persona>().ToTable("personas");
                    modelBuilder.Entity<Persona>().HasIndex(e => e.TeamId);
                    modelBuilder.Entity<Message>().ToTable("messages");
                    modelBuilder.Entity<Message>().HasIndex(e => e.TeamId);
                }
            }

            public class SecondContext : DbContext
            {
                public DbSet<Campaign> Campaigns => Set<Campaign>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Campaign>().HasIndex(e => e.TeamId);
                }
            }

            """;
        await Verify.VerifyFixAllAsync([FlaggedEntities("Message", "Persona", "Campaign"), Context], [Entities, Fixed]);
    }

    [Fact]
    public async Task A_statement_added_after_another_keeps_the_blank_lines_and_comments_around_it()
    {
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Persona>()
                        .ToTable("personas");

                    // Messages are archived monthly.
                    modelBuilder.Entity<Message>().ToTable("messages");

                    modelBuilder.Entity<Campaign>().ToTable("campaigns");
                }
            }

            """;
        const string Fixed = """
            public class AppDbContext : DbContext
            {
                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Persona>()
                        .ToTable("personas");
                    modelBuilder.Entity<Persona>().HasIndex(e => e.TeamId);

                    // Messages are archived monthly.
                    modelBuilder.Entity<Message>().ToTable("messages");
                    modelBuilder.Entity<Message>().HasIndex(e => e.TeamId);

                    modelBuilder.Entity<Campaign>().ToTable("campaigns");
                    modelBuilder.Entity<Campaign>().HasIndex(e => e.TeamId);
                }
            }

            """;
        await Verify.VerifyFixAllAsync([FlaggedEntities("Message", "Persona", "Campaign"), Context], [Entities, Fixed]);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_indexes_every_flagged_entity_of_a_multi_file_project_in_one_pass(EfCoreVersion ef)
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.Property(m => m.Status).HasMaxLength(20);
                }
            }

            """;
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Persona> Personas => Set<Persona>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
                    modelBuilder.Entity<Campaign>(b => b.ToTable("campaigns"));
                }
            }

            """;
        const string FixedConfiguration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.Property(m => m.Status).HasMaxLength(20);
                    builder.HasIndex(e => e.TeamId);
                }
            }

            """;
        const string FixedContext = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Persona> Personas => Set<Persona>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
                    modelBuilder.Entity<Campaign>(b =>
                    {
                        b.ToTable("campaigns");
                        b.HasIndex(e => e.TeamId);
                    });
                    modelBuilder.Entity<Persona>().HasIndex(e => e.TeamId);
                }
            }

            """;
        await Verify.VerifyFixAllAsync(
            [FlaggedEntities("Message", "Persona", "Campaign"), Configuration, Context],
            [Entities, FixedConfiguration, FixedContext],
            ef);
    }
}
