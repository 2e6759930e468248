using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyIndex = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// The tenant key when <c>tenant_safety.tenant_property</c> is not set (docs/configuration.md, "How the tenant key is
/// found"): the key the query filters declare, else the conventional name the most mapped entities carry; only
/// mapped entities count; explicit configuration always wins. Messages name the owner after the key.
/// </summary>
public sealed class TenantKeyInferenceTests
{
    /// <summary>A typical app keyed by <c>TenantId</c>, with a query of each kind: what a new user writes first.</summary>
    internal const string TenantIdApp = """
        public class Project
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Name { get; set; } = "";
            public List<Issue> Issues { get; set; } = new();
        }

        public class Issue
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid ProjectId { get; set; }
            public string Status { get; set; } = "";
        }

        public class TrackerDb : DbContext
        {
            public DbSet<Project> Projects { get; set; } = null!;
            public DbSet<Issue> Issues { get; set; } = null!;
        }

        public sealed class IssueService(TrackerDb db)
        {
            public Issue? Find(Guid id) => db.Issues.FirstOrDefault(i => i.Id == id);
            public List<Issue> Open(Guid tenantId) => db.Issues.Where(i => i.TenantId == tenantId && i.Status == "open").ToList();
            public int Count() => db.Projects.Count();
            public int Close() => db.Issues.Where(i => i.Status == "stale").ExecuteUpdate(s => s.SetProperty(i => i.Status, "closed"));
            public int Move(Guid tenantId, Guid other) => db.Issues.Where(i => i.TenantId == tenantId).ExecuteUpdate(s => s.SetProperty(i => i.TenantId, other));
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_project_keyed_TenantId_gets_the_same_findings_without_configuration_as_with_it(EfCoreVersion ef)
    {
        var configured = await AllRules.RunAsync(ef, AllRules.Options(("tenant_safety.tenant_property", "TenantId")), TenantIdApp);
        var inferred = await AllRules.RunAsync(ef, options: null, TenantIdApp);

        Assert.Equal(configured, inferred);
        Assert.Equal(
            ["TSA1001", "TSA1002", "TSA1003", "TSA1006", "TSA2001", "TSA2001"],
            inferred.Select(f => f.Split(' ')[0]).OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.Contains(inferred, f => f.EndsWith("has no condition on TenantId that keeps it to one tenant; it finds the row with the Id it is given, whichever tenant's it is", System.StringComparison.Ordinal));
        Assert.Contains(inferred, f => f.EndsWith("scans all tenants' rows", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_query_filter_declares_a_key_no_convention_knows(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public interface ICurrentStore { Guid StoreId { get; } }

            public class Order
            {
                public Guid Id { get; set; }
                public Guid StoreId { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Refund
            {
                public Guid Id { get; set; }
                public Guid StoreId { get; set; }
            }

            public class Receipt
            {
                public Guid Id { get; set; }
                public Guid StoreId { get; set; }
            }

            public class ShopDb(ICurrentStore store) : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;
                public DbSet<Refund> Refunds { get; set; } = null!;
                public DbSet<Receipt> Receipts { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Order>().HasQueryFilter(o => o.StoreId == store.StoreId);
                    modelBuilder.Entity<Refund>().HasQueryFilter(r => EF.Property<Guid>(r, "StoreId") == store.StoreId);
                }
            }

            public sealed class Service(ShopDb db)
            {
                public object Orders() => db.Orders.ToList();
                public object Refunds() => db.Refunds.ToList();
                public object Receipts() => db.Receipts.{|#0:ToList()|};
                public object ScopedReceipts(Guid storeId) => db.Receipts.Where(r => r.StoreId == storeId).ToList();
                public object ByTeam(Guid teamId) => db.Orders.{|#1:IgnoreQueryFilters()|}.Where(o => o.TeamId == teamId).ToList();
            }
            """,
            ef,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Receipt", "StoreId", "ToList", "store", "", RuleDescriptors.ReadsEveryRow("store")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA1005").WithLocation(1).WithArguments("Order", "StoreId", "ToList", "store", "", RuleDescriptors.ReadsEveryRow("store")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_filter_comparing_with_a_constant_declares_no_key(EfCoreVersion ef)
    {
        // Kind == "public" is not the current tenant: TeamId stays the key, the conventional name the entities carry.
        await Verify.VerifyAnalyzerAsync(
            """
            public class Template
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Kind { get; set; } = "";
            }

            public class TemplatesDb : DbContext
            {
                public DbSet<Template> Templates { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Template>().HasQueryFilter(t => t.Kind == "public");
            }

            public sealed class Service(TemplatesDb db)
            {
                public object All() => db.Templates.{|TSA1001:ToList()|};
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Only_mapped_entities_choose_the_key_never_DTOs_or_exceptions(EfCoreVersion ef)
    {
        // Three unmapped types carry TenantId, two entities OrganizationId: the key is OrganizationId.
        await Verify.VerifyAnalyzerAsync(
            """
            public class Collection
            {
                public Guid Id { get; set; }
                public Guid OrganizationId { get; set; }
            }

            public class Policy
            {
                public Guid Id { get; set; }
                public Guid OrganizationId { get; set; }
            }

            public class TeamsApiResponse { public Guid TenantId { get; set; } }
            public class TeamsMember { public Guid TenantId { get; set; } }
            public class AssetException(Guid tenantId) : Exception { public Guid TenantId { get; } = tenantId; }

            public class VaultDb : DbContext
            {
                public DbSet<Collection> Collections { get; set; } = null!;
                public DbSet<Policy> Policies { get; set; } = null!;
            }

            public sealed class Service(VaultDb db)
            {
                public object All() => db.Collections.{|#0:ToList()|};
            }
            """,
            ef,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Collection", "OrganizationId", "ToList", "organization", "", RuleDescriptors.ReadsEveryRow("organization")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task OrgId_is_conventional_and_outweighs_a_renter_named_Tenant(EfCoreVersion ef)
    {
        // A property-management app: "Tenant" is a renter, a row of an org like any other; the rows are keyed by OrgId.
        await Verify.VerifyAnalyzerAsync(
            """
            public class Organization { public Guid Id { get; set; } }
            public class Building { public Guid Id { get; set; } public Guid OrgId { get; set; } }
            public class Lease { public Guid Id { get; set; } public Guid OrgId { get; set; } public Guid BuildingId { get; set; } }
            public class Tenant { public Guid Id { get; set; } public Guid OrgId { get; set; } public string Name { get; set; } = ""; }
            public class TenantDocument { public Guid Id { get; set; } public Guid TenantId { get; set; } public Tenant Tenant { get; set; } = null!; }

            public class RentalsDb : DbContext
            {
                public DbSet<Organization> Organizations { get; set; } = null!;
                public DbSet<Building> Buildings { get; set; } = null!;
                public DbSet<Lease> Leases { get; set; } = null!;
                public DbSet<Tenant> Tenants { get; set; } = null!;
                public DbSet<TenantDocument> TenantDocuments { get; set; } = null!;
            }

            public sealed class Service(RentalsDb db)
            {
                public Building? Building(Guid id) => db.Buildings.{|#0:FirstOrDefault(b => b.Id == id)|};
                public List<Lease> Leases(Guid orgId) => db.Leases.Where(l => l.OrgId == orgId).ToList();
            }
            """,
            ef,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Building", "OrgId", "FirstOrDefault", "org", "", RuleDescriptors.FindsAnyRowByKey("Id", "org")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_filter_through_the_principal_navigation_declares_its_foreign_key(EfCoreVersion ef)
    {
        // `x.Org.Id == current` is EF Core's `OrgId == current`: it declares OrgId (never Id, which every entity has) and scopes Doc.
        var source = """
            public interface ICurrentOrg { Guid OrgId { get; } }
            public class Org { public Guid Id { get; set; } public string Name { get; set; } = ""; }
            public class Doc { public Guid Id { get; set; } public Guid OrgId { get; set; } public Org Org { get; set; } = null!; }
            public class Memo { public Guid Id { get; set; } public Guid OrgId { get; set; } }

            public class OfficeDb(DbContextOptions<OfficeDb> options, ICurrentOrg current) : DbContext(options)
            {
                public DbSet<Org> Orgs => Set<Org>();
                public DbSet<Doc> Docs => Set<Doc>();
                public DbSet<Memo> Memos => Set<Memo>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Doc>().HasQueryFilter(x => x.Org.Id == current.OrgId);
            }

            public sealed class Service(OfficeDb db)
            {
                public Doc? Doc(Guid id) => db.Docs.FirstOrDefault(x => x.Id == id);
                public Memo? Memo(Guid id) => db.Memos.{|#0:FirstOrDefault(x => x.Id == id)|};
            }
            """;
        var expected = Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Memo", "OrgId", "FirstOrDefault", "org", "", RuleDescriptors.FindsAnyRowByKey("Id", "org")).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations);
        await Verify.VerifyAnalyzerAsync(source, ef, expected);
        await Verify.VerifyAnalyzerAsync([source], ef, "root = true\n[*.cs]\ntenant_safety.tenant_property = OrgId\n", expected);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Explicit_configuration_overrides_the_inferred_key(EfCoreVersion ef)
    {
        // Inferred, the key would be TenantId (on both entities, and a filter); configured, it is TeamId alone.
        await Verify.VerifyAnalyzerAsync(
            ["""
            public interface ITenant { Guid TenantId { get; } }

            public class Issue
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Project
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public class TrackerDb(ITenant tenant) : DbContext
            {
                public DbSet<Issue> Issues { get; set; } = null!;
                public DbSet<Project> Projects { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Issue>().HasQueryFilter(i => i.TenantId == tenant.TenantId);
            }

            public sealed class Service(TrackerDb db)
            {
                public object ByTeam(Guid teamId) => db.Issues.Where(i => i.TeamId == teamId).ToList();
                public object ByTenant(Guid tenantId) => db.Issues.Where(i => i.TenantId == tenantId).{|TSA1001:ToList()|};
                public object Projects() => db.Projects.ToList();
            }
            """],
            ef,
            "root = true\n\n[*.cs]\ntenant_safety.tenant_property = TeamId\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_NotMapped_property_named_like_the_key_makes_no_tenant_entity_for_queries_or_indexes(EfCoreVersion ef)
    {
        const string source = """
            public class Team
            {
                public Guid Id { get; set; }
            }

            public class Lead
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Snapshot
            {
                public Guid Id { get; set; }
                [System.ComponentModel.DataAnnotations.Schema.NotMapped]
                public Guid TeamId { get; set; }
            }

            public class CrmDb : DbContext
            {
                public DbSet<Team> Teams { get; set; } = null!;
                public DbSet<Lead> Leads { get; set; } = null!;
                public DbSet<Snapshot> Snapshots { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Lead>().HasIndex(l => l.TeamId);
            }

            public sealed class Service(CrmDb db)
            {
                public object Snapshots() => db.Snapshots.ToList();
                public object Leads() => db.Leads.{|TSA1001:ToList()|};
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, ef);
        await VerifyIndex.VerifyAnalyzerAsync(source.Replace("{|TSA1001:ToList()|}", "ToList()", System.StringComparison.Ordinal), ef);
    }

    [Theory]
    [InlineData("OrganizationId", "organization", "organizations'")]
    [InlineData("StoreId", "store", "stores'")]
    [InlineData("TenantId", "tenant", "tenants'")]
    [InlineData("CompanyId", "company", "companies'")]
    [InlineData("StoreDataId", "store", "stores'")]
    public async Task Messages_name_the_owner_after_the_key(string key, string owner, string owners)
    {
        var source = $$"""
            public class Invoice
            {
                public Guid Id { get; set; }
                public Guid {{key}} { get; set; }
            }

            public class BillingDb : DbContext
            {
                public DbSet<Invoice> Invoices { get; set; } = null!;
            }

            public sealed class Service(BillingDb db)
            {
                public object All() => db.Invoices.ToList();
            }
            """;
        var findings = await AllRules.RunAsync(EfCoreVersion.Ef10, AllRules.Options(("tenant_safety.tenant_property", key)), source);

        Assert.Contains(findings, f => f.EndsWith($"has no condition on {key} that keeps it to one {owner}; it reads every {owner}'s rows", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.EndsWith($"scans all {owners} rows", System.StringComparison.Ordinal));
    }
}
