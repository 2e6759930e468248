using System.Threading.Tasks;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA0001 for a business layer that queries only through another project's stores (<c>IDepartmentRepository</c>, an
/// <c>IGenericRepository&lt;T&gt;</c> implemented in the Data project): it names no DbContext, but the store's entities
/// are mapped by that project's context, whose key and filters cannot be read here. Without the key configured, the
/// store's queries would pass in silence.
/// </summary>
public sealed class TSA0001ForeignStoreTests
{
    private const string DataProject = """
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Jobs.Data;

        public abstract class BaseEntity
        {
            public Guid Id { get; set; }
        }

        public class Department : BaseEntity
        {
            public Guid TenantId { get; set; }
            public string Name { get; set; } = "";
        }

        public interface IGenericRepository<TEntity> where TEntity : BaseEntity
        {
            Task<TEntity?> GetSingleAsync(Expression<Func<TEntity, bool>> predicate);
        }

        public interface IDepartmentRepository : IGenericRepository<Department>
        {
        }

        public interface IUnitOfWork
        {
            IDepartmentRepository Departments { get; }

            Task<int> SaveAsync();
        }

        public class JobsDb(DbContextOptions<JobsDb> options) : DbContext(options)
        {
            public DbSet<Department> Departments => Set<Department>();

            public Guid CurrentTenant { get; set; }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Department>().HasQueryFilter(d => d.TenantId == CurrentTenant);
        }
        """;

