using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using FilterVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer>;
using CompositeVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer>;
using IndexVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// Entities declared in another assembly — the Domain project of a Clean Architecture layout, which does not reference
/// EF Core — are judged by TSA2001 and TSA1007 in the project that maps them, where it maps them: the entity's
/// configuration class, else its DbSet property, else its <c>Entity&lt;T&gt;()</c> call. Both ways the compiler sees
/// the other project: as a built assembly (the command-line build) and as a project of the solution (the IDE), where
/// the entity has source of its own in another compilation and no finding may point there.
/// </summary>
public sealed class ForeignEntityTests
{
    private const string Domain = """
        namespace Fleet.Domain;

        public class Robot
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Name { get; set; } = "";
        }

        public class Country
        {
            public int Id { get; set; }
            public string Code { get; set; } = "";
        }
        """;

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task An_entity_mapped_by_a_DbSet_alone_is_reported_at_the_DbSet(Reference reference, EfCoreVersion ef) =>
        VerifyIndexAsync(reference, ef, """
            using Fleet.Domain;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> {|TSA2001:Robots|} => Set<Robot>();
                public DbSet<Country> Countries => Set<Country>();
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task An_entity_with_a_configuration_class_is_reported_at_that_class(Reference reference, EfCoreVersion ef) =>
        VerifyIndexAsync(reference, ef, """
            using Fleet.Domain;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> Robots => Set<Robot>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(typeof(FleetDb).Assembly);
            }

            public sealed class {|TSA2001:RobotConfiguration|} : IEntityTypeConfiguration<Robot>
            {
                public void Configure(EntityTypeBuilder<Robot> builder) => builder.HasIndex(r => r.Name);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task An_entity_configured_in_OnModelCreating_alone_is_reported_at_its_Entity_call(Reference reference, EfCoreVersion ef) =>
        VerifyIndexAsync(reference, ef, """
            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.{|TSA2001:Entity<Fleet.Domain.Robot>|}(b => b.ToTable("robots"));
                    modelBuilder.Entity<Fleet.Domain.Country>().ToTable("countries");
                }
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task An_entity_reached_through_a_navigation_alone_is_reported_at_the_context(Reference reference, EfCoreVersion ef)
    {
        var test = new IndexVerify.Test(ef);
        test.TestState.Sources.Add("""
            using Fleet.Domain;

            public class {|TSA2001:FleetDb|}(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Hangar> Hangars => Set<Hangar>();
            }
            """);
        ForeignProject.Add(test.TestState, reference, ef, "Fleet.Domain", """
            namespace Fleet.Domain;

            public class Hangar
            {
                public int Id { get; set; }
                public List<Bay> Bays { get; set; } = new();
            }

            public class Bay
            {
                public int Id { get; set; }
                public Guid TeamId { get; set; }
                public int HangarId { get; set; }
            }
            """);
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task An_entity_whose_configuration_indexes_the_tenant_key_is_not_reported(Reference reference, EfCoreVersion ef) =>
        VerifyIndexAsync(reference, ef, """
            using Fleet.Domain;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> Robots => Set<Robot>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new RobotConfiguration());
            }

            public sealed class RobotConfiguration : IEntityTypeConfiguration<Robot>
            {
                public void Configure(EntityTypeBuilder<Robot> builder) => builder.HasIndex(r => new { r.TeamId, r.Name });
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public async Task TSA1007_reports_a_foreign_entity_without_a_tenant_filter_and_not_one_with(Reference reference, EfCoreVersion ef)
    {
        await RunAsync(new FilterVerify.Test(ef), reference, ef, """
            using Fleet.Domain;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> {|TSA1007:Robots|} => Set<Robot>();
            }
            """);
        await RunAsync(new FilterVerify.Test(ef), reference, ef, """
            using Fleet.Domain;

            public class FleetDb(DbContextOptions<FleetDb> options, Guid teamId) : DbContext(options)
            {
                public DbSet<Robot> Robots => Set<Robot>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Robot>().HasQueryFilter(r => r.TeamId == teamId);
            }
            """);
    }

