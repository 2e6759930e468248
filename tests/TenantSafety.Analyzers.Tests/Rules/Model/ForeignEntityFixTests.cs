using System.Threading;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2001's fix for entities of another project: the index goes into this project's configuration — the entity's
/// configuration class, else OnModelCreating — never an <c>[Index]</c> on the other project's class; one by one and
/// Fix All alike.
/// </summary>
public sealed class ForeignEntityFixTests
{
    private const string Domain = """
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
        }
        """;

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task Indexes_go_into_the_configuration_class_and_OnModelCreating(Reference reference, EfCoreVersion ef)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add("""
            using Fleet.Domain;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> Robots => Set<Robot>();
                public DbSet<Drone> {|TSA2001:Drones|} => Set<Drone>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(FleetDb).Assembly);
                }
            }

            public sealed class {|TSA2001:RobotConfiguration|} : IEntityTypeConfiguration<Robot>
            {
                public void Configure(EntityTypeBuilder<Robot> builder)
                {
                    builder.Property(r => r.Name).HasMaxLength(80);
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using Fleet.Domain;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Robot> Robots => Set<Robot>();
                public DbSet<Drone> Drones => Set<Drone>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(FleetDb).Assembly);
                    modelBuilder.Entity<Drone>().HasIndex(e => e.TeamId);
                }
            }

            public sealed class RobotConfiguration : IEntityTypeConfiguration<Robot>
            {
                public void Configure(EntityTypeBuilder<Robot> builder)
                {
                    builder.Property(r => r.Name).HasMaxLength(80);
                    builder.HasIndex(e => e.TeamId);
                }
            }
            """);
        ForeignProject.Add(test.TestState, reference, ef, "Fleet.Domain", Domain);
        return test.RunAsync(CancellationToken.None);
    }
}
