using System.Threading;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyContext = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// An entity of a type named in <c>tenant_safety.tenant_types</c> that carries no tenant key property: its filter may
/// reach the tenant through a navigation (<c>e =&gt; e.Shelf.TenantId == …</c>), so its table may have no such column.
/// The key is only assumed: its queries are judged as filtered, and no index rule asks for the column, nor does any fix
/// write it (an index on a property the class lacks makes EF Core throw when it builds the model). A shadow property the
/// model declares is a column, and keeps its findings.
/// </summary>
public sealed class TenantTypeWithoutKeyColumnTests
{
    private const string Model = """
        public interface IOwnedByTenant { int TenantId { get; set; } }

        public interface IOwnedThroughParent { string ParentPath { get; } }

        public class Shelf : IOwnedByTenant
        {
            public int Id { get; set; }
            public int TenantId { get; set; }
            public string Name { get; set; } = "";
        }

        public class Item : IOwnedThroughParent
        {
            public int Id { get; set; }
            public int ShelfId { get; set; }
            public Shelf Shelf { get; set; } = null!;
            public string Sku { get; set; } = "";
            public string ParentPath => "Shelf";
        }

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Shelf> Shelves => Set<Shelf>();
            public DbSet<Item> Items => Set<Item>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Shelf>().HasIndex(s => s.TenantId);
                /*ItemConfiguration*/
            }
        }

        public sealed class Catalog(ShopDb db)
        {
            public object BySku(string sku) => db.Items.Where(i => i.Sku == sku).OrderBy(i => i.Id).ToList();
            public object Item(int id) => db.Items.FirstOrDefault(i => i.Id == id);
            public object Shelves() => db.Shelves.ToList();
        }
        """;

    private static readonly System.Collections.Generic.Dictionary<string, string> BothTypes = AllRules.Options(
        ("tenant_safety.tenant_property", "TenantId"),
        ("tenant_safety.tenant_types", "IOwnedByTenant, IOwnedThroughParent"));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task No_index_rule_asks_for_a_key_column_the_entity_may_not_have(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(ef, BothTypes, Model);

        Assert.DoesNotContain(findings, f => f.Contains("'Item'", System.StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.StartsWith("TSA1001 ", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_shadow_key_the_model_declares_is_a_column_and_needs_its_index(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(
            ef,
            BothTypes,
            Model.Replace("/*ItemConfiguration*/", "modelBuilder.Entity<Item>().Property<int>(\"TenantId\");"));

        Assert.Contains(findings, f => f.StartsWith("TSA2001 ", System.StringComparison.Ordinal) && f.Contains("'Item' has no index led by TenantId", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_entity_that_carries_the_key_keeps_its_index_finding(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(ef, BothTypes, Model.Replace("modelBuilder.Entity<Shelf>().HasIndex(s => s.TenantId);", string.Empty));

        Assert.Contains(findings, f => f.StartsWith("TSA2001 ", System.StringComparison.Ordinal) && f.Contains("'Shelf' has no index led by TenantId", System.StringComparison.Ordinal));
    }

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    /// <summary>
    /// A project downstream of the context reads the key from the named types alone: the keyless type's one scalar
    /// property (<c>ParentPath</c>) is no key, and does not hide the one <c>…Id</c> property the other declares.
    /// </summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task A_keyless_tenant_type_does_not_hide_the_key_the_other_declares_downstream(Reference reference, EfCoreVersion ef)
    {
        var test = new VerifyContext.Test(ef);
        test.TestState.Sources.Add("""
            using Shelving.Data;

            public sealed class ShelfHandlers(ShopDb db)
            {
                public object Shelves(int tenantId) => db.Shelves.Where(s => s.TenantId == tenantId).ToList();
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add((
            "/.editorconfig",
            "root = true\n\n[*.cs]\ntenant_safety.tenant_types = Shelving.Data.IOwnedByTenant, Shelving.Data.IOwnedThroughParent\n"));
        ForeignProject.Add(test.TestState, reference, ef, "Shelving.Data", "using Microsoft.EntityFrameworkCore;\n\nnamespace Shelving.Data;\n\n" + Model.Substring(0, Model.IndexOf("public sealed class Catalog", System.StringComparison.Ordinal)));
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_query_that_ignores_the_filter_is_still_reported(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(
            ef,
            BothTypes,
            Model.Replace("db.Items.FirstOrDefault(i => i.Id == id)", "db.Items.IgnoreQueryFilters().FirstOrDefault(i => i.Id == id)"));

        Assert.Contains(findings, f => f.StartsWith("TSA1005 ", System.StringComparison.Ordinal) && f.Contains("'Item'", System.StringComparison.Ordinal));
    }
}
