using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A module that queries another module's DbContext (a modular monolith's shared catalogue) beside a DbContext of its
/// own: the other context's query filters are compiled code this project cannot read. TSA1001–TSA1003 still report its
/// entities' unscoped queries, and say so, naming the context and the setting that declares what it filters.
/// </summary>
public sealed class TSA1001UnreadForeignFiltersTests
{
    private const string CatalogProject = """
        using Microsoft.EntityFrameworkCore;

        namespace Catalog.Data;

        public interface ITenantProvider { Guid TenantId { get; } }

        public class Product
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Code { get; set; } = "";
        }

        public class CatalogDb(DbContextOptions<CatalogDb> options, ITenantProvider tenant) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Product>().HasQueryFilter(p => p.TenantId == tenant.TenantId);
        }
        """;

    /// <summary>The module: a context of its own over its own entity, and a service over both contexts.</summary>
    private const string Module = """
        using System.Linq;
        using System.Threading.Tasks;
        using Catalog.Data;
        using Microsoft.EntityFrameworkCore;

        public class Receipt
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid ProductId { get; set; }
        }

        public class InboundDb(DbContextOptions<InboundDb> options) : DbContext(options)
        {
            public DbSet<Receipt> Receipts => Set<Receipt>();
        }

        public sealed class Receiving(CatalogDb catalog, InboundDb inbound)
        {
            public Task<Product?> ByCode(string code) => catalog.Products.{|#0:FirstOrDefaultAsync(p => p.Code == code)|};

            public Task<bool> Known(string code) => catalog.Products.{|#1:AnyAsync(p => p.Code == code)|};

            public Task<Receipt?> Receipt(Guid id) => inbound.Receipts.{|#2:FirstOrDefaultAsync(r => r.Id == id)|};
        }
        """;

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n";

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task The_message_says_the_other_projects_filters_cannot_be_read(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            Configured,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Product", "TenantId", "FirstOrDefaultAsync", "tenant", UnreadFilters("Product", "CatalogDb"), RuleDescriptors.ReadsEveryRow("tenant")),
            Verify.Diagnostic("TSA1002").WithLocation(1).WithArguments("Product", "TenantId", "AnyAsync", "tenant", UnreadFilters("Product", "CatalogDb")),
            // The module's own entity: its model is read here, and it has no filter.
            Verify.Diagnostic("TSA1001").WithLocation(2).WithArguments("Receipt", "TenantId", "FirstOrDefaultAsync", "tenant", "", RuleDescriptors.FindsAnyRowByKey("Id", "tenant")));

    [Theory]
    [MemberData(nameof(References))]
    public Task Naming_the_filtered_entity_in_tenant_types_declares_its_filter(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            Configured + "tenant_safety.tenant_types = Product\n",
            Verify.Diagnostic("TSA1001").WithLocation(2).WithArguments("Receipt", "TenantId", "FirstOrDefaultAsync", "tenant", "", RuleDescriptors.FindsAnyRowByKey("Id", "tenant")));

    /// <summary>A query that switches every filter off is unscoped whatever the other project's filters are: no hedge.</summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task A_query_that_ignores_every_filter_gets_no_hedge(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            Configured,
            Module.Replace("catalog.Products.{|#0:FirstOrDefaultAsync(p => p.Code == code)|}", "catalog.Products.IgnoreQueryFilters().{|#0:FirstOrDefaultAsync(p => p.Code == code)|}"),
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Product", "TenantId", "FirstOrDefaultAsync", "tenant", "", RuleDescriptors.ReadsEveryRow("tenant")),
            Verify.Diagnostic("TSA1002").WithLocation(1).WithArguments("Product", "TenantId", "AnyAsync", "tenant", UnreadFilters("Product", "CatalogDb")),
            Verify.Diagnostic("TSA1001").WithLocation(2).WithArguments("Receipt", "TenantId", "FirstOrDefaultAsync", "tenant", "", RuleDescriptors.FindsAnyRowByKey("Id", "tenant")));

    /// <summary>
    /// A module with no context of its own that configures its entity (applied by the other project's context, which may
    /// filter it in a loop) and reads it with <c>Set&lt;T&gt;()</c>: the same hedge as for an entity set of that context.
    /// </summary>
    private const string ConfiguringModule = """
        using System.Threading.Tasks;
        using Catalog.Data;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        public class Bin
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Code { get; set; } = "";
        }

        public class BinConfiguration : IEntityTypeConfiguration<Bin>
        {
            public void Configure(EntityTypeBuilder<Bin> builder) => builder.HasIndex(b => new { b.TenantId, b.Code });
        }

        public sealed class Binning(CatalogDb catalog)
        {
            public Task<Bin?> ByCode(string code) => catalog.Set<Bin>().{|#0:FirstOrDefaultAsync(b => b.Code == code)|};
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public Task An_entity_read_through_Set_of_the_other_projects_context_gets_the_same_hedge(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            Configured,
            ConfiguringModule,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Bin", "TenantId", "FirstOrDefaultAsync", "tenant", UnreadFilters("Bin", "CatalogDb"), RuleDescriptors.ReadsEveryRow("tenant")));

    /// <summary>The hedge names the context and the entity, and no setting: on every finding it would read as the way to silence them.</summary>
    private static string UnreadFilters(string entity, string holder) =>
        $", unless '{holder}' of another project filters '{entity}', which cannot be read here";

    private static Task Test(Reference reference, EfCoreVersion ef, string editorConfig, params DiagnosticResult[] expected) =>
        Test(reference, ef, editorConfig, Module, expected);

    private static Task Test(Reference reference, EfCoreVersion ef, string editorConfig, string module, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(module);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        ForeignProject.Add(test.TestState, reference, ef, "Catalog.Data", CatalogProject);
        test.ExpectedDiagnostics.AddRange(expected.Select(d => d.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)));
        return test.RunAsync();
    }
}
