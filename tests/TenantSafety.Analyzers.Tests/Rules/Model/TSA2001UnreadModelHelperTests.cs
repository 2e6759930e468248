using System.Threading;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using IndexVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2001 where the DbContext hands its <c>ModelBuilder</c> to a method of another project (a shared infrastructure
/// project's <c>modelBuilder.AddTeamIndexes()</c>, a loop over the entity types): that body cannot be read here, and
/// the model snapshot of the project's migrations, the model EF Core built at the last migration, says which indexes it
/// added. Without such a helper the snapshot does not count (TSA2001MissingTenantKeyIndexTests).
/// </summary>
public sealed class TSA2001UnreadModelHelperTests
{
    private const string Shared = """
        using System.Linq;
        using Microsoft.EntityFrameworkCore;

        namespace Fleet.Shared;

        public interface ITeamOwned { Guid TeamId { get; } }

        public static class TeamIndexes
        {
            public static ModelBuilder AddTeamIndexes(this ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITeamOwned).IsAssignableFrom(t.ClrType)).ToList())
                {
                    modelBuilder.Entity(entityType.ClrType).HasIndex(nameof(ITeamOwned.TeamId));
                }

                return modelBuilder;
            }

            public static void Apply(ModelBuilder modelBuilder) => modelBuilder.AddTeamIndexes();
        }
        """;

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task An_index_the_snapshot_declares_counts_when_a_helper_of_another_project_builds_the_model(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(reference, ef, "Robot", "modelBuilder.AddTeamIndexes();", Snapshot("FleetDb", """b.HasIndex("TeamId");"""));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_helper_called_as_a_static_method_counts_and_a_composite_index_led_by_the_key_serves(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(reference, ef, "Robot", "TeamIndexes.Apply(modelBuilder);", Snapshot("FleetDb", """b.HasIndex(new[] { "TeamId", "Name" }, "IX_Robots_Team_Name");"""));

    [Theory]
    [MemberData(nameof(References))]
    public Task An_index_the_snapshot_declares_led_by_another_column_does_not_serve(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(reference, ef, "{|TSA2001:Robot|}", "modelBuilder.AddTeamIndexes();", Snapshot("FleetDb", """b.HasKey("Id"); b.HasIndex("Name", "TeamId");"""));

    [Theory]
    [MemberData(nameof(References))]
    public Task The_snapshot_of_another_DbContext_does_not_serve(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(reference, ef, "{|TSA2001:Robot|}", "modelBuilder.AddTeamIndexes();", Snapshot("ArchiveDb", """b.HasIndex("TeamId");"""));

    [Theory]
    [MemberData(nameof(References))]
    public Task An_index_of_an_owned_type_in_the_snapshot_does_not_serve_its_owner(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(reference, ef, "{|TSA2001:Robot|}", "modelBuilder.AddTeamIndexes();", Snapshot("FleetDb", """b.OwnsOne("Fleet.Badge", "Badge", b1 => { b1.HasIndex("TeamId"); });"""));

    [Theory]
    [MemberData(nameof(References))]
    public Task Without_a_helper_of_another_project_the_snapshot_does_not_count(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(reference, ef, "{|TSA2001:Robot|}", "modelBuilder.Entity<Robot>().ToTable(\"robots\");", Snapshot("FleetDb", """b.HasIndex("TeamId");"""));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_database_provider_s_method_is_read_as_adding_no_index(EfCoreVersion ef) =>
        VerifyAsync(Reference.BuiltAssembly, ef, "{|TSA2001:Robot|}", "modelBuilder.HasPostgresExtension(\"citext\");", Snapshot("FleetDb", """b.HasIndex("TeamId");"""), DatabaseProvider.Npgsql);

    [Theory]
    [MemberData(nameof(References))]
    public Task Without_a_snapshot_the_finding_says_the_helper_may_add_the_index(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(
            reference,
            ef,
            "{|#0:Robot|}",
            "modelBuilder.AddTeamIndexes();",
            snapshot: string.Empty,
            expected: IndexVerify.Diagnostic("TSA2001").WithLocation(0).WithArguments(
                "Robot",
                "TeamId",
                "Robots",
                "teams'",
                " (unless TeamIndexes.AddTeamIndexes of another project adds it: that code cannot be read here, and no model snapshot of this project's migrations records the entity)"));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_snapshot_that_records_the_entity_without_the_index_says_the_helper_did_not_add_it(Reference reference, EfCoreVersion ef) =>
        VerifyAsync(
            reference,
            ef,
            "{|#0:Robot|}",
            "TeamIndexes.Apply(modelBuilder);",
            Snapshot("FleetDb", statements: string.Empty),
            expected: IndexVerify.Diagnostic("TSA2001").WithLocation(0).WithArguments(
                "Robot",
                "TeamId",
                "Robots",
                "teams'",
                " (the model snapshot of this project's migrations records no such index either, so TeamIndexes.Apply of another project, which configures the model, did not add one by the last migration)"));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Without_a_helper_of_another_project_the_finding_says_nothing_of_one(EfCoreVersion ef) =>
        VerifyAsync(
            Reference.BuiltAssembly,
            ef,
            "{|#0:Robot|}",
            "modelBuilder.Entity<Robot>().ToTable(\"Robots\");",
            snapshot: string.Empty,
            expected: IndexVerify.Diagnostic("TSA2001").WithLocation(0).WithArguments("Robot", "TeamId", "Robots", "teams'", string.Empty));

    private static string Snapshot(string context, string statements) => $$"""
        [Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(Fleet.{{context}}))]
        public class {{context}}ModelSnapshot : Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot
        {
            protected override void BuildModel(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity("Fleet.Robot", b =>
                {
                    b.Property<Guid>("Id");
                    b.Property<Guid>("TeamId");
                    {{statements}}
                    b.ToTable("Robots");
                });
            }
        }
        """;

    private static Task VerifyAsync(
        Reference reference,
        EfCoreVersion ef,
        string robot,
        string onModelCreating,
        string snapshot,
        DatabaseProvider provider = DatabaseProvider.None,
        Microsoft.CodeAnalysis.Testing.DiagnosticResult? expected = null)
    {
        var test = new IndexVerify.Test(ef, provider);
        if (expected is { } diagnostic)
        {
            // The fix's sites are additional locations; TSA2001's fix tests check them.
            test.ExpectedDiagnostics.Add(diagnostic.WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
        }

        test.TestState.Sources.Add($$"""
            using Fleet.Shared;

            namespace Fleet
            {
                public class {{robot}} : ITeamOwned
                {
                    public Guid Id { get; set; }
                    public Guid TeamId { get; set; }
                    public string Name { get; set; } = "";
                }

                public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
                {
                    public DbSet<Robot> Robots => Set<Robot>();

                    protected override void OnModelCreating(ModelBuilder modelBuilder)
                    {
                        {{onModelCreating}}
                    }
                }

                public class ArchiveDb(DbContextOptions<ArchiveDb> options) : DbContext(options)
                {
                }
            }

            namespace Fleet.Migrations
            {
                {{snapshot}}
            }
            """);
        ForeignProject.Add(test.TestState, reference, ef, "Fleet.Shared", Shared);
        return test.RunAsync(CancellationToken.None);
    }
}
