using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A database per tenant (docs/configuration.md, "A database per tenant"): a DbContext whose database the project
/// switches at run time (<c>Database.SetConnectionString</c>, <c>Database.SetDbConnection</c>) holds one tenant's rows, so
/// a <c>TenantId</c> its entities carry is no evidence of shared tables and the key is not inferred from it by name.
/// TSA0001 then says so at the context. A configured key, declared tenancy (a tenant query filter) and entities of a
/// context that is not switched still count; a helper over any <c>DbContext</c> names no context.
/// </summary>
public sealed class DatabasePerTenantTests
{
    private const string Entities = """
        public class Invoice
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public decimal Total { get; set; }
        }

        public class AuditEntry
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Action { get; set; } = "";
        }

        public interface ITenantConnection
        {
            string ConnectionString { get; }
            System.Data.Common.DbConnection Connection { get; }
        }

        public sealed class InvoiceService(TenantDb db)
        {
            public List<Invoice> All() => db.Invoices.ToList();
            public int Audits() => db.Audits.Count();
        }

        """;

    /// <summary>The context switches its own database in a method the request pipeline calls.</summary>
    private const string SwitchedInItsOwnCode = """
        public class TenantDb(DbContextOptions<TenantDb> options) : DbContext(options)
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<AuditEntry> Audits => Set<AuditEntry>();

            public void UseTenant(string connectionString) => Database.SetConnectionString(connectionString);
        }
        """;

    /// <summary>The same context without the switch: one shared database.</summary>
    private const string NotSwitched = """
        public class TenantDb(DbContextOptions<TenantDb> options) : DbContext(options)
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<AuditEntry> Audits => Set<AuditEntry>();
        }
        """;