    /// <summary>
    /// TSA2002 on a hot entity of another project whose own <c>[Index]</c> the wanted index would widen: the attribute is
    /// in the other project's source, which a finding here cannot point to, so the fix adds an index rather than
    /// rewriting it (and the analyzer does not fail, as it did in the IDE).
    /// </summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task TSA2002_on_a_foreign_hot_entity_with_an_index_attribute(Reference reference, EfCoreVersion ef)
    {
        var test = new CompositeVerify.Test(ef);
        test.TestState.Sources.Add("""
            using Fleet.Domain;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> Robots => Set<Robot>();

                public List<Robot> Named(Guid teamId, string name) => Robots.Where(r => r.TeamId == teamId && r.Name == name).{|TSA2002:ToList()|};
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ntenant_safety.hot_entities = Robot\n"));
        ForeignProject.Add(test.TestState, reference, ef, "Fleet.Domain", """
            namespace Fleet.Domain;

            [Microsoft.EntityFrameworkCore.Index(nameof(TeamId))]
            public class Robot
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Name { get; set; } = "";
            }
            """);
        return test.RunAsync(CancellationToken.None);
    }

    private const string ConfiguredDomain = """
        namespace Fleet.Domain;

        public class Robot
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Name { get; set; } = "";
        }

        public class Drone
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Name { get; set; } = "";
        }

        public sealed class RobotConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<Robot>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Robot> builder) =>
                builder.HasIndex(r => new { r.TeamId, r.Name });
        }
        """;

    /// <summary>
    /// An entity configured by a configuration class of the other project — applied one by one or with that project's
    /// assembly — may have indexes and filters this compilation cannot read: TSA2001, TSA2002 and TSA1007 claim nothing
    /// of it, while the entity next to it that nothing configures elsewhere is still reported.
    /// </summary>
    [Theory]
    [MemberData(nameof(References))]
    public async Task An_entity_configured_by_another_projects_configuration_class_is_not_judged(Reference reference, EfCoreVersion ef)
    {
        foreach (var apply in new[] { "modelBuilder.ApplyConfiguration(new RobotConfiguration())", "modelBuilder.ApplyConfigurationsFromAssembly(typeof(Robot).Assembly)" })
        {
            await RunAsync(WithHotEntities(new IndexVerify.Test(ef)), reference, ef, Configured(apply, drones: "{|TSA2001:Drones|}", droneQuery: "ToList()"), ConfiguredDomain);
            await RunAsync(WithHotEntities(new FilterVerify.Test(ef)), reference, ef, Configured(apply, drones: "{|TSA1007:Drones|}", droneQuery: "ToList()"), ConfiguredDomain);
            await RunAsync(WithHotEntities(new CompositeVerify.Test(ef)), reference, ef, Configured(apply, drones: "Drones", droneQuery: "{|TSA2002:ToList()|}"), ConfiguredDomain);
        }
    }

    /// <summary>A context mapping Robot (configured by the other project) and Drone (configured nowhere), querying both by name.</summary>
    private static string Configured(string apply, string drones, string droneQuery) => $$"""
        using Fleet.Domain;

        public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
        {
            public DbSet<Robot> Robots => Set<Robot>();
            public DbSet<Drone> {{drones}} => Set<Drone>();

            public List<Robot> NamedRobots(Guid teamId, string name) => Robots.Where(r => r.TeamId == teamId && r.Name == name).ToList();

            public List<Drone> NamedDrones(Guid teamId, string name) => Drones.Where(d => d.TeamId == teamId && d.Name == name).{{droneQuery}};

            protected override void OnModelCreating(ModelBuilder modelBuilder) => {{apply}};
        }
        """;

    private static AnalyzerTest<DefaultVerifier> WithHotEntities(AnalyzerTest<DefaultVerifier> test)
    {
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ntenant_safety.hot_entities = Robot, Drone\n"));
        return test;
    }

    private static Task VerifyIndexAsync(Reference reference, EfCoreVersion ef, string data) =>
        RunAsync(new IndexVerify.Test(ef), reference, ef, data);

    private static Task RunAsync(AnalyzerTest<DefaultVerifier> test, Reference reference, EfCoreVersion ef, string data, string domain = Domain)
    {
        test.TestState.Sources.Add(data);
        ForeignProject.Add(test.TestState, reference, ef, "Fleet.Domain", domain);
        return test.RunAsync(CancellationToken.None);
    }
}
