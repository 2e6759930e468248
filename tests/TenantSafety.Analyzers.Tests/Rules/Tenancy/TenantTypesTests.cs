using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFilter = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer>;
using VerifyIndex = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// <c>tenant_safety.tenant_types</c> and <c>tenant_safety.global_types</c>, for models that apply tenancy in a loop or
/// through a base type the analyzers cannot read: implementers and subclasses of a tenant type are tenant entities with
/// a tenant filter (their key a shadow property when the class lacks it); implementers of a global type are never
/// tenant entities. ABP's <c>IMultiTenant</c> needs no configuration.
/// </summary>
public sealed class TenantTypesTests
{
    /// <summary>
    /// An OpenAutomate-like model: the key <c>OrganizationUnitId</c> (no conventional name), filters built from
    /// expression trees in a loop over the <c>ITenantEntity</c> entities, which no analyzer can read.
    /// </summary>
    private const string ExpressionTreeFilters = """
        public interface ITenantContext { Guid CurrentOrganizationUnitId { get; } }

        public interface ITenantEntity
        {
            Guid OrganizationUnitId { get; set; }
        }

        public abstract class TenantEntity : ITenantEntity
        {
            public Guid Id { get; set; }
            public Guid OrganizationUnitId { get; set; }
        }

        public class Bot : TenantEntity { public string Name { get; set; } = ""; }

        public class Schedule : TenantEntity { public string Cron { get; set; } = ""; }

        public class Package
        {
            public Guid Id { get; set; }
            public Guid OrganizationUnitId { get; set; }
        }

        public class OrganizationUnit
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class AutomationDb(ITenantContext tenant) : DbContext
        {
            public DbSet<Bot> Bots { get; set; } = null!;
            public DbSet<Schedule> Schedules { get; set; } = null!;
            public DbSet<Package> Packages { get; set; } = null!;
            public DbSet<OrganizationUnit> OrganizationUnits { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantEntity).IsAssignableFrom(t.ClrType)).ToList())
                {
                    var e = Expression.Parameter(type.ClrType, "e");
                    var body = Expression.Equal(Expression.Property(e, nameof(ITenantEntity.OrganizationUnitId)), Expression.Constant(tenant.CurrentOrganizationUnitId));
                    modelBuilder.Entity(type.ClrType).HasQueryFilter(Expression.Lambda(body, e));
                }
            }
        }

        public sealed class Service(AutomationDb db)
        {
            public object Bots() => db.Bots.ToList();
            public object AllBots() => db.Bots.IgnoreQueryFilters().ToList();
            public object Packages() => db.Packages.ToList();
            public object Units() => db.OrganizationUnits.ToList();
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Unconfigured_an_expression_tree_loop_leaves_TSA0001(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(ef, options: null, ExpressionTreeFilters);

        Assert.Equal(["TSA0001"], findings.Select(f => f.Split(' ')[0]).Where(id => id.StartsWith("TSA0", System.StringComparison.Ordinal) || id.StartsWith("TSA1", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Tenant_types_declare_the_key_and_carry_a_tenant_filter(EfCoreVersion ef)
    {
        const string Config = "root = true\n\n[*.cs]\ntenant_safety.tenant_types = ITenantEntity\ndotnet_diagnostic.TSA1007.severity = suggestion\n";
        var source = ExpressionTreeFilters
            .Replace("db.Bots.IgnoreQueryFilters().ToList()", "db.Bots.{|TSA1005:IgnoreQueryFilters()|}.ToList()", System.StringComparison.Ordinal)
            .Replace("db.Packages.ToList()", "db.Packages.{|TSA1001:ToList()|}", System.StringComparison.Ordinal);
        await Verify.VerifyAnalyzerAsync([source], ef, Config);

        // Package carries the key without the tenant type: a tenant entity without a filter.
        await VerifyFilter.VerifyAnalyzerAsync([ExpressionTreeFilters.Replace("public class Package\n", "public class {|TSA1007:Package|}\n", System.StringComparison.Ordinal)], ef, Config);
    }

    /// <summary>
    /// An fsh-like model: Finbuckle applied in a loop to every entity of the contexts that run it but the
    /// <c>IGlobalEntity</c> ones; <c>BillingDb</c> runs no loop, so its invoices have only their CLR key.
    /// </summary>
    private const string IsolationByDefault = """
        public interface IGlobalEntity { }