    private static readonly string SwitchedMessage =
        NoTenantEntityAnalyzer.DatabaseSwitched("Database.SetConnectionString in TenantDb.UseTenant", NoTenantEntityAnalyzer.SetTheKey);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_context_that_switches_its_own_database_is_not_keyed_by_the_TenantId_its_entities_carry(EfCoreVersion ef)
    {
        var shared = await AllRules.RunAsync(ef, options: null, Entities + NotSwitched);
        var perTenant = await AllRules.RunAsync(ef, options: null, Entities + SwitchedInItsOwnCode);

        // Shared tables: the inferred key finds the unscoped queries and the missing indexes.
        Assert.Equal(["TSA1001", "TSA1002", "TSA2001", "TSA2001"], Ids(shared));

        // A database per tenant: only TSA0001, which says why and what to set if tenants share the database after all.
        var finding = Assert.Single(perTenant);
        Assert.StartsWith("TSA0001 ", finding, System.StringComparison.Ordinal);
        Assert.Contains(
            "not counted: TenantId on 2 entities of DbContexts whose database is switched at run time, a database per tenant (TenantDb)); " + SwitchedMessage,
            finding,
            System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8, "db.Database.SetConnectionString(tenant.ConnectionString)", "Database.SetConnectionString in TenantMiddleware.Switch")]
    [InlineData(EfCoreVersion.Ef10, "db.Database.SetConnectionString(tenant.ConnectionString)", "Database.SetConnectionString in TenantMiddleware.Switch")]
    [InlineData(EfCoreVersion.Ef10, "db.Database.SetDbConnection(tenant.Connection)", "Database.SetDbConnection in TenantMiddleware.Switch")]
    [InlineData(EfCoreVersion.Ef10, "RelationalDatabaseFacadeExtensions.SetConnectionString(((TenantDb)db).Database, tenant.ConnectionString)", "Database.SetConnectionString in TenantMiddleware.Switch")]
    [InlineData(EfCoreVersion.Ef10, "Run(() => db.Database.SetConnectionString(tenant.ConnectionString))", "Database.SetConnectionString in TenantMiddleware.Switch")]
    [InlineData(EfCoreVersion.Ef10, "RelationalDatabaseFacadeExtensions.SetConnectionString(connectionString: tenant.ConnectionString, databaseFacade: db.Database)", "Database.SetConnectionString in TenantMiddleware.Switch")]
    public async Task A_context_whose_database_another_class_switches_is_a_database_per_tenant_too(EfCoreVersion ef, string switchCall, string where)
    {
        var middleware = $$"""
            public sealed class TenantMiddleware
            {
                public void Switch(TenantDb db, ITenantConnection tenant) => {{switchCall}};

                private static void Run(System.Action action) => action();
            }
            """;

        var findings = await AllRules.RunAsync(ef, options: null, Entities + NotSwitched, middleware);

        var finding = Assert.Single(findings);
        Assert.Contains($"its database is switched at run time ({where}):", finding, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_switch_through_an_interface_the_context_implements_names_that_context(EfCoreVersion ef)
    {
        var contextWithInterface = """
            public interface ITenantDb
            {
                Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }
            }

            public class TenantDb(DbContextOptions<TenantDb> options) : DbContext(options), ITenantDb
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();
                public DbSet<AuditEntry> Audits => Set<AuditEntry>();
            }

            public static class TenantSwitch
            {
                public static void To(ITenantDb db, ITenantConnection tenant) => db.Database.SetConnectionString(tenant.ConnectionString);
            }
            """;

        var findings = await AllRules.RunAsync(ef, options: null, Entities + contextWithInterface);

        var finding = Assert.Single(findings);
        Assert.Contains("its database is switched at run time (Database.SetConnectionString in TenantSwitch.To):", finding, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_configured_key_still_judges_every_query_of_a_switched_context(EfCoreVersion ef)
    {
        var options = AllRules.Options(("tenant_safety.tenant_property", "TenantId"));
        var shared = await AllRules.RunAsync(ef, options, Entities + NotSwitched);
        var perTenant = await AllRules.RunAsync(ef, options, Entities + SwitchedInItsOwnCode);

        Assert.Equal(["TSA1001", "TSA1002", "TSA2001", "TSA2001"], Ids(perTenant));
        Assert.Equal(shared.Select(WithoutLine), perTenant.Select(WithoutLine));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_tenant_query_filter_in_a_switched_context_declares_the_key_as_before(EfCoreVersion ef)
    {
        var filtered = """
            public class TenantDb(DbContextOptions<TenantDb> options, ITenantConnection tenant) : DbContext(options)
            {
                public Guid CurrentTenant { get; set; }
                public DbSet<Invoice> Invoices => Set<Invoice>();
                public DbSet<AuditEntry> Audits => Set<AuditEntry>();

                public void UseTenant() => Database.SetConnectionString(tenant.ConnectionString);

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TenantId == CurrentTenant);
            }
            """;

        var findings = await AllRules.RunAsync(ef, options: null, Entities + filtered);

        // Tenants share the tables the filter scopes: the unfiltered audit entries are judged (TSA1002 for the count).
        Assert.Contains(findings, f => f.StartsWith("TSA1002 ", System.StringComparison.Ordinal) && f.Contains("'AuditEntry'", System.StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.StartsWith("TSA0001 ", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_helper_that_switches_any_DbContext_names_no_context(EfCoreVersion ef)
    {
        var helper = """
            public static class Connections
            {
                public static void Use(DbContext db, string connectionString) => db.Database.SetConnectionString(connectionString);
            }
            """;

        var shared = await AllRules.RunAsync(ef, options: null, Entities + NotSwitched);
        var withHelper = await AllRules.RunAsync(ef, options: null, Entities + NotSwitched, helper);

        Assert.Equal(shared, withHelper);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8, """db.Database.SetConnectionString("Host=localhost;Database=ledger_dev")""")]
    [InlineData(EfCoreVersion.Ef10, """db.Database.SetConnectionString(configuration.GetConnectionString("Migrations"))""")]
    [InlineData(EfCoreVersion.Ef10, """db.Database.SetConnectionString(configuration["ConnectionStrings:Admin"])""")]
    [InlineData(EfCoreVersion.Ef10, """{ var migrations = configuration.GetConnectionString("Migrations"); db.Database.SetConnectionString(migrations); }""")]
    [InlineData(EfCoreVersion.Ef10, """{ var admin = (string?)configuration.GetSection("ConnectionStrings")["Admin"]; db.Database.SetConnectionString(admin); }""")]
    public async Task A_switch_to_one_database_for_every_tenant_is_no_database_per_tenant(EfCoreVersion ef, string switchCall)
    {
        // A migration's or an administrator's connection, or a design-time database: the same database whatever the
        // tenant, so the tables stay shared and the inferred key judges every query.
        var startup = $$"""
            using Microsoft.Extensions.Configuration;

            public static class Startup
            {
                public static void Migrate(TenantDb db, IConfiguration configuration)
                    {{(switchCall.StartsWith('{') ? switchCall : "=> " + switchCall + ";")}}
            }
            """;

        var shared = await AllRules.RunAsync(ef, options: null, Entities + NotSwitched, ConfigurationStandIn);
        var withSwitch = await AllRules.RunAsync(ef, options: null, Entities + NotSwitched, startup, ConfigurationStandIn);

        Assert.Equal(shared, withSwitch);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_shared_context_keys_the_project_and_the_switched_contexts_entities_stay_tenant_entities(EfCoreVersion ef)
    {
        // Hybrid tenancy: most tenants share CatalogDb; a switched context's TenantId may still separate tenants that
        // share its database, so once the key is inferred from the shared context its entities are judged too.
        var catalog = """
            public class Subscription
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
            {
                public DbSet<Subscription> Subscriptions => Set<Subscription>();
            }

            public sealed class Billing(CatalogDb catalog)
            {
                public List<Subscription> All() => catalog.Subscriptions.ToList();
            }
            """;

        var findings = await AllRules.RunAsync(ef, options: null, Entities + SwitchedInItsOwnCode, catalog);

        Assert.Equal(["TSA1001", "TSA1001", "TSA1002", "TSA2001", "TSA2001", "TSA2001"], Ids(findings));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_base_context_whose_derived_contexts_switch_gives_its_assembly_configured_entities_to_them(EfCoreVersion ef)
    {
        // Entities configured from the assembly belong to no context by name: to the contexts nothing derives from.
        var configured = """
            public class InvoiceMap : IEntityTypeConfiguration<Invoice>
            {
                public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder) => builder.HasKey(i => i.Id);
            }

            public class AuditEntryMap : IEntityTypeConfiguration<AuditEntry>
            {
                public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AuditEntry> builder) => builder.HasKey(a => a.Id);
            }

            public class BaseDb(DbContextOptions options) : DbContext(options)
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(BaseDb).Assembly);

                public void UseTenant(string connectionString) => Database.SetConnectionString(connectionString);
            }

            public class TenantDb(DbContextOptions<TenantDb> options) : BaseDb(options)
            {
                public IQueryable<Invoice> Invoices => Set<Invoice>();
                public IQueryable<AuditEntry> Audits => Set<AuditEntry>();
            }
            """;

        var findings = await AllRules.RunAsync(ef, options: null, Entities, configured);

        Assert.All(findings, f => Assert.StartsWith("TSA0001 ", f, System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'TenantDb'", System.StringComparison.Ordinal) && f.Contains("Database.SetConnectionString in BaseDb.UseTenant", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("public void UseTenant(string cs) => Database.SetConnectionString(")]
    [InlineData("public void UseTenant(string cs) => Database.SetConnectionString(cs, ")]
    [InlineData("public void UseTenant(string cs) => RelationalDatabaseFacadeExtensions.SetConnectionString(")]
    [InlineData("public void UseTenant(string cs) { var x = ; Database.SetDbConnection(x); }")]
    [InlineData("public void UseTenant(string cs) => Database.SetConnectionString(Missing.Value)")]
    public async Task A_half_typed_switch_throws_nothing(string member)
    {
        // Broken code reaches the search as the user types; the inference by name runs it (no key is configured).
        var compilation = EfCoreReferences.Compile(EfCoreVersion.Ef10, Entities + NotSwitched.Replace("    public DbSet<AuditEntry>", "    " + member + "\n    public DbSet<AuditEntry>", System.StringComparison.Ordinal));
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));

        var run = await AnalyzerHarness.RunAsync(compilation, ShippedExtensions.CreateAnalyzers(), options: null);

        Assert.Empty(run.Failures);
    }

    /// <summary>The configuration API the SDK's web projects reference (Microsoft.Extensions.Configuration.Abstractions), matched by namespace.</summary>
    private const string ConfigurationStandIn = """
        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration
            {
                string? this[string key] { get; }
                IConfigurationSection GetSection(string key);
            }

            public interface IConfigurationSection : IConfiguration
            {
            }

            public static class ConfigurationExtensions
            {
                public static string? GetConnectionString(this IConfiguration configuration, string name) => configuration.GetSection("ConnectionStrings")[name];
            }
        }
        """;

    private static List<string> Ids(IEnumerable<string> findings) =>
        findings.Select(f => f.Split(' ')[0]).OrderBy(id => id, System.StringComparer.Ordinal).ToList();

    private static string WithoutLine(string finding)
    {
        var colon = finding.IndexOf(": ", System.StringComparison.Ordinal);
        return finding.Split(' ')[0] + finding.Substring(colon);
    }
}
