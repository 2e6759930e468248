using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnindexedReferenceAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2003: a mapped scalar property named after another entity (<c>Message.CampaignId</c>, <c>Campaign</c> an entity)
/// that is neither part of a foreign key nor the leading column of an index or key (nor the second, after the tenant
/// key), reported at the property.
/// Relationships by convention, by the fluent API and by attributes, indexes and keys led by it are compliant; so
/// are the tenant key (TSA2001's), the entity's own key, and columns that name no entity.
/// </summary>
public sealed class TSA2003UnindexedReferenceTests
{
    private const string Flagged = "{|TSA2003:CampaignId|}";

    private const string DbSets = "public DbSet<Message> Messages => Set<Message>();\n    public DbSet<Campaign> Campaigns => Set<Campaign>();\n    public DbSet<Team> Teams => Set<Team>();";

    /// <summary>
    /// <c>Team</c>, <c>Campaign</c> and <c>Message</c> (with <c>TeamId</c>, <c>CampaignId</c> written as <paramref name="campaignId"/>,
    /// <c>OriginCampaignId</c>, <c>Status</c>) mapped by <c>AppDbContext</c>; nothing relates Message to Campaign unless the test does.
    /// </summary>
    private static string Source(
        string campaignId = "CampaignId",
        string onModelCreating = "",
        string attributes = "",
        string members = "",
        string campaignMembers = "",
        string types = "",
        string dbSets = DbSets,
        string campaignIdType = "Guid",
        string campaignAttributes = "",
        string accessors = "{ get; set; }") => ModelSources.Usings + ModelSources.Team + $$"""
        {{campaignAttributes}}
        public class Campaign
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Name { get; set; } = "";
        {{campaignMembers}}
        }

        {{attributes}}
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            {{members}}public {{campaignIdType}} {{campaignId}} {{accessors}}
            public Guid? OriginCampaignId { get; set; }
            public string Status { get; set; } = "";
        }

        {{types}}
        public class AppDbContext : DbContext
        {
            {{dbSets}}

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
        {{onModelCreating}}
            }
        }

        """;

    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        // Campaign is mapped by a DbSet, by Entity<T>(), by an IEntityTypeConfiguration.
        Source(Flagged),
        Source(Flagged, campaignIdType: "Guid?"),
        Source(Flagged, campaignIdType: "string"),
        Source(Flagged, dbSets: "public DbSet<Message> Messages => Set<Message>();", onModelCreating: "        modelBuilder.Entity<Campaign>().ToTable(\"campaigns\");"),
        Source(Flagged, dbSets: "public DbSet<Message> Messages => Set<Message>();", types: """
            public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
            {
                public void Configure(EntityTypeBuilder<Campaign> builder) => builder.ToTable("campaigns");
            }
            """),
        // An index or key where it is not the leading column, nor the one after the tenant key.
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status, m.CampaignId });"),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.Status, m.TeamId, m.CampaignId });"),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(\"Status\", \"CampaignId\");"),
        Source(Flagged, attributes: "[Index(nameof(Status), nameof(CampaignId))]"),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasKey(m => new { m.Id, m.CampaignId });"),
        // Another entity's index, or a column of a similar name.
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.OriginCampaignId);"),
        Source(Flagged, types: "public class Note { public Guid Id { get; set; } public Guid CampaignId { get; set; } }", dbSets: DbSets + "\n    public DbSet<Note> Notes => Set<Note>();", onModelCreating: "        modelBuilder.Entity<Note>().HasIndex(n => n.CampaignId);"),
        // A relationship to Campaign whose foreign key is another column.
        Source(Flagged, members: "public Campaign? Origin { get; set; }\n    ", onModelCreating: "        modelBuilder.Entity<Message>().HasOne(m => m.Origin).WithMany().HasForeignKey(m => m.OriginCampaignId);"),
        Source(Flagged, members: "[ForeignKey(nameof(OriginCampaignId))] public Campaign? Origin { get; set; }\n    "),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Campaign>().WithMany().HasForeignKey(\"OriginCampaignId\");"),
        // A DbSet-mapped entity whose property is configured but not related.
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().Property(m => m.CampaignId).HasColumnName(\"campaign\");"));

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        // Relationships by navigation convention: the reference, another navigation name, the inverse collection.
        Source(members: "public Campaign? Campaign { get; set; }\n    "),
        Source(members: "public Campaign Source { get; set; } = null!;\n    "),
        Source(campaignMembers: "    public List<Message> Messages { get; set; } = new();"),
        // The fluent API, from either side, in OnModelCreating, an Entity<T> lambda or a configuration class.
        Source(members: "public Campaign? Campaign { get; set; }\n    ", onModelCreating: "        modelBuilder.Entity<Message>().HasOne(m => m.Campaign).WithMany().HasForeignKey(m => m.CampaignId);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Campaign>().WithMany().HasForeignKey(\"CampaignId\");"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasOne<Campaign>().WithMany();"),
        Source(campaignMembers: "    public List<Message> Messages { get; set; } = new();", onModelCreating: "        modelBuilder.Entity<Campaign>().HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.CampaignId);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>(b => b.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId));"),
        Source(members: "public Campaign? Campaign { get; set; }\n    ", onModelCreating: "        modelBuilder.Entity<Message>().HasOne(m => m.Campaign).WithOne().HasForeignKey<Message>(m => m.CampaignId);"),
        Source(onModelCreating: "        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId);
            }
            """),
        // [ForeignKey] on the key or on the navigation.
        Source(members: "public Campaign? Owner { get; set; }\n    [ForeignKey(nameof(Owner))] "),
        Source(members: "[ForeignKey(nameof(CampaignId))] public Campaign? Owner { get; set; }\n    "),
        // The foreign-key index convention switched off: still a relationship, which is what this rule asks for.
        Source(members: "public Campaign? Campaign { get; set; }\n    ", types: """
            public class ConventionsContext : AppDbContext
            {
                protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
                    configurationBuilder.Conventions.Remove(typeof(Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention));
            }
            """),
        // An index or key led by it, in every form.
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.CampaignId);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.CampaignId, m.Status });"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(\"CampaignId\");"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.CampaignId).HasFilter(\"status = 'open'\");"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>(b => b.HasIndex(m => m.CampaignId).IsUnique());"),
        Source(attributes: "[Index(nameof(CampaignId))]"),
        Source(attributes: "[Index(nameof(CampaignId), nameof(Status), IsUnique = true)]"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasKey(m => new { m.CampaignId, m.Id });"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasAlternateKey(m => m.CampaignId);"),
        // Led by the tenant key, then by it: it serves every lookup of a team's rows by campaign, which is every lookup a
        // tenant entity's scoped queries make.
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.CampaignId });"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.CampaignId, m.Status }).IsDescending(false, true, false);"),
        Source(attributes: "[Index(nameof(TeamId), nameof(CampaignId))]"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasKey(m => new { m.TeamId, m.CampaignId, m.Id });"),
        // Named after no entity: Campaign is owned, not mapped, or ignored.
        Source(campaignAttributes: "[Owned]", dbSets: "public DbSet<Message> Messages => Set<Message>();"),
        Source(dbSets: "public DbSet<Message> Messages => Set<Message>();"),
        Source(onModelCreating: "        modelBuilder.Ignore<Campaign>();", dbSets: "public DbSet<Message> Messages => Set<Message>();"),
        // Not a column: [NotMapped], computed, static.
        Source(members: "[NotMapped] "),
        Source(accessors: "=> OriginCampaignId ?? Guid.Empty;"),
        Source(accessors: "{ get; }"),
        Source(campaignIdType: "static Guid"),
        // The entity holding it has no table to index: keyless, a view, owned.
        Source(attributes: "[Keyless]"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().ToView(\"message_stats\");"),
        Source(attributes: "[Owned]", dbSets: "public DbSet<Campaign> Campaigns => Set<Campaign>();", campaignMembers: "    public Message? Last { get; set; }"));

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Reference_like_column_without_relationship_or_index_is_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Related_indexed_or_not_reference_like_column_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Fact]
    public async Task Message_names_the_column_and_the_entity_it_refers_to()
    {
        await Verify.VerifyAnalyzerAsync(
            Source("{|#0:CampaignId|}"),
            Verify.Diagnostic("TSA2003").WithLocation(0).WithArguments("Message", "CampaignId", "Campaign").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Every_unrelated_reference_of_an_entity_is_reported_in_its_own_file()
    {
        const string Entities = """
            public class Persona
            {
                public Guid Id { get; set; }
            }

            public class Campaign
            {
                public Guid Id { get; set; }
            }

            public class Country
            {
                public int Id { get; set; }
            }

            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public Guid {|TSA2003:CampaignId|} { get; set; }
                public Guid? {|TSA2003:PersonaId|} { get; set; }
                public int {|TSA2003:CountryId|} { get; set; }
                public Guid ExternalId { get; set; }
            }

            """;
        const string Context = """
            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();
                public DbSet<Persona> Personas => Set<Persona>();
                public DbSet<Country> Countries => Set<Country>();
            }

            """;
        await Verify.VerifyAnalyzerAsync([Entities, Context], EfCoreVersion.Ef10, editorConfig: null);
    }

    [Fact]
    public async Task Configured_tenant_key_is_left_to_TSA2001_and_TeamId_becomes_an_ordinary_reference()
    {
        const string Source = """
            public class Tenant { public Guid Id { get; set; } }

            public class Team { public Guid Id { get; set; } }

            public class Message
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
                public Guid {|TSA2003:TeamId|} { get; set; }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();
                public DbSet<Tenant> Tenants => Set<Tenant>();
                public DbSet<Team> Teams => Set<Team>();
            }

            """;
        await Verify.VerifyAnalyzerAsync([Source], EfCoreVersion.Ef10, "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Own_key_self_reference_and_keyless_targets_are_not_references(EfCoreVersion ef)
    {
        // Lead.LeadId is Lead's key by convention, Campaign.CampaignId its [Key]; Persona.PersonaId names the entity
        // that holds it (no other entity); CampaignStat is keyless and cannot be the principal of a relationship.
        const string Source = """
            using System.ComponentModel.DataAnnotations;

            public class Lead
            {
                public Guid LeadId { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Campaign
            {
                [Key]
                public Guid CampaignId { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Persona
            {
                public Guid Id { get; set; }
                public Guid PersonaId { get; set; }
            }

            [Keyless]
            public class CampaignStat
            {
                public Guid CampaignId { get; set; }
                public int Sent { get; set; }
            }

            public class Message
            {
                public Guid Id { get; set; }
                public Guid CampaignStatId { get; set; }
                public Guid {|TSA2003:LeadId|} { get; set; }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Lead> Leads => Set<Lead>();
                public DbSet<Campaign> Campaigns => Set<Campaign>();
                public DbSet<Persona> Personas => Set<Persona>();
                public DbSet<CampaignStat> CampaignStats => Set<CampaignStat>();
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<CampaignStat>().HasIndex(s => s.CampaignId);
            }

            """;
        await Verify.VerifyAnalyzerAsync(Source, ef);
    }
}