        public abstract class BaseEntity<TId>
        {
            public TId Id { get; set; } = default!;
        }

        public class Product : BaseEntity<Guid>
        {
            public string Name { get; set; } = "";
            public bool IsDeleted { get; set; }
        }

        public class BillingPlan : BaseEntity<Guid>, IGlobalEntity
        {
            public string Name { get; set; } = "";
        }

        public class OutboxMessage : IGlobalEntity
        {
            public Guid Id { get; set; }
            public string? TenantId { get; set; }
            public DateTime? SentAt { get; set; }
        }

        public class Invoice : BaseEntity<Guid>
        {
            public string TenantId { get; set; } = "";
        }

        public class BaseDb(Finbuckle.MultiTenant.Abstractions.IMultiTenantContextAccessor accessor)
            : Finbuckle.MultiTenant.EntityFrameworkCore.MultiTenantDbContext(accessor)
        {
            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenantIsolationByDefault();
        }

        public class CatalogDb(Finbuckle.MultiTenant.Abstractions.IMultiTenantContextAccessor accessor) : BaseDb(accessor)
        {
            public DbSet<Product> Products { get; set; } = null!;
            public DbSet<BillingPlan> Plans { get; set; } = null!;
            public DbSet<OutboxMessage> Outbox { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Product>().HasIndex("TenantId");
                base.OnModelCreating(modelBuilder);
            }
        }

        public class BillingDb : DbContext
        {
            public DbSet<Invoice> Invoices { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Invoice>().HasIndex(i => i.TenantId);
        }

        """;

    /// <summary>The loop, in a file of its own that names no entity.</summary>
    private const string IsolationLoop = """
        using Finbuckle.MultiTenant.EntityFrameworkCore.Extensions;

        public static class TenantIsolation
        {
            public static void ApplyTenantIsolationByDefault(this ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (entityType.IsOwned()) continue;
                    if (typeof(IGlobalEntity).IsAssignableFrom(entityType.ClrType)) continue;
                    modelBuilder.Entity(entityType.ClrType).IsMultiTenant();
                }
            }
        }
        """;

    private static string IsolationByDefaultService(string outbox) =>
        "using Finbuckle.MultiTenant.EntityFrameworkCore.Extensions;\n\n" + TenancyStandIns.Finbuckle10 + IsolationByDefault + $$"""
            public sealed class Service(CatalogDb db, BillingDb billing)
            {
                public object Products() => db.Products.ToList();
                public object Trash() => db.Products.{|TSA1005:IgnoreQueryFilters()|}.Where(p => p.IsDeleted).ToList();
                public object Rescoped(string tenantId) => db.Products.IgnoreQueryFilters().Where(p => EF.Property<string>(p, "TenantId") == tenantId).ToList();
                public object Plans() => db.Plans.ToList();
                public object Pending() => {{outbox}};
                public object Invoices() => billing.Invoices.{|TSA1001:ToList()|};
            }
            """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Finbuckle_isolation_by_default_is_read_from_the_loop_for_the_contexts_that_run_it(EfCoreVersion ef)
    {
        // Unconfigured: the outbox carries TenantId as a CLR property, so it is a tenant entity without a filter.
        await Verify.VerifyAnalyzerAsync([IsolationByDefaultService("db.Outbox.Where(m => m.SentAt == null).{|TSA1001:ToList()|}"), IsolationLoop], ef, editorConfig: null);

        // global_types says what the loop's guard means: the outbox is shared.
        const string Config = "root = true\n\n[*.cs]\ntenant_safety.global_types = IGlobalEntity\ndotnet_diagnostic.TSA1007.severity = suggestion\n";
        var source = IsolationByDefaultService("db.Outbox.Where(m => m.SentAt == null).ToList()");
        await Verify.VerifyAnalyzerAsync([source, IsolationLoop], ef, Config);
        var unmarked = source.Replace("{|TSA1005:IgnoreQueryFilters()|}", "IgnoreQueryFilters()", System.StringComparison.Ordinal).Replace("{|TSA1001:ToList()|}", "ToList()", System.StringComparison.Ordinal);
        await VerifyFilter.VerifyAnalyzerAsync([unmarked.Replace("public class Invoice :", "public class {|TSA1007:Invoice|} :", System.StringComparison.Ordinal), IsolationLoop], ef, Config);
        await VerifyIndex.VerifyAnalyzerAsync([unmarked, IsolationLoop], ef, Config);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_loop_filtered_to_an_interface_reaches_its_implementers_only(EfCoreVersion ef)
    {
        var source = "using Finbuckle.MultiTenant.EntityFrameworkCore.Extensions;\n\n" + TenancyStandIns.Finbuckle10 + """
            public interface ITenantOwned { }

