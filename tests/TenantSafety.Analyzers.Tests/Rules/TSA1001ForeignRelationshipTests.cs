using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Joins tied by a relationship key when the DbContext and its entities are in another project: the relationships that
/// project's configuration declares cannot be read here, but EF Core's convention is visible in the entities' metadata
/// (a navigation <c>Branch</c> beside its foreign key <c>BranchId</c>), and ties the join's sources as it does when the
/// model is in the compilation.
/// </summary>
public sealed class TSA1001ForeignRelationshipTests
{
    private const string DataProject = """
        using Microsoft.EntityFrameworkCore;

        namespace Field.Data;

        public class Branch
        {
            public int Id { get; set; }
            public int TenantId { get; set; }
            public string Name { get; set; } = "";
        }

        public class GeoConfig
        {
            public int Id { get; set; }
            public int TenantId { get; set; }
            public int BranchId { get; set; }
            public Branch Branch { get; set; } = null!;
            public int ZoneId { get; set; }
        }

        public class FieldDb(DbContextOptions<FieldDb> options) : DbContext(options)
        {
            public DbSet<Branch> Branches => Set<Branch>();
            public DbSet<GeoConfig> GeoConfigs => Set<GeoConfig>();
        }
        """;

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\ntenant_safety.tenant_types = Branch, GeoConfig\n";

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_join_on_the_navigations_foreign_key_is_scoped_by_its_scoped_source(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, """
            using Field.Data;

            public sealed class Endpoints(FieldDb db)
            {
                public List<string> Names(int tenantId) =>
                    db.GeoConfigs.IgnoreQueryFilters()
                        .Where(g => g.TenantId == tenantId)
                        .Join(db.Branches.IgnoreQueryFilters(), g => g.BranchId, b => b.Id, (g, b) => b.Name)
                        .ToList();
            }

            public sealed class AsyncEndpoints
            {
                private readonly FieldDb _db;

                public AsyncEndpoints(FieldDb db) => _db = db;

                public Task<List<string>> Names(int tenantId) =>
                    _db.GeoConfigs.IgnoreQueryFilters()
                        .Where(g => g.TenantId == tenantId)
                        .Join(_db.Branches.IgnoreQueryFilters(), g => g.BranchId, s => s.Id, (g, s) => s.Name)
                        .ToListAsync();
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_join_on_a_column_no_navigation_names_is_not_tied(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, """
            using Field.Data;

            public sealed class Endpoints(FieldDb db)
            {
                public List<string> Names(int tenantId) =>
                    db.GeoConfigs.IgnoreQueryFilters()
                        .Where(g => g.TenantId == tenantId)
                        .Join({|TSA1005:db.Branches.IgnoreQueryFilters()|}, g => g.ZoneId, b => b.Id, (g, b) => b.Name)
                        .ToList();
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_key_named_for_its_class_is_the_primary_key_a_filtered_lookup_matched(Reference reference, EfCoreVersion ef)
    {
        // EF Core takes StationId as Station's key by convention (<type>Id), as it takes Id. A Station found by it under
        // its tenant filter is one tenant's, so the readings of that station are, and the calibrations, whose StationId
        // has no navigation: a key named for a class of the entity's namespace references it, as in the project's own model.
        const string StationProject = """
            using Microsoft.EntityFrameworkCore;

            namespace Field.Data;

            public class Station
            {
                public Guid StationId { get; set; }
                public Guid TenantId { get; set; }
            }

            public class Reading
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
                public Guid StationId { get; set; }
                public Station Station { get; set; } = null!;
            }

            public class Calibration
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
                public Guid StationId { get; set; }
            }

            public class FieldDb(DbContextOptions<FieldDb> options) : DbContext(options)
            {
                public DbSet<Station> Stations => Set<Station>();
                public DbSet<Reading> Readings => Set<Reading>();
                public DbSet<Calibration> Calibrations => Set<Calibration>();
            }
            """;
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add("""
            using Field.Data;

            public sealed class DeleteStation(FieldDb db)
            {
                public async Task<int> Handle(Guid stationId)
                {
                    var station = await db.Stations.FirstOrDefaultAsync(s => s.StationId == stationId);
                    if (station == null)
                    {
                        return 0;
                    }

                    var readings = await db.Readings.Where(r => r.StationId == stationId).ToListAsync();
                    var calibrations = await db.Calibrations.Where(c => c.StationId == stationId).ToListAsync();
                    return readings.Count + calibrations.Count;
                }

                public Task<List<Reading>> Unchecked(Guid stationId) => db.Readings.Where(r => r.StationId == stationId).{|#0:ToListAsync()|};
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\ntenant_safety.tenant_types = Field.Data.Station\n"));
        test.TestState.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Reading", "TenantId", "ToListAsync", "tenant", UnreadFilters("Reading", "FieldDb"), RuleDescriptors.ReadsEveryRow("tenant")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
        ForeignProject.Add(test.TestState, reference, ef, "Field.Data", StationProject);
        return test.RunAsync();
    }

    private static string UnreadFilters(string entity, string holder) =>
        $", unless '{holder}' of another project filters '{entity}', which cannot be read here";

    private static Task Test(Reference reference, EfCoreVersion ef, string source)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(source);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Configured));
        ForeignProject.Add(test.TestState, reference, ef, "Field.Data", DataProject);
        return test.RunAsync();
    }
}
