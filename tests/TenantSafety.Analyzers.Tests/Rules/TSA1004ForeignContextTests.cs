using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1004 in a service layer over another project's DbContext: the SQL names tables of a model this project cannot
/// read, so they are found by the other project's entity sets (set name, class name, <c>[Table]</c>, snake_case), and
/// their tenant column by the configured key (its <c>[Column]</c> name, snake_case).
/// </summary>
public sealed class TSA1004ForeignContextTests
{
    private const string DataProject = """
        using System.ComponentModel.DataAnnotations.Schema;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Data;

        public class Order
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public decimal Total { get; set; }
        }

        [Table("billing_invoices")]
        public class Invoice
        {
            public Guid Id { get; set; }
            [Column("tenant")]
            public Guid TenantId { get; set; }
            public bool Paid { get; set; }
        }

        public class Country
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
        }

        public interface IReportingData
        {
            DbSet<Invoice> Invoices { get; }
        }

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<Country> Countries => Set<Country>();
        }
        """;

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n";

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task Raw_SQL_over_another_projects_tenant_tables_needs_their_tenant_column(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using Microsoft.EntityFrameworkCore;
            using Shop.Data;

            public sealed class ShopJobs(ShopDb db)
            {
                // The set name, the class name, snake_case.
                public void PurgeEmpty() => db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM \"Orders\" WHERE \"Total\" = 0"|});

                public int Count() => db.Database.SqlQueryRaw<int>({|TSA1004:"SELECT count(*) AS \"Value\" FROM \"Order\""|}).Single();

                public void Archive() => db.Database.ExecuteSqlRaw({|TSA1004:"UPDATE orders SET total = 0"|});

                // [Table] names the table, [Column] its tenant column.
                public void MarkPaid() => db.Database.ExecuteSqlRaw({|TSA1004:"UPDATE billing_invoices SET paid = true WHERE id = {0}"|}, Guid.Empty);

                // Scoped by the tenant column, under each name it may go by.
                public void PurgeEmpty(Guid tenant) => db.Database.ExecuteSqlRaw("DELETE FROM \"Orders\" WHERE \"TenantId\" = {0} AND \"Total\" = 0", tenant);

                public void Archive(Guid tenant) => db.Database.ExecuteSqlRaw("UPDATE orders SET total = 0 WHERE tenant_id = {0}", tenant);

                public void MarkPaid(Guid tenant) => db.Database.ExecuteSqlRaw("UPDATE billing_invoices SET paid = true WHERE tenant = {0}", tenant);

                // Not a tenant table; not a table of the model at all.
                public void ClearCountries() => db.Database.ExecuteSqlRaw("DELETE FROM \"Countries\"");

                public void ClearAudit() => db.Database.ExecuteSqlRaw("DELETE FROM audit_log");
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task Tables_of_an_entity_set_interface_count_too(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using Microsoft.EntityFrameworkCore;
            using Shop.Data;

            public sealed class Billing(IReportingData data, DbContext db)
            {
                public void MarkAllPaid() => db.Database.ExecuteSqlRaw({|TSA1004:"UPDATE \"Invoices\" SET \"Paid\" = true"|});
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_module_with_a_context_of_its_own_checks_SQL_over_the_other_projects_tables_too(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using Microsoft.EntityFrameworkCore;
            using Shop.Data;

            public class Refill
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public class RefillDb(DbContextOptions<RefillDb> options) : DbContext(options)
            {
                public DbSet<Refill> Refills => Set<Refill>();
            }

            public sealed class Refilling(ShopDb shop, RefillDb refills)
            {
                // Another project's table, and this project's own.
                public void Lock(Guid id) => shop.Database.ExecuteSqlRaw({|TSA1004:"SELECT id FROM orders WHERE id = {0} FOR UPDATE"|}, id);

                public void Purge() => refills.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM \"Refills\""|});

                public void Lock(Guid tenant, Guid id) => shop.Database.ExecuteSqlRaw("SELECT id FROM orders WHERE tenant_id = {0} AND id = {1} FOR UPDATE", tenant, id);

                public void ClearCountries() => shop.Database.ExecuteSqlRaw("DELETE FROM \"Countries\"");
            }
            """);

    private static Task Test(Reference reference, EfCoreVersion ef, string editorConfig, string source)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(source);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        ForeignProject.Add(test.TestState, reference, ef, "Shop.Data", DataProject);
        return test.RunAsync();
    }
}
