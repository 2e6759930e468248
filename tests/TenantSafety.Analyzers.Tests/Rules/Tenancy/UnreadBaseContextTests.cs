using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyContext = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;
using VerifyQuery = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A DbContext of this project that derives from a base context of another project whose own <c>OnModelCreating</c> sets
/// the entities' query filters (a shared kernel's loop over the model): that body is compiled code this project cannot
/// read. A query the filter may scope is still reported, with the same hedge a project downstream of the context gets,
/// and TSA0001 names the line to configure; a base of another project that does not configure the model changes nothing.
/// </summary>
public sealed class UnreadBaseContextTests
{
    private const string Kernel = """
        using System.Linq;
        using Microsoft.EntityFrameworkCore;

        namespace Shelving.Kernel;

        public interface ICurrentTenant { int Id { get; } }

        public interface IOwnedByTenant { int TenantId { get; set; } }

        /// <summary>Rows the base context keys by a shadow TenantId it adds itself.</summary>
        public interface ITenantScoped { }

        public abstract class TenantAwareDb(DbContextOptions options, ICurrentTenant tenant) : DbContext(options)
        {
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IOwnedByTenant).IsAssignableFrom(t.ClrType)).ToList())
                {
                    FilterMethod.MakeGenericMethod(type.ClrType).Invoke(this, [modelBuilder]);
                }
            }

            /// <summary>ANDs <paramref name="extra"/> into the entity's filter when the loop sets it.</summary>
            protected void AddExtraFilter<T>(System.Linq.Expressions.Expression<Func<T, bool>> extra) where T : class => _ = extra;

            private static readonly System.Reflection.MethodInfo FilterMethod = typeof(TenantAwareDb).GetMethod(nameof(Filter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

            private void Filter<T>(ModelBuilder modelBuilder) where T : class, IOwnedByTenant =>
                modelBuilder.Entity<T>().HasQueryFilter(e => e.TenantId == tenant.Id);
        }

        public abstract class AuditedDb(DbContextOptions options) : DbContext(options)
        {
            public int SaveAudited() => SaveChanges();
        }
        """;

    private const string Shop = """
        using Shelving.Kernel;

        namespace Shelving;

        public class Shelf : IOwnedByTenant
        {
            public int Id { get; set; }
            public int TenantId { get; set; }
        }

        public class ShopDb(DbContextOptions<ShopDb> options, ICurrentTenant tenant) : TenantAwareDb(options, tenant)
        {
            public DbSet<Shelf> Shelves => Set<Shelf>();
        }

        public sealed class ShelfReader(ShopDb db)
        {
            public List<Shelf> All() => db.Shelves.{|#0:ToList()|};
        }
        """;

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_query_the_base_context_may_filter_carries_the_hedge(Reference reference, EfCoreVersion ef) =>
        QueryAsync(
            reference,
            ef,
            Shop,
            VerifyQuery.Diagnostic("TSA1001").WithLocation(0).WithArguments(
                "Shelf",
                "TenantId",
                "ToList",
                "tenant",
                ", unless base context 'TenantAwareDb' of another project filters 'Shelf' in its OnModelCreating, which cannot be read here", RuleDescriptors.ReadsEveryRow("tenant")));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_query_that_ignores_every_filter_gets_no_hedge(Reference reference, EfCoreVersion ef) =>
        QueryAsync(
            reference,
            ef,
            Shop.Replace("db.Shelves.{|#0:ToList()|}", "db.Shelves.IgnoreQueryFilters().{|#0:ToList()|}"),
            VerifyQuery.Diagnostic("TSA1001").WithLocation(0).WithArguments("Shelf", "TenantId", "ToList", "tenant", string.Empty, RuleDescriptors.ReadsEveryRow("tenant")));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_base_context_that_does_not_configure_the_model_adds_no_hedge(Reference reference, EfCoreVersion ef) =>
        QueryAsync(
            reference,
            ef,
            Shop.Replace(": TenantAwareDb(options, tenant)", ": AuditedDb(options)"),
            VerifyQuery.Diagnostic("TSA1001").WithLocation(0).WithArguments("Shelf", "TenantId", "ToList", "tenant", string.Empty, RuleDescriptors.ReadsEveryRow("tenant")));

    [Theory]
    [MemberData(nameof(References))]
    public Task Naming_the_entity_in_tenant_types_as_the_hedge_says_clears_it(Reference reference, EfCoreVersion ef) =>
        QueryAsync(reference, ef, Shop.Replace("{|#0:ToList()|}", "ToList()"), tenantTypes: "Shelving.Shelf");

    [Theory]
    [MemberData(nameof(References))]
    public Task A_protected_filter_helper_of_the_base_context_is_no_query(Reference reference, EfCoreVersion ef) =>
        QueryAsync(
            reference,
            ef,
            Shop
                .Replace("db.Shelves.{|#0:ToList()|}", "db.Shelves.Where(s => s.TenantId == 7).ToList()")
                .Replace(
                    "public DbSet<Shelf> Shelves => Set<Shelf>();",
                    """
                    public DbSet<Shelf> Shelves => Set<Shelf>();

                    protected override void OnModelCreating(ModelBuilder modelBuilder)
                    {
                        AddExtraFilter<Shelf>(s => s.Id < 1000);
                        base.OnModelCreating(modelBuilder);
                    }
                    """));

    [Theory]
    [MemberData(nameof(References))]
    public Task TSA0001_names_the_line_to_configure_for_the_base_context(Reference reference, EfCoreVersion ef)
    {
        // The entities carry no key: the base context adds a shadow TenantId and its filter, where this project cannot see.
        var test = new VerifyContext.Test(ef);
        test.TestState.Sources.Add(Shop
            .Replace("{|#0:ToList()|}", "ToList()")
            .Replace("public class ShopDb(", "public class {|#0:ShopDb|}(")
            .Replace("public class Shelf : IOwnedByTenant", "public class Shelf : ITenantScoped")
            .Replace("public int TenantId { get; set; }", "public string Label { get; set; } = \"\";"));
        ForeignProject.Add(test.TestState, reference, ef, "Shelving.Kernel", Kernel);
        test.ExpectedDiagnostics.Add(VerifyContext.Diagnostic("TSA0001").WithLocation(0).WithArguments(
            "ShopDb",
            NoTenantEntityAnalyzer.NoneFound(TSA0001NoTenantEntityTests.LookedForEverything),
            NoTenantEntityAnalyzer.UnreadBase("TenantAwareDb", "Shelving.Kernel.ITenantScoped", NoTenantEntityAnalyzer.SetTheKey)));
        return test.RunAsync(CancellationToken.None);
    }

    private static Task QueryAsync(Reference reference, EfCoreVersion ef, string source, DiagnosticResult? expected = null, string? tenantTypes = null)
    {
        var test = new VerifyQuery.Test(ef);
        test.TestState.Sources.Add(source);
        test.TestState.AnalyzerConfigFiles.Add((
            "/.editorconfig",
            "root = true\n\n[*.cs]\ntenant_safety.tenant_property = TenantId\n" + (tenantTypes is null ? string.Empty : "tenant_safety.tenant_types = " + tenantTypes + "\n")));
        ForeignProject.Add(test.TestState, reference, ef, "Shelving.Kernel", Kernel);
        if (expected is { } diagnostic)
        {
            test.ExpectedDiagnostics.Add(diagnostic.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        return test.RunAsync(CancellationToken.None);
    }
}
