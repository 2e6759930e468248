using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyIndexFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;
using VerifyScopeFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A tenant key spelled in another case (<c>TenantID</c>, <c>ClinicID</c> beside a configured or conventional
/// <c>TenantId</c>, <c>ClinicId</c>) is the same key: database-first models and older code spell ids that way, often
/// only on some entities. Before, such an entity was silently no tenant entity, and its leaks passed. Each entity's
/// key is its own property, so messages and fixes write its own spelling.
/// </summary>
public sealed class TenantKeySpellingTests
{
    /// <summary>The app of <see cref="TenantKeyInferenceTests"/>: keyed by <c>TenantId</c>, with a query of each kind.</summary>
    private const string TenantIdApp = TenantKeyInferenceTests.TenantIdApp;

    [Theory]
    [InlineData(EfCoreVersion.Ef8, null)]
    [InlineData(EfCoreVersion.Ef10, null)]
    [InlineData(EfCoreVersion.Ef10, "TenantId")]
    public async Task A_project_keyed_TenantID_gets_the_findings_of_one_keyed_TenantId(EfCoreVersion ef, string? configured)
    {
        var options = configured is null ? null : AllRules.Options(("tenant_safety.tenant_property", configured));
        var expected = (await AllRules.RunAsync(ef, options, TenantIdApp)).Select(f => f.Replace("TenantId", "TenantID", System.StringComparison.Ordinal)).ToList();

        var upperCase = await AllRules.RunAsync(ef, options, TenantIdApp.Replace("TenantId", "TenantID", System.StringComparison.Ordinal));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, upperCase);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Entities_spelling_the_configured_key_each_their_own_way_are_all_tenant_entities(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [
                """
                public class Visit
                {
                    public int Id { get; set; }
                    public int ClinicID { get; set; }
                    public string Notes { get; set; } = "";
                }

                public class Invoice
                {
                    public int Id { get; set; }
                    public int ClinicId { get; set; }
                }

                public class Species
                {
                    public int Id { get; set; }
                    public string Name { get; set; } = "";
                }

                public class ClinicDb : DbContext
                {
                    public DbSet<Visit> Visits { get; set; } = null!;
                    public DbSet<Invoice> Invoices { get; set; } = null!;
                    public DbSet<Species> Species { get; set; } = null!;
                }

                public sealed class Reports(ClinicDb db)
                {
                    public object AllVisits() => db.Visits.{|#0:ToList()|};
                    public object AllInvoices() => db.Invoices.{|#1:ToList()|};
                    public object Visits(int clinicId) => db.Visits.Where(v => v.ClinicID == clinicId).ToList();
                    public object Invoices(int clinicId) => db.Invoices.Where(i => i.ClinicId == clinicId).ToList();
                    public object AllSpecies() => db.Species.ToList();
                }
                """,
            ],
            ef,
            "root = true\n[*.cs]\ntenant_safety.tenant_property = ClinicId\n",
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Visit", "ClinicID", "ToList", "clinic", "", RuleDescriptors.ReadsEveryRow("clinic")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA1001").WithLocation(1).WithArguments("Invoice", "ClinicId", "ToList", "clinic", "", RuleDescriptors.ReadsEveryRow("clinic")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public Task The_scoping_fix_writes_the_entity_s_own_spelling() =>
        VerifyScopeFix.VerifyCodeFixAsync(
            TwoSpellings("db.Visits.{|TSA1001:ToList()|}", "db.Invoices.Where(i => i.ClinicId == clinicId).ToList()"),
            TwoSpellings("db.Visits.Where(x => x.ClinicID == clinicId).ToList()", "db.Invoices.Where(i => i.ClinicId == clinicId).ToList()"),
            editorConfig: "root = true\n[*.cs]\ntenant_safety.tenant_property = ClinicId\n");

    [Fact]
    public Task The_index_fix_writes_the_entity_s_own_spelling() =>
        VerifyIndexFix.VerifyCodeFixAsync(
            """
            public class {|TSA2001:Visit|}
            {
                public int Id { get; set; }
                public int ClinicID { get; set; }
            }

            public class ClinicDb : DbContext
            {
                public DbSet<Visit> Visits { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Visit>().ToTable("visits");
                }
            }
            """,
            """
            public class Visit
            {
                public int Id { get; set; }
                public int ClinicID { get; set; }
            }

            public class ClinicDb : DbContext
            {
                public DbSet<Visit> Visits { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Visit>().ToTable("visits");
                    modelBuilder.Entity<Visit>().HasIndex(e => e.ClinicID);
                }
            }
            """,
            editorConfig: "root = true\n[*.cs]\ntenant_safety.tenant_property = ClinicId\n");

    [Fact]
    public Task Fix_all_scopes_each_entity_by_its_own_spelling() =>
        VerifyScopeFix.VerifyFixAllAsync(
            TwoSpellings("db.Visits.{|TSA1001:ToList()|}", "db.Invoices.{|TSA1001:ToList()|}"),
            TwoSpellings("db.Visits.Where(x => x.ClinicID == clinicId).ToList()", "db.Invoices.Where(x => x.ClinicId == clinicId).ToList()"),
            editorConfig: "root = true\n[*.cs]\ntenant_safety.tenant_property = ClinicId\n");

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Raw_sql_is_judged_by_the_entity_s_own_column(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [
                """
                public class Visit
                {
                    public int Id { get; set; }
                    public int ClinicID { get; set; }
                }

                public class ClinicDb : DbContext
                {
                    public DbSet<Visit> Visits { get; set; } = null!;
                }

                public sealed class Reports(ClinicDb db)
                {
                    public object Scoped(int clinicId) => db.Visits.FromSqlRaw("SELECT * FROM \"Visits\" WHERE \"ClinicID\" = {0}", clinicId).ToList();
                    public object All() => db.Visits.FromSqlRaw({|#0:"SELECT * FROM \"Visits\""|}).ToList();
                }
                """,
            ],
            ef,
            "root = true\n[*.cs]\ntenant_safety.tenant_property = ClinicId\n",
            Verify.Diagnostic("TSA1004").WithLocation(0).WithArguments("Visits", "ClinicID", "reads", "clinic"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_name_that_only_starts_like_the_key_is_not_it(EfCoreVersion ef)
    {
        // ClinicIdentifier is no spelling of ClinicId: the entity holds no tenant rows.
        await Verify.VerifyAnalyzerAsync(
            [
                """
                public class Visit
                {
                    public int Id { get; set; }
                    public int ClinicIdentifier { get; set; }
                }

                public class ClinicDb : DbContext
                {
                    public DbSet<Visit> Visits { get; set; } = null!;
                }

                public sealed class Reports(ClinicDb db)
                {
                    public object AllVisits() => db.Visits.ToList();
                }
                """,
            ],
            ef,
            "root = true\n[*.cs]\ntenant_safety.tenant_property = ClinicId\n");
    }

    private static string TwoSpellings(string visits, string invoices) => $$"""
        public class Visit
        {
            public int Id { get; set; }
            public int ClinicID { get; set; }
        }

        public class Invoice
        {
            public int Id { get; set; }
            public int ClinicId { get; set; }
        }

        public class ClinicDb : DbContext
        {
            public DbSet<Visit> Visits { get; set; } = null!;
            public DbSet<Invoice> Invoices { get; set; } = null!;
        }

        public sealed class Reports(ClinicDb db)
        {
            public List<Visit> AllVisits(int clinicId) => {{visits}};
            public List<Invoice> AllInvoices(int clinicId) => {{invoices}};
        }
        """;
}
