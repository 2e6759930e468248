using System;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>
/// The report says which tenant key it used and how it found it, on stderr and in its header, with the origin of each
/// tenant table; a project without a tenant entity is named on stderr and in the header (TSA0001), never a clean bill.
/// </summary>
public sealed class ReportTenancyTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tenantsafety-report-tenancy-");

    [Fact]
    public async Task The_key_and_how_it_was_found_or_that_none_was_are_on_stderr_and_in_the_header()
    {
        WriteProject("Tracker", """
            public class Issue { public int Id { get; set; } public Guid TenantId { get; set; } public string Status { get; set; } = ""; }
            public class Note { public int Id { get; set; } public string Text { get; set; } = ""; }
            public class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<Issue> Issues => Set<Issue>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>().Property<Guid>("TenantId");
            }
            """);
        var keyed = await ReportTool.RunAsync(_directory.FullName, "report", "Tracker/Tracker.csproj");
        output.WriteLine(keyed.Describe());

        Assert.Equal(0, keyed.ExitCode);
        Assert.Contains("Tenant key: TenantId (inferred from the conventional name, carried by 2 entities).", keyed.StandardError, StringComparison.Ordinal);
        Assert.Contains("**Tenant key:** `TenantId` — TenantId (inferred from the conventional name, carried by 2 entities)", keyed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Issues | TenantId | property |", keyed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Note | TenantId | shadow property |", keyed.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("TSA0001", keyed.StandardError, StringComparison.Ordinal);
        Assert.Contains("**Database:** PostgreSQL, as mapped by the EF Core model", keyed.StandardOutput, StringComparison.Ordinal);

        WriteProject("Notes", """
            public class Note { public int Id { get; set; } public string StoreCode { get; set; } = ""; }
            public class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
            {
                public DbSet<Note> Notes => Set<Note>();
                public List<Note> All() => Notes.ToList();
            }
            """);
        var none = await ReportTool.RunAsync(_directory.FullName, "report", "Notes/Notes.csproj");
        output.WriteLine(none.Describe());

        Assert.Equal(0, none.ExitCode);
        Assert.Contains("warning TSA0001: No tenant entity known in 'NotesDb': none found (looked for tenant query filters, Finbuckle", none.StandardError, StringComparison.Ordinal);
        Assert.Contains("**⚠️ TSA0001:** No tenant entity known in 'NotesDb'", none.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("No tenant table was found", none.StandardOutput, StringComparison.Ordinal);

        // Nothing to judge is not a clean bill: no key column is named, and no tenant risk is called low.
        Assert.Contains("**Tenant key:** none in the model — no tenant key found", none.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Cross-tenant query sites | 0 | ❔ no tenant table found (TSA0001) |", none.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ LOW", none.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("✅ LOW", keyed.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_switched_per_tenant_is_named_where_the_key_was_not_inferred()
    {
        WriteProject("Ledger", """
            public class Invoice { public int Id { get; set; } public Guid TenantId { get; set; } public decimal Total { get; set; } }
            public class LedgerDb(DbContextOptions<LedgerDb> options) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();
                public void UseTenant(string connectionString) => Database.SetConnectionString(connectionString);
                public List<Invoice> All() => Invoices.ToList();
            }
            """,
            efCorePackage: "Microsoft.EntityFrameworkCore.Relational");
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "Ledger/Ledger.csproj");
        output.WriteLine(result.Describe());

        Assert.Equal(0, result.ExitCode);
        const string NotCounted = "not counted: TenantId on 1 entity of DbContexts whose database is switched at run time, a database per tenant (LedgerDb)";
        Assert.Contains("**Tenant key:** none in the model — no tenant key found; " + NotCounted, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("its database is switched at run time (Database.SetConnectionString in LedgerDb.UseTenant)", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("TSA1001", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ LOW", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_declared_in_a_referenced_project_are_judged_with_the_settings_of_the_project_that_maps_them()
    {
        // A Clean Architecture layout: the entities live in a Domain project, the DbContext and its .editorconfig in Data.
        WriteProject("Domain", """
            public class Robot { public int Id { get; set; } public int OrgUnitId { get; set; } public string Name { get; set; } = ""; }
            public class Job { public int Id { get; set; } public int OrgUnitId { get; set; } public int RobotId { get; set; } }
            public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }
            """, usesEfCore: false);
        WriteProject("Data", """
            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Domain.Robot> Robots => Set<Domain.Robot>();
                public DbSet<Domain.Job> Jobs => Set<Domain.Job>();
                public DbSet<Domain.Country> Countries => Set<Domain.Country>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Domain.Job>().HasIndex(j => j.OrgUnitId);
            }
            """, projectReference: "Domain");
        File.WriteAllText(Path.Combine(_directory.FullName, "Data", ".editorconfig"), """
            [*.cs]
            tenant_safety.tenant_property = OrgUnitId
            tenant_safety.hot_entities = Job
            """);

        var report = await ReportTool.RunAsync(_directory.FullName, "report", "Data/Data.csproj");
        output.WriteLine(report.Describe());

        Assert.Equal(0, report.ExitCode);
        Assert.Contains("2 tenant tables, 1 without a tenant-key index;", report.StandardError, StringComparison.Ordinal);
        Assert.Contains("| Tenant tables | 2 | - |", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Hot tables identified | 1 |", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Jobs | IX_Jobs_OrgUnitId | (OrgUnitId) | NO |", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Not tenant tables: Countries.", report.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_configured_by_another_projects_configuration_classes_are_named_and_not_called_unindexed()
    {
        WriteProject("Domain", """
            public class Robot { public int Id { get; set; } public int OrgUnitId { get; set; } public string Name { get; set; } = ""; }
            public sealed class RobotConfiguration : IEntityTypeConfiguration<Robot>
            {
                public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Robot> builder) => builder.HasIndex(r => new { r.OrgUnitId, r.Name });
            }
            """);
        WriteProject("Data", """
            public class FleetDb(DbContextOptions<FleetDb> options) : DbContext(options)
            {
                public DbSet<Domain.Robot> Robots => Set<Domain.Robot>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new Domain.RobotConfiguration());
            }
            """, projectReference: "Domain");
        File.WriteAllText(Path.Combine(_directory.FullName, "Data", ".editorconfig"), "[*.cs]\ntenant_safety.tenant_property = OrgUnitId\n");

        var report = await ReportTool.RunAsync(_directory.FullName, "report", "Data/Data.csproj");
        output.WriteLine(report.Describe());

        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Data: 1 entity is configured by classes of another project (RobotConfiguration), whose bodies this project's compilation cannot read", report.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("| TSA2001 |", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 tenant table, 0 without a tenant-key index;", report.StandardError, StringComparison.Ordinal);
        Assert.Contains("Not read: Robots (RobotConfiguration) — configured by classes of another project", report.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_queries_another_projects_DbContext_is_told_so_and_never_called_safe()
    {
        WriteProject("Data", """
            public class Order { public Guid Id { get; set; } public Guid TenantId { get; set; } public decimal Total { get; set; } }
            public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public Guid CurrentTenant { get; set; }
                public DbSet<Order> Orders => Set<Order>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Order>().HasQueryFilter(o => o.TenantId == CurrentTenant);
            }
            """);
        WriteProject("App", """
            public sealed class BigOrders(Data.ShopDb db)
            {
                public List<Data.Order> Find() => db.Orders.Where(o => o.Total > 1000).ToList();
            }
            """, projectReference: "Data");

        var report = await ReportTool.RunAsync(_directory.FullName, "report", "App/App.csproj");
        output.WriteLine(report.Describe());

        Assert.Equal(0, report.ExitCode);
        Assert.Contains("No tenant entity known in 'ShopDb'", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("it is a DbContext of another project", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("❔ no tenant table found (TSA0001)", report.StandardOutput, StringComparison.Ordinal);

        // Nothing was checked, so the checklist ticks nothing about tenant tables and no section calls them indexed.
        Assert.Contains("- [ ] All tenant-key columns have indexes — No tenant table was found (TSA0001 says what was looked for): nothing was checked.", report.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("- [ ] RLS policies enabled — No tenant table was found (TSA0001 says what was looked for): nothing was checked.", report.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Every tenant table has", report.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Application_layer_without_EF_Core_over_its_Domain_projects_store_is_audited()
    {
        // Clean Architecture: Application references only Domain, which declares IRepository<T>; neither references EF Core.
        WriteProject("Domain", """
            public class Order { public Guid Id { get; set; } public Guid TenantId { get; set; } public string Number { get; set; } = ""; }
            public interface IRepository<T> where T : class
            {
                Task<List<T>> ListAsync(System.Linq.Expressions.Expression<Func<T, bool>> predicate);
            }
            """, usesEfCore: false);
        WriteProject("Application", """
            public sealed class OrderQueries(Domain.IRepository<Domain.Order> orders)
            {
                public Task<List<Domain.Order>> Numbered(string number) => orders.ListAsync(o => o.Number == number);
            }
            """, usesEfCore: false, projectReference: "Domain");

        var unconfigured = await ReportTool.RunAsync(_directory.FullName, "report", "Application/Application.csproj");
        output.WriteLine(unconfigured.Describe());

        Assert.Equal(0, unconfigured.ExitCode);
        Assert.Contains("No tenant entity known in 'IRepository'", unconfigured.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("over entities no DbContext this project can see maps", unconfigured.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ LOW", unconfigured.StandardOutput, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_directory.FullName, "Application", ".editorconfig"), "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n");
        var configured = await ReportTool.RunAsync(_directory.FullName, "report", "Application/Application.csproj", "--format", "json");
        output.WriteLine(configured.Describe());

        Assert.Equal(0, configured.ExitCode);
        Assert.Contains("\"TSA1001\"", configured.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("No tenant entity found", configured.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_project_on_another_database_is_told_that_the_reports_SQL_is_PostgreSQLs()
    {
        // An assembly by the SQL Server provider's name stands in for the package: what the report reads is the reference.
        WriteProject("Microsoft.EntityFrameworkCore.SqlServer", "public static class ProviderStandIn { }", usesEfCore: false);
        WriteProject("Shop", """
            public class Order { public int Id { get; set; } public Guid TenantId { get; set; } }
            public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }
            """, projectReference: "Microsoft.EntityFrameworkCore.SqlServer");
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "Shop/Shop.csproj");
        output.WriteLine(result.Describe());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Database: SQL Server; the report's SQL is written for PostgreSQL.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("**Database:** SQL Server, as its EF Core provider says — ⚠️ the SQL in this report is written for PostgreSQL", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("**Database:** PostgreSQL", result.StandardOutput, StringComparison.Ordinal);
    }

    private void WriteProject(string name, string code, bool usesEfCore = true, string? projectReference = null, string efCorePackage = "Microsoft.EntityFrameworkCore")
    {
        // Nothing from the folders above the temporary project may take part in its build.
        File.WriteAllText(Path.Combine(_directory.FullName, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_directory.FullName, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_directory.FullName, "Directory.Packages.props"), "<Project />\n");
        var folder = Directory.CreateDirectory(Path.Combine(_directory.FullName, name)).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                {(usesEfCore ? $"<PackageReference Include=\"{efCorePackage}\" Version=\"{EfCoreVersion}\" />" : string.Empty)}
                {(projectReference is null ? string.Empty : $"<ProjectReference Include=\"../{projectReference}/{projectReference}.csproj\" />")}
              </ItemGroup>
            </Project>
            """);
        var usings = usesEfCore ? "using Microsoft.EntityFrameworkCore;\n" : string.Empty;
        File.WriteAllText(Path.Combine(folder, name + ".cs"), $"{usings}namespace {name};\n{code}\n");
    }

    private static string EfCoreVersion =>
        typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
}