            public class Ticket : ITenantOwned
            {
                public Guid Id { get; set; }
            }

            public class Country
            {
                public Guid Id { get; set; }
            }

            public class HelpDb(Finbuckle.MultiTenant.Abstractions.IMultiTenantContextAccessor accessor)
                : Finbuckle.MultiTenant.EntityFrameworkCore.MultiTenantDbContext(accessor)
            {
                public DbSet<Ticket> Tickets { get; set; } = null!;
                public DbSet<Country> Countries { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
                    {
                        modelBuilder.Entity(type.ClrType).IsMultiTenant();
                    }
                }
            }

            public sealed class Service(HelpDb db)
            {
                public object Tickets() => db.Tickets.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                public object Countries() => db.Countries.IgnoreQueryFilters().ToList();
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Tenant_types_describe_a_loop_the_analyzers_cannot_follow(EfCoreVersion ef)
    {
        // The loop runs in a context of another project: here only the configured type says which entities it reaches.
        const string Source = """
            public abstract class TenantScoped
            {
                public Guid Id { get; set; }
            }

            public class Ticket : TenantScoped { public string Title { get; set; } = ""; }

            public class Country
            {
                public Guid Id { get; set; }
                public string TenantId { get; set; } = "";
            }

            public class Attachment
            {
                public Guid Id { get; set; }
                public string TenantId { get; set; } = "";
            }

            public class HelpDb : DbContext
            {
                public DbSet<Ticket> Tickets { get; set; } = null!;
                public DbSet<Country> Countries { get; set; } = null!;
                public DbSet<Attachment> Attachments { get; set; } = null!;
            }

            public sealed class Service(HelpDb db)
            {
                public object Tickets() => db.Tickets.ToList();
                public object AllTickets() => db.Tickets.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                public object Rescoped(string tenantId) => db.Tickets.IgnoreQueryFilters().Where(t => EF.Property<string>(t, "TenantId") == tenantId).ToList();
                public object Countries() => db.Countries.ToList();
                public object Attachments() => db.Attachments.{|TSA1001:ToList()|};
            }
            """;
        await Verify.VerifyAnalyzerAsync([Source], ef, "root = true\n\n[*.cs]\ntenant_safety.tenant_types = TenantScoped\ntenant_safety.global_types = Country\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_entity_class_named_for_itself_carries_the_models_key_and_declares_none(EfCoreVersion ef)
    {
        // Filters declare TenantId; Session is named because its filter is applied where the analyzers cannot read it. Its one
        // …Id property, UserId, must not become the key: the filtered queries stay scoped, the unscoped ones are judged by
        // TenantId, and Session's key is a shadow TenantId.
        const string Source = """
            public class Order
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public class Invoice
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public class Session
            {
                public Guid Id { get; set; }
                public Guid UserId { get; set; }
            }

            public class ShopDb : DbContext
            {
                public Guid Tenant { get; set; }

                public DbSet<Order> Orders { get; set; } = null!;
                public DbSet<Invoice> Invoices { get; set; } = null!;
                public DbSet<Session> Sessions { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Order>().HasQueryFilter(o => o.TenantId == Tenant);
            }

            public sealed class Service(ShopDb db)
            {
                public object Orders() => db.Orders.ToList();
                public object AllOrders() => db.Orders.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                public object Invoices() => db.Invoices.{|TSA1001:ToList()|};
                public object Sessions(Guid userId) => db.Sessions.Where(s => s.UserId == userId).ToList();
                public object AllSessions() => db.Sessions.{|TSA1005:IgnoreQueryFilters()|}.Count();
            }
            """;
        await Verify.VerifyAnalyzerAsync([Source], ef, "root = true\n\n[*.cs]\ntenant_safety.tenant_types = Session\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Global_types_are_never_tenant_entities_even_with_the_key(EfCoreVersion ef)
    {
        const string Source = """
            public interface ISharedRow { }

            public class Lead
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Template : ISharedRow
            {
                public Guid Id { get; set; }
                public Guid? TeamId { get; set; }
            }

            public class CrmDb : DbContext
            {
                public DbSet<Lead> Leads { get; set; } = null!;
                public DbSet<Template> Templates { get; set; } = null!;
            }

            public sealed class Service(CrmDb db)
            {
                public object Templates() => db.Templates.ToList();
                public object Leads() => db.Leads.{|TSA1001:ToList()|};
            }
            """;
        const string Config = "root = true\n\n[*.cs]\ntenant_safety.global_types = ISharedRow\n";
        await Verify.VerifyAnalyzerAsync([Source], ef, Config);
        await VerifyIndex.VerifyAnalyzerAsync([Source.Replace("{|TSA1001:ToList()|}", "ToList()", System.StringComparison.Ordinal).Replace("public class Lead\n", "public class {|TSA2001:Lead|}\n", System.StringComparison.Ordinal)], ef, Config);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task ABP_IMultiTenant_entities_are_tenant_entities_with_ABPs_data_filter(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TenancyStandIns.Abp + """
            public class Book : Volo.Abp.MultiTenancy.IMultiTenant
            {
                public Guid Id { get; set; }
                public Guid? TenantId { get; set; }
                public string Title { get; set; } = "";
            }

            public class Author
            {
                public Guid Id { get; set; }
                public string Name { get; set; } = "";
            }

            public class BookStoreDb : DbContext
            {
                public DbSet<Book> Books { get; set; } = null!;
                public DbSet<Author> Authors { get; set; } = null!;
            }

            public sealed class Service(BookStoreDb db)
            {
                public object Books() => db.Books.ToList();
                public object Authors() => db.Authors.ToList();
                public object AllBooks() => db.Books.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                public object TenantBooks(Guid tenantId) => db.Books.IgnoreQueryFilters().Where(b => b.TenantId == tenantId).ToList();
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_namespace_qualified_name_names_one_class_not_its_namesakes(EfCoreVersion ef)
    {
        // Two services map a Basket each; only the shop's context filters it (read as configured here). The audit service's
        // Basket, whose context filters nothing, stays unfiltered: a simple name would have covered it too.
        const string Source = """
            namespace Shop
            {
                public class Basket
                {
                    public Guid Id { get; set; }
                    public Guid TenantId { get; set; }
                }

                public class ShopDb : DbContext
                {
                    public DbSet<Basket> Baskets { get; set; } = null!;
                }
            }

            namespace Audit
            {
                public class Basket
                {
                    public Guid Id { get; set; }
                    public Guid TenantId { get; set; }
                }

                public class AuditDb : DbContext
                {
                    public DbSet<Basket> Baskets { get; set; } = null!;
                }

                public sealed class Service(Shop.ShopDb shop, AuditDb audit)
                {
                    public object ShopBaskets() => shop.Baskets.ToList();
                    public object AuditBaskets() => audit.Baskets.{|TSA1001:ToList()|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync([Source], ef, "root = true\n\n[*.cs]\ntenant_safety.tenant_property = TenantId\ntenant_safety.tenant_types = Shop.Basket\n");
    }
}
