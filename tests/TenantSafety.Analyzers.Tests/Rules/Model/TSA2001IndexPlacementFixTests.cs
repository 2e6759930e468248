using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// Where TSA2001's one fix (and so Fix All, and <c>dotnet format</c>) writes the index: in the entity's own fluent
/// configuration when it has one, attributes or not; as <c>[Index(nameof(TeamId))]</c> only on an entity mapped by
/// attributes alone (its comments kept above; <c>using Microsoft.EntityFrameworkCore;</c> added when the file needs it).
/// </summary>
public sealed class TSA2001IndexPlacementFixTests
{
    private const string Entities = """
        using System.ComponentModel.DataAnnotations.Schema;

        namespace App;

        /// <summary>Mapped by attributes alone.</summary>
        [Table("messages")]
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        // Has a [Table] and a configuration class: the configuration class gets the index.
        [Table("personas")]
        public sealed class Persona
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Campaign
        {
            public Guid Id { get; set; }

            [Column("team_id")]
            public Guid TeamId { get; set; }
        }

        """;

    private const string Model = """
        using App;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        public sealed class PersonaConfiguration : IEntityTypeConfiguration<Persona>
        {
            public void Configure(EntityTypeBuilder<Persona> builder)
            {
                builder.Property(p => p.Id).ValueGeneratedNever();
            }
        }

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

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_writes_each_entity_s_index_where_its_mapping_lives(EfCoreVersion ef)
    {
        var flagged = Entities
            .Replace("public class Message", "public class {|TSA2001:Message|}", System.StringComparison.Ordinal)
            .Replace("public sealed class Persona", "public sealed class {|TSA2001:Persona|}", System.StringComparison.Ordinal)
            .Replace("public class Campaign", "public class {|TSA2001:Campaign|}", System.StringComparison.Ordinal);
        const string FixedEntities = """
            using System.ComponentModel.DataAnnotations.Schema;

            namespace App;

            /// <summary>Mapped by attributes alone.</summary>
            [Index(nameof(TeamId))]
            [Table("messages")]
            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            // Has a [Table] and a configuration class: the configuration class gets the index.
            [Table("personas")]
            public sealed class Persona
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Campaign
            {
                public Guid Id { get; set; }

                [Column("team_id")]
                public Guid TeamId { get; set; }
            }

            """;
        const string FixedModel = """
            using App;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class PersonaConfiguration : IEntityTypeConfiguration<Persona>
            {
                public void Configure(EntityTypeBuilder<Persona> builder)
                {
                    builder.Property(p => p.Id).ValueGeneratedNever();
                    builder.HasIndex(e => e.TeamId);
                }
            }

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
                }
            }

            """;
        await Verify.VerifyFixAllAsync([flagged, Model], [FixedEntities, FixedModel], ef);
    }

    [Fact]
    public async Task Several_attribute_mapped_entities_of_one_file_get_their_attributes_before_their_other_attributes()
    {
        const string Source = """
            namespace App;

            [System.ComponentModel.DataAnnotations.Schema.Table("messages")]
            public class {|TSA2001:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            /// <summary>A persona.</summary>
            [System.ComponentModel.DataAnnotations.Schema.Table("personas")]
            public sealed class {|TSA2001:Persona|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            """;
        const string Fixed = """
            namespace App;

            [Index(nameof(TeamId))]
            [System.ComponentModel.DataAnnotations.Schema.Table("messages")]
            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            /// <summary>A persona.</summary>
            [Index(nameof(TeamId))]
            [System.ComponentModel.DataAnnotations.Schema.Table("personas")]
            public sealed class Persona
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            """;
        const string Context = """
            using App;

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Persona> Personas => Set<Persona>();
            }

            """;
        await Verify.VerifyFixAllAsync([Source, Context], [Fixed, Context]);
    }
}