    private const string Service = """
        using System.Threading.Tasks;
        using Jobs.Data;

        public sealed class DepartmentService({|#0:IDepartmentRepository|} departments)
        {
            public Task<Department?> ByName(string name) => departments.GetSingleAsync(d => d.Name == name);
        }
        """;

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_store_of_another_project_is_reported_where_this_project_first_names_it(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProject, editorConfig: null, Service);
        test.ExpectedDiagnostics.Add(ReportedAt0("IDepartmentRepository", ForeignModelKind.Store));
        await test.RunAsync();
    }

    /// <summary>An interface that composes the other project's store for a third one: naming it there queries nothing.</summary>
    private const string ComposingInterface = """
        using Jobs.Data;

        namespace Jobs.Contracts;

        public interface IStaffing
        {
            IDepartmentRepository Departments { get; }
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_of_another_project_named_only_in_an_interface_is_not_reported(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, DataProject, editorConfig: null, ComposingInterface).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_store_named_first_in_an_interface_is_reported_where_a_class_names_it(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProject, editorConfig: null, ComposingInterface, Service);
        test.ExpectedDiagnostics.Add(ReportedAt0("IDepartmentRepository", ForeignModelKind.Store));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task The_first_store_named_speaks_for_every_store_of_its_project(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProject, editorConfig: null, Service, """
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class Lookup(IGenericRepository<Department> departments, IDepartmentRepository named)
            {
                public Task<Department?> ByName(string name) => departments.GetSingleAsync(d => d.Name == name);
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IDepartmentRepository", ForeignModelKind.Store));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_unit_of_work_that_hands_out_stores_is_named_for_them(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProject, editorConfig: null, """
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class DepartmentService({|#0:IUnitOfWork|} work)
            {
                public Task<Department?> ByName(string name) => work.Departments.GetSingleAsync(d => d.Name == name);
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IUnitOfWork", ForeignModelKind.Store));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task Without_a_conventional_key_the_message_names_what_to_configure(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProject.Replace("TenantId", "ShopKey"), editorConfig: null, Service);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0)
            .WithArguments("IDepartmentRepository", NoTenantEntityAnalyzer.NoneFound(TSA0001NoTenantEntityTests.LookedForEverything), NoTenantEntityAnalyzer.StoreOfAnotherProject()));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task The_configured_key_makes_its_entities_tenant_entities(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, DataProject, "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n", Service.Replace("{|#0:IDepartmentRepository|}", "IDepartmentRepository")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public async Task Naming_the_context_too_reports_the_context_alone(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProject, editorConfig: null, Service.Replace("{|#0:IDepartmentRepository|}", "IDepartmentRepository"), """
            using Jobs.Data;

            public sealed class Maintenance({|#0:JobsDb|} db)
            {
                public int Count() => db.Departments.Count();
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("JobsDb", ForeignModelKind.Context));
        await test.RunAsync();
    }

    /// <summary>The data project without its DbContext: a project that uses EF Core but maps nothing this project can see.</summary>
    private static readonly string DataProjectWithoutContext =
        DataProject.Substring(0, DataProject.IndexOf("public class JobsDb", System.StringComparison.Ordinal))
        + "public static class Uses\n{\n    public static Type Context => typeof(DbContext);\n}\n";

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_store_of_an_assembly_without_a_DbContext_is_reported_over_its_entities_that_carry_a_key(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, DataProjectWithoutContext, editorConfig: null, Service);
        test.ExpectedDiagnostics.Add(ReportedAt0("IDepartmentRepository", ForeignModelKind.UnmappedStore));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_of_an_assembly_without_a_DbContext_or_a_keyed_entity_says_nothing_of_tenancy(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, DataProjectWithoutContext.Replace("TenantId", "ShopKey"), editorConfig: null, Service.Replace("{|#0:IDepartmentRepository|}", "IDepartmentRepository")).RunAsync();

    /// <summary>A Clean Architecture Domain project, without EF Core: the only project an Application layer references.</summary>
    private const string DomainOnly = """
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        namespace Shop.Domain;

        public abstract class Entity
        {
            public Guid Id { get; set; }
        }

        public abstract class TenantEntity : Entity
        {
            public Guid TenantId { get; set; }
        }

        public class Order : TenantEntity
        {
            public string Number { get; set; } = "";
        }

        public class Country : Entity
        {
            public string Name { get; set; } = "";
        }

        public interface IRepository<T> where T : Entity
        {
            Task<List<T>> ListAsync(Expression<Func<T, bool>> predicate);
        }

        public interface IUnitOfWork
        {
            IRepository<Order> Orders { get; }
        }
        """;

    private const string OrderQueries = """
        using System.Threading.Tasks;
        using Shop.Domain;

        public sealed class OrderQueries({|#0:IRepository<Order>|} orders)
        {
            public Task<List<Order>> Numbered(string number) => orders.ListAsync(o => o.Number == number);
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_Domain_projects_store_is_reported_when_no_model_maps_its_entities(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, [("Shop.Domain", DomainOnly)], editorConfig: null, OrderQueries, """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class Countries(IRepository<Country> countries)
            {
                public Task<List<Country>> Named(string name) => countries.ListAsync(c => c.Name == name);
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IRepository", ForeignModelKind.UnmappedStore));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_Domain_projects_unit_of_work_is_named_for_its_stores(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, [("Shop.Domain", DomainOnly)], editorConfig: null, """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class OrderQueries({|#0:IUnitOfWork|} work)
            {
                public Task<List<Order>> Numbered(string number) => work.Orders.ListAsync(o => o.Number == number);
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IUnitOfWork", ForeignModelKind.UnmappedStore));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task An_entity_set_interface_of_this_project_speaks_for_the_Domain_projects_stores(Reference reference, EfCoreVersion ef)
    {
        var test = Test(reference, ef, [("Shop.Domain", DomainOnly)], editorConfig: null, OrderQueries.Replace("{|#0:IRepository<Order>|}", "IRepository<Order>"), """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            public interface {|#0:IAppDbContext|}
            {
                DbSet<Order> Orders { get; }
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IAppDbContext", ForeignModelKind.EntitySetInterface));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task A_Domain_project_whose_entities_carry_no_key_says_nothing_of_tenancy(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, [("Shop.Domain", DomainOnly.Replace("TenantId", "Region"))], editorConfig: null, OrderQueries.Replace("{|#0:IRepository<Order>|}", "IRepository<Order>")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_Domain_projects_store_with_the_key_configured_is_not_reported(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, [("Shop.Domain", DomainOnly)], "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n", OrderQueries.Replace("{|#0:IRepository<Order>|}", "IRepository<Order>")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_store_of_the_project_that_declares_the_entities_counts_too(Reference reference, EfCoreVersion ef)
    {
        const string Domain = """
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            namespace Shop.Domain;

            public class Order
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public interface IRepository<T> where T : class
            {
                Task<List<T>> ListAsync(Expression<Func<T, bool>> predicate);
            }
            """;
        const string Infrastructure = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Infrastructure;

            public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();

                public Guid CurrentTenant { get; set; }

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Order>().HasQueryFilter(o => o.TenantId == CurrentTenant);
            }
            """;
        var test = Test(reference, ef, [("Shop.Domain", Domain), ("Shop.Infrastructure", Infrastructure)], editorConfig: null, """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class Orders({|#0:IRepository<Order>|} orders)
            {
                public Task<List<Order>> Recent() => orders.ListAsync(o => true);
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IRepository", ForeignModelKind.Store));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_store_interface_of_this_project_that_another_project_implements_is_reported_where_it_is_named(Reference reference, EfCoreVersion ef)
    {
        // An Application layer that references EF Core (for IQueryable helpers) but maps nothing: its own IRepository<T>.
        var test = Test(reference, ef, [("Shop.Domain", DomainOnly)], editorConfig: null, """
            using System.Linq.Expressions;
            using System.Threading.Tasks;
            using Shop.Domain;

            namespace Shop.Application;

            public interface IReadRepository<T> where T : Entity
            {
                IQueryable<T> Query();
            }

            public sealed class OrderSearch({|#0:IReadRepository<Order>|} orders)
            {
                public Task<List<Order>> Numbered(string number) => orders.Query().Where(o => o.Number == number).ToListAsync();
            }
            """);
        test.ExpectedDiagnostics.Add(ReportedAt0("IReadRepository", ForeignModelKind.OwnStore));
        await test.RunAsync();
    }

    /// <summary>TSA0001 at markup 0 for <paramref name="type"/>, whose entities carry <c>TenantId</c>, as a <paramref name="kind"/>.</summary>
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult ReportedAt0(string type, ForeignModelKind kind, string? sharedType = null) =>
        Verify.Diagnostic("TSA0001").WithLocation(0)
            .WithArguments(type, NoTenantEntityAnalyzer.KeyNotTaken("TenantId", kind), NoTenantEntityAnalyzer.CarriedKey("TenantId", kind, sharedType));

    /// <summary>An Application layer's store constrained to the Domain's entity base, beside a request class that carries a key name.</summary>
    private const string ApplicationLayer = """
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        namespace Shop.Application;

        public interface IRepository<T> where T : Shop.Domain.Entity
        {
            Task<List<T>> ListAsync(Expression<Func<T, bool>> predicate);
        }

        public class CheckoutRequest
        {
            public string OrganizationId { get; set; } = "";
        }
        """;

    private const string MappingData = """
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain;

        namespace Shop.Data;

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();

            public DbSet<Country> Countries => Set<Country>();
        }
        """;

    private const string CountryQueries = """
        using System.Threading.Tasks;
        using Shop.Application;
        using Shop.Domain;

        public sealed class Countries(IRepository<Country> countries)
        {
            public Task<List<Country>> Named(string name) => countries.ListAsync(c => c.Name == name);
        }
        """;

    /// <summary>The Domain project of these tests, its store moved to the Application layer, its key named <c>ShopKey</c>.</summary>
    private static readonly string DomainWithShopKey = DomainOnly.Replace("IRepository<", "IUnusedRepository<").Replace("TenantId", "ShopKey");

    /// <summary>
    /// A store constrained to an entity base holds only what satisfies it: the entities the visible model maps (Order
    /// carries the configured key, so the store is over a tenant entity), never a request class of the store's project
    /// that happens to carry a conventional key name.
    /// </summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task A_constrained_store_is_over_the_mapped_entities_that_satisfy_it_not_a_request_with_a_key_name(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, [("Shop.Domain", DomainOnly.Replace("IRepository<", "IUnusedRepository<")), ("Shop.Data", MappingData), ("Shop.Application", ApplicationLayer)], "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n", CountryQueries).RunAsync();

    /// <summary>At zero configuration the same store speaks for the mapped entities: their conventional key, which their context's filters may use.</summary>
    [Theory]
    [MemberData(nameof(References))]
    public async Task A_constrained_store_at_zero_configuration_names_the_key_its_mapped_entities_carry(Reference reference, EfCoreVersion ef)
    {
        var test = Test(
            reference,
            ef,
            [("Shop.Domain", DomainOnly.Replace("IRepository<", "IUnusedRepository<")), ("Shop.Data", MappingData), ("Shop.Application", ApplicationLayer)],
            editorConfig: null,
            CountryQueries.Replace("(IRepository<Country> countries)", "({|#0:IRepository<Country>|} countries)"));

        // Every mapped entity that carries the key derives from the Domain's base that declares it: one line to name.
        test.ExpectedDiagnostics.Add(ReportedAt0("IRepository", ForeignModelKind.Store, "Shop.Domain.TenantEntity"));
        await test.RunAsync();
    }

    /// <summary>With no model in sight, the store is over the classes that satisfy its constraint and carry a key; a request class is not one.</summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task A_constrained_store_without_a_model_is_not_over_a_request_with_a_key_name(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, [("Shop.Domain", DomainWithShopKey), ("Shop.Application", ApplicationLayer)], editorConfig: null, CountryQueries).RunAsync();

    private static Verify.Test Test(Reference reference, EfCoreVersion ef, string dataProject, string? editorConfig, params string[] sources) =>
        Test(reference, ef, [("Jobs.Data", dataProject)], editorConfig, sources);

    /// <summary>A test of <paramref name="sources"/> over <paramref name="projects"/>, each referencing the ones before it.</summary>
    private static Verify.Test Test(Reference reference, EfCoreVersion ef, (string Name, string Source)[] projects, string? editorConfig, params string[] sources)
    {
        var test = new Verify.Test(ef);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        ForeignProject.Add(test.TestState, reference, ef, projects);
        return test;
    }
}
