using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tenancy;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// The IDE makes a new compilation after every keystroke and keeps the syntax trees of the files not edited. The
/// configuration read from those trees is reused (<see cref="ConfigurationFactCache{TTarget}"/>); these tests edit one file
/// at a time, as the IDE does, and require the model rules to report exactly what a fresh compilation of the same
/// text reports.
/// </summary>
public sealed class IdeEditCycleTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> s_modelRules =
        [new MissingTenantKeyIndexAnalyzer(), new UnindexedReferenceAnalyzer(), new RedundantIndexAnalyzer()];

    private const string Entities = """
        using System.Collections.Generic;

        public class Team
        {
            public Guid Id { get; set; }
        }

        public class Campaign
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public List<Lead> Leads { get; set; } = new();
        }

        public class Lead
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid CampaignId { get; set; }
            public Campaign? Campaign { get; set; }
            public Guid OwnerId { get; set; }
            public string Region { get; set; } = "";
        }

        public class Owner
        {
            public Guid Id { get; set; }
        }

        public static class TableNames
        {
            public const string Leads = "leads";
        }
        """;

    private const string Context = """
        public class AppDbContext : DbContext
        {
            public DbSet<Campaign> Campaigns => Set<Campaign>();
            public DbSet<Lead> Leads => Set<Lead>();
            public DbSet<Owner> Owners => Set<Owner>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lead>(e =>
                {
                    e.ToTable(TableNames.Leads);
                    e.HasIndex(x => new { x.TeamId, x.Region });
                    e.HasIndex(x => x.TeamId);
                });
                modelBuilder.Entity<Campaign>().HasMany(c => c.Leads).WithOne(l => l.Campaign).HasForeignKey(l => l.CampaignId);
                modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
            }
        }
        """;

    private const string CampaignConfiguration = """
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        public class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
        {
            public void Configure(EntityTypeBuilder<Campaign> builder) => builder.HasIndex(c => new { c.TeamId, c.Status });
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Editing_an_entity_file_reuses_the_configuration_and_reports_what_a_fresh_build_reports(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Entities, Context, CampaignConfiguration);
        var context = Tree(compilation, 1);
        var baseline = await ModelDiagnosticsAsync(compilation);
        Assert.Contains("TSA2004", baseline, System.StringComparison.Ordinal);
        Assert.Contains("'Lead.OwnerId'", baseline, System.StringComparison.Ordinal);
        Assert.DoesNotContain("TSA2001", baseline, System.StringComparison.Ordinal);
        Assert.NotNull(ConfigurationFactCache<ModelRegistry>.Kept(OnModelCreating(compilation)));

        // Rename Lead's TeamId: the cached configuration still names TeamId, which Lead no longer has.
        var renamed = Edit(compilation, 0, Entities.Replace("""
                public Guid TeamId { get; set; }
                public Guid CampaignId
            """, """
                public Guid TenantTeamId { get; set; }
                public Guid TeamId2 { get; set; }
                public Guid CampaignId
            """));
        Assert.Same(context, Tree(renamed, 1));
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(renamed, ef)), await ModelDiagnosticsAsync(renamed));

        // A new [Index] attribute makes the configuration's single-column index redundant the other way round.
        var attributed = Edit(compilation, 0, Entities.Replace("public class Owner", "[Index(nameof(Id))]\npublic class Owner"));
        var fromCache = await ModelDiagnosticsAsync(attributed);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(attributed, ef)), fromCache);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Editing_the_configuration_reads_it_again(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Entities, Context, CampaignConfiguration);
        Assert.DoesNotContain("TSA2001", await ModelDiagnosticsAsync(compilation), System.StringComparison.Ordinal);

        var unindexed = Edit(compilation, 1, Context
            .Replace("e.HasIndex(x => new { x.TeamId, x.Region });", string.Empty)
            .Replace("e.HasIndex(x => x.TeamId);", string.Empty));
        var diagnostics = await ModelDiagnosticsAsync(unindexed);
        Assert.Contains("TSA2001", diagnostics, System.StringComparison.Ordinal);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(unindexed, ef)), diagnostics);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Configuration_written_before_the_property_it_names_is_read_again_once_the_property_exists(EfCoreVersion ef)
    {
        // Lead's only TeamId-led index names Area, which Lead does not have yet: the body does not bind, so its
        // reading is not kept, and adding the property (in the entity's file) must make the index count.
        var context = Context.Replace("e.HasIndex(x => x.TeamId);", string.Empty).Replace("x.Region", "x.Area");
        var compilation = EfCoreReferences.Compile(ef, Entities, context, CampaignConfiguration);
        Assert.Contains("TSA2001", await ModelDiagnosticsAsync(compilation), System.StringComparison.Ordinal);
        Assert.Null(ConfigurationFactCache<ModelRegistry>.Kept(OnModelCreating(compilation)));

        var completed = Edit(compilation, 0, Entities.Replace("public string Region", "public string Area { get; set; } = \"\";\n    public string Region"));
        var diagnostics = await ModelDiagnosticsAsync(completed);
        Assert.DoesNotContain("TSA2001", diagnostics, System.StringComparison.Ordinal);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(completed, ef)), diagnostics);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Configuration_is_read_again_when_a_type_it_names_changes_in_another_file(EfCoreVersion ef)
    {
        // Lead has no TeamId-led index; TSA2001's message names its table, which comes from a constant in the entities' file.
        var context = Context.Replace("e.HasIndex(x => new { x.TeamId, x.Region });", string.Empty).Replace("e.HasIndex(x => x.TeamId);", string.Empty);
        var compilation = EfCoreReferences.Compile(ef, Entities, context, CampaignConfiguration);
        Assert.Contains("'leads'", await ModelDiagnosticsAsync(compilation), System.StringComparison.Ordinal);
        Assert.NotNull(ConfigurationFactCache<ModelRegistry>.Kept(OnModelCreating(compilation)));

        var renamedTable = Edit(compilation, 0, Entities.Replace("\"leads\"", "\"crm_leads\""));
        var diagnostics = await ModelDiagnosticsAsync(renamedTable);
        Assert.Contains("'crm_leads'", diagnostics, System.StringComparison.Ordinal);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(renamedTable, ef)), diagnostics);

        // The relationship's dependent is the type of Campaign.Leads: retyping the navigation moves the foreign key.
        var retyped = Edit(compilation, 0, Entities
            .Replace("public List<Lead> Leads", "public List<Note> Leads")
            .Replace("public class Owner", "public class Note\n{\n    public Guid Id { get; set; }\n    public Guid CampaignId { get; set; }\n    public Campaign? Campaign { get; set; }\n}\n\npublic class Owner"));
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(retyped, ef)), await ModelDiagnosticsAsync(retyped));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Editing_another_partial_file_of_the_context_keeps_its_configuration(EfCoreVersion ef)
    {
        var partialContext = Context.Replace("public class AppDbContext : DbContext", "public partial class AppDbContext : DbContext");
        const string MoreDbSets = """
            public partial class AppDbContext
            {
                public DbSet<Team> Teams => Set<Team>();
            }
            """;
        var compilation = EfCoreReferences.Compile(ef, Entities, partialContext, CampaignConfiguration, MoreDbSets);
        await ModelDiagnosticsAsync(compilation);
        var kept = ConfigurationFactCache<ModelRegistry>.Kept(OnModelCreating(compilation));
        Assert.NotNull(kept);

        var edited = Edit(compilation, 3, MoreDbSets.Replace("Teams", "AllTeams"));
        var diagnostics = await ModelDiagnosticsAsync(edited);
        Assert.Same(kept, ConfigurationFactCache<ModelRegistry>.Kept(OnModelCreating(edited)));
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(edited, ef)), diagnostics);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_comment_typed_keeps_the_configuration_without_resolving_a_type_and_a_declaration_edit_checks_each(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Entities, Context, CampaignConfiguration);
        await ModelDiagnosticsAsync(compilation);

        // Only a comment: the same declarations, so the kept reading holds without asking a single type for its shape.
        var commented = Edit(compilation, 0, Entities + "\n// typed\n");
        var kept = ConfigurationFactCache<ModelRegistry>.Kept(OnModelCreating(commented));
        Assert.NotNull(kept);
        var sameDeclarations = new TypeResolver(commented, () => DeclarationsVersion.Of(commented));
        Assert.True(kept.IsCurrentFor(sameDeclarations));
        Assert.Equal(0, sameDeclarations.ShapesComputed);

        // Lead's TeamId renamed: another version, so each type the reading named is checked, and Lead no longer fits.
        var renamed = Edit(commented, 0, Entities.Replace("""
                public Guid TeamId { get; set; }
                public Guid CampaignId
            """, """
                public Guid TenantId { get; set; }
                public Guid CampaignId
            """));
        var otherDeclarations = new TypeResolver(renamed, () => DeclarationsVersion.Of(renamed));
        Assert.False(kept.IsCurrentFor(otherDeclarations));
        Assert.NotEqual(0, otherDeclarations.ShapesComputed);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(renamed, ef)), await ModelDiagnosticsAsync(renamed));
    }

    private const string Clock = """
        public class Clock
        {
            public int Hour() => 9;
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Typing_outside_the_model_restores_the_model_and_an_entity_edit_rebuilds_it(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Entities, Context, CampaignConfiguration, Clock);
        var baseline = await ModelDiagnosticsAsync(compilation);
        var snapshot = KeptSnapshot(compilation);
        Assert.NotNull(snapshot);

        // A file no entity, context or configuration is declared in: the model is restored, not read again.
        var typed = Edit(compilation, 3, Clock.Replace("9", "10"));
        var diagnostics = await ModelDiagnosticsAsync(typed);
        Assert.Same(snapshot, KeptSnapshot(typed));
        Assert.Equal(baseline, diagnostics);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(typed, ef)), diagnostics);

        // The entities' file: the model is read again, and says what a fresh build says.
        var unkeyed = Edit(typed, 0, Entities.Replace("public Guid Id { get; set; }\n    public Guid TeamId { get; set; }\n    public string Status", "public Guid Id { get; set; }\n    public string Status"));
        var rebuilt = await ModelDiagnosticsAsync(unkeyed);
        Assert.NotSame(snapshot, KeptSnapshot(unkeyed));
        Assert.NotEqual(baseline, rebuilt);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(unkeyed, ef)), rebuilt);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_comment_typed_in_a_file_the_model_read_restores_the_model_at_the_moved_places(EfCoreVersion ef)
    {
        // Owner's [Index] and the context's HasIndex calls are places the model points to; TSA2003 and TSA2004 report there.
        var entities = Entities.Replace("public class Owner", "[Index(nameof(Id))]\npublic class Owner");
        var compilation = EfCoreReferences.Compile(ef, entities, Context, CampaignConfiguration);
        var baseline = await ModelDiagnosticsAsync(compilation);
        var snapshot = KeptSnapshot(compilation);
        Assert.NotNull(snapshot);

        // A comment above everything the entities' file declares: every place in it moves down a line.
        var commented = Edit(compilation, 0, "// The domain.\n" + entities);
        var diagnostics = await ModelDiagnosticsAsync(commented);
        Assert.Same(snapshot, KeptSnapshot(commented));
        Assert.NotEqual(baseline, diagnostics);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(commented, ef)), diagnostics);

        // The same in the context's file, above OnModelCreating and its HasIndex calls.
        var contextCommented = Edit(commented, 1, Context.Replace("public class AppDbContext", "// The context.\n// Two lines.\npublic class AppDbContext"));
        diagnostics = await ModelDiagnosticsAsync(contextCommented);
        Assert.Same(snapshot, KeptSnapshot(contextCommented));
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(contextCommented, ef)), diagnostics);

        // Typing inside OnModelCreating changes what the model read: it is built again, and says what a fresh build says
        // (the redundant single-column index is gone).
        var reindexed = Edit(contextCommented, 1, Context.Replace("e.HasIndex(x => x.TeamId);", string.Empty));
        var rebuilt = await ModelDiagnosticsAsync(reindexed);
        Assert.NotSame(snapshot, KeptSnapshot(reindexed));
        Assert.NotEqual(diagnostics, rebuilt);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(reindexed, ef)), rebuilt);
    }

    private const string FleetDomain = """
        namespace Fleet.Domain;

        public class Robot
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Drone
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public sealed class RobotConfiguration : IEntityTypeConfiguration<Robot>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Robot> builder) => builder.HasIndex(r => r.TeamId);
        }
        """;

    private const string FleetContext = """
        using Fleet.Domain;

        public class FleetDb : DbContext
        {
            public DbSet<Robot> Robots => Set<Robot>();
            public DbSet<Drone> Drones => Set<Drone>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new RobotConfiguration());
        }
        """;

    /// <summary>
    /// An entity configured by another project's class is not judged, and stays so when a keystroke elsewhere restores the
    /// model from its snapshot instead of reading it again: the snapshot keeps that the configuration was not read.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_restored_model_still_knows_which_entities_another_project_configures(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, FleetContext, Clock).AddReferences(ForeignProject.Built(ef, "Fleet.Domain", FleetDomain));
        var baseline = await ModelDiagnosticsAsync(compilation);
        Assert.Contains("Tenant entity 'Drone' has no index", baseline, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'Robot'", baseline, System.StringComparison.Ordinal);
        var snapshot = KeptSnapshot(compilation);
        Assert.NotNull(snapshot);

        var typed = Edit(compilation, 1, Clock.Replace("9", "10"));
        var diagnostics = await ModelDiagnosticsAsync(typed);
        Assert.Same(snapshot, KeptSnapshot(typed));
        Assert.Equal(baseline, diagnostics);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(typed, ef)), diagnostics);
    }

    private const string FleetContextApplyingTheDomainAssembly = """
        using Fleet.Domain;

        public class FleetDb : DbContext
        {
            public DbSet<Robot> Robots => Set<Robot>();
            public DbSet<Drone> Drones => Set<Drone>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(typeof(Robot).Assembly);
        }
        """;

    private const string DroneConfiguration = """

        public sealed class DroneConfiguration : IEntityTypeConfiguration<Drone>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Drone> builder) => builder.HasIndex(d => d.TeamId);
        }
        """;

    /// <summary>
    /// <c>ApplyConfigurationsFromAssembly</c> of another project applies whatever configuration classes that project
    /// declares now: one added there (a new compilation of the other project, this one's files untouched) takes its entity
    /// out of judgement without an edit to <c>OnModelCreating</c>, as a fresh build says.
    /// </summary>
    [Theory]
    [MemberData(nameof(ForeignProject.References), MemberType = typeof(ForeignProject))]
    public async Task A_configuration_class_added_to_another_project_is_applied_without_an_edit_here(Reference reference, EfCoreVersion ef)
    {
        var domain = Domain(reference, ef, FleetDomain);
        var compilation = EfCoreReferences.Compile(ef, FleetContextApplyingTheDomainAssembly, Clock).AddReferences(domain);
        var baseline = await ModelDiagnosticsAsync(compilation);
        Assert.Contains("Tenant entity 'Drone' has no index", baseline, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'Robot'", baseline, System.StringComparison.Ordinal);

        var added = compilation.ReplaceReference(domain, Domain(reference, ef, FleetDomain + DroneConfiguration));
        var diagnostics = await ModelDiagnosticsAsync(added);
        Assert.DoesNotContain("'Drone'", diagnostics, System.StringComparison.Ordinal);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(added, ef)), diagnostics);

        // Typing in the other project's method bodies changes no configuration class: the kept reading holds.
        var kept = ConfigurationFactCache<ModelRegistry>.Kept(FleetOnModelCreating(added));
        Assert.NotNull(kept);
        var typed = added.ReplaceReference(added.References.Last(), Domain(reference, ef, FleetDomain.Replace("r => r.TeamId", "robot => robot.TeamId") + DroneConfiguration));
        Assert.Equal(diagnostics, await ModelDiagnosticsAsync(typed));
        Assert.Same(kept, ConfigurationFactCache<ModelRegistry>.Kept(FleetOnModelCreating(typed)));
    }

    private static SyntaxReference FleetOnModelCreating(Compilation compilation) =>
        compilation.GetTypeByMetadataName("FleetDb")!.GetMembers("OnModelCreating").Single().DeclaringSyntaxReferences.Single();

    /// <summary>
    /// <c>ApplyConfiguration(new RobotConfiguration())</c> of another project's class configures whatever entity that class
    /// declares: when its declaration moves to another entity, the call is read again.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Another_projects_configuration_class_that_now_configures_another_entity_is_read_again(EfCoreVersion ef)
    {
        var domain = Domain(Reference.SolutionProject, ef, FleetDomain);
        var compilation = EfCoreReferences.Compile(ef, FleetContext, Clock).AddReferences(domain);
        var baseline = await ModelDiagnosticsAsync(compilation);
        Assert.Contains("Tenant entity 'Drone' has no index", baseline, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'Robot'", baseline, System.StringComparison.Ordinal);

        var retargeted = FleetDomain.Replace("IEntityTypeConfiguration<Robot>", "IEntityTypeConfiguration<Drone>")
            .Replace("EntityTypeBuilder<Robot> builder) => builder.HasIndex(r => r.TeamId)", "EntityTypeBuilder<Drone> builder) => builder.HasIndex(d => d.TeamId)");
        var moved = compilation.ReplaceReference(domain, Domain(Reference.SolutionProject, ef, retargeted));
        var diagnostics = await ModelDiagnosticsAsync(moved);
        Assert.Contains("Tenant entity 'Robot' has no index", diagnostics, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'Drone'", diagnostics, System.StringComparison.Ordinal);
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(moved, ef)), diagnostics);
    }

    /// <summary>The Domain project as this one references it: a built assembly, or (as the IDE does) its compilation.</summary>
    private static MetadataReference Domain(Reference reference, EfCoreVersion ef, string source) =>
        reference == Reference.BuiltAssembly
            ? ForeignProject.Built(ef, "Fleet.Domain", source)
            : EfCoreReferences.Compile(ef, source).WithAssemblyName("Fleet.Domain").ToMetadataReference();

    private const string TeamFile = """
        public class Team
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_entity_edit_reads_that_entity_again_and_keeps_the_others(EfCoreVersion ef)
    {
        var entities = Entities.Replace("""
            public class Team
            {
                public Guid Id { get; set; }
            }
            """, string.Empty);
        var compilation = EfCoreReferences.Compile(ef, entities, Context, CampaignConfiguration, TeamFile, "public class TeamContext : DbContext { public DbSet<Team> Teams => Set<Team>(); }");
        await ModelDiagnosticsAsync(compilation);
        var team = DeclarationFactCache<EntityDeclaration>.Kept(compilation.GetTypeByMetadataName("Team")!);
        var lead = DeclarationFactCache<EntityDeclaration>.Kept(compilation.GetTypeByMetadataName("Lead")!);
        Assert.NotNull(team);
        Assert.NotNull(lead);

        // Lead gains an indexed property: Lead is read again, Team's declaration is reused.
        var edited = Edit(compilation, 0, entities.Replace("public class Lead", "[Index(nameof(TeamId), nameof(Score))]\npublic class Lead").Replace("public string Region", "public int Score { get; set; }\n    public string Region"));
        var diagnostics = await ModelDiagnosticsAsync(edited);
        Assert.Same(team, DeclarationFactCache<EntityDeclaration>.Kept(edited.GetTypeByMetadataName("Team")!));
        Assert.NotSame(lead, DeclarationFactCache<EntityDeclaration>.Kept(edited.GetTypeByMetadataName("Lead")!));
        Assert.Equal(await ModelDiagnosticsAsync(Fresh(edited, ef)), diagnostics);
    }

    /// <summary>The model snapshot kept for the compilation's project, whichever tree it is keyed by.</summary>
    private static ModelSnapshot? KeptSnapshot(Compilation compilation) =>
        compilation.SyntaxTrees.Select(ModelSnapshot.Kept).FirstOrDefault(s => s is not null);

    private const string FilteredContext = """
        public class FilteredDbContext : DbContext
        {
            private readonly Guid _teamId = Guid.Empty;

            public DbSet<Lead> Leads => Set<Lead>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == _teamId);
            }
        }
        """;

    private const string Service = """
        public class LeadService(FilteredDbContext db)
        {
            public int CountLeads() => db.Leads.Count();
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Tenant_filters_are_reused_while_their_file_and_entities_are_unchanged(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Entities, FilteredContext, Service);
        Assert.DoesNotContain("TSA1002", await QueryDiagnosticsAsync(compilation), System.StringComparison.Ordinal);
        var onModelCreating = compilation.GetTypeByMetadataName("FilteredDbContext")!.GetMembers("OnModelCreating").Single().DeclaringSyntaxReferences.Single();
        Assert.NotNull(ConfigurationFactCache<TenantFilterIndex>.Kept(onModelCreating, TenantFilterIndex.CacheVariant));

        // Typing in the service: the filter still protects the query.
        var edited = Edit(compilation, 2, Service.Replace("CountLeads", "CountAllLeads"));
        Assert.DoesNotContain("TSA1002", await QueryDiagnosticsAsync(edited), System.StringComparison.Ordinal);

        // The filter's property renamed in the entities' file: the filter no longer constrains a tenant key.
        var renamed = Edit(compilation, 0, Entities.Replace("""
                public Guid TeamId { get; set; }
                public Guid CampaignId
            """, """
                public Guid TeamId { get; set; }
                public Guid OwnerTeamId { get; set; }
                public Guid CampaignId
            """));
        Assert.Equal(await QueryDiagnosticsAsync(Fresh(renamed, ef)), await QueryDiagnosticsAsync(renamed));

        // The filter removed from the context: the query is unscoped.
        var unfiltered = Edit(compilation, 1, FilteredContext.Replace("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == _teamId);", "modelBuilder.Entity<Lead>().HasQueryFilter(l => l.OwnerId != Guid.Empty);"));
        var diagnostics = await QueryDiagnosticsAsync(unfiltered);
        Assert.Contains("TSA1002", diagnostics, System.StringComparison.Ordinal);
        Assert.Equal(await QueryDiagnosticsAsync(Fresh(unfiltered, ef)), diagnostics);
    }

    private static async Task<string> QueryDiagnosticsAsync(Compilation compilation) =>
        await DiagnosticsAsync(compilation, [new UnscopedTenantQueryAnalyzer()]);

    private static SyntaxReference OnModelCreating(Compilation compilation) =>
        compilation.GetTypeByMetadataName("AppDbContext")!.GetMembers("OnModelCreating").Single().DeclaringSyntaxReferences.Single();

    private static SyntaxTree Tree(Compilation compilation, int index) => compilation.SyntaxTrees.ElementAt(index);

    private static Compilation Edit(Compilation compilation, int index, string text) => IdeEdits.Edit(compilation, index, text);

    private static Compilation Fresh(Compilation compilation, EfCoreVersion ef) => IdeEdits.Fresh(compilation, ef);

    private static Task<string> ModelDiagnosticsAsync(Compilation compilation) => DiagnosticsAsync(compilation, s_modelRules);

    private static Task<string> DiagnosticsAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        AnalyzerHarness.DiagnosticLinesAsync(compilation, analyzers);
}
