using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1001 in a business layer that queries only through the stores of another project (an N-tier solution's
/// <c>IGenericRepository&lt;T&gt;</c>, implemented in its Data project): the stores' bodies are compiled code here, so
/// their signatures say what a call does. A predicate over the store's entity is the filter the call applies; a method
/// returning <c>IQueryable&lt;T&gt;</c> hands out the entity's rows.
/// </summary>
public sealed class TSA1001ForeignStoreTests
{
    private const string DataProject = """
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Jobs.Data;

        public abstract class BaseEntity
        {
            public Guid Id { get; set; }
        }

        public interface ITenantOwned
        {
            Guid TenantId { get; }
        }

        public class Department : BaseEntity
        {
            public Guid TenantId { get; set; }
            public string Name { get; set; } = "";
            public bool Active { get; set; }
        }

        public class Job : BaseEntity
        {
            public Guid TenantId { get; set; }
            public Guid DepartmentId { get; set; }
            public Department? Department { get; set; }
            public string Title { get; set; } = "";
        }

        public class Country : BaseEntity
        {
            public string Name { get; set; } = "";
        }

        public class Project : BaseEntity, ITenantOwned
        {
            public Guid TenantId { get; set; }
            public string Code { get; set; } = "";
        }

        public interface IGenericRepository<TEntity> where TEntity : BaseEntity
        {
            IQueryable<TEntity> AsQueryable();
            Task<List<TEntity>> GetAll(bool noTracking = true);
            Task<List<TEntity>> GetList(Expression<Func<TEntity, bool>>? predicate, bool noTracking = true, params Expression<Func<TEntity, object>>[] includes);
            Task<TEntity?> GetSingleAsync(Expression<Func<TEntity, bool>> predicate, bool noTracking = true);
            IQueryable<TEntity> Where(Expression<Func<TEntity, bool>> predicate);
        }

        public interface IDepartmentRepository : IGenericRepository<Department>
        {
        }

        public class GenericRepository<TEntity>(JobsDb db) : IGenericRepository<TEntity> where TEntity : BaseEntity
        {
            public IQueryable<TEntity> AsQueryable() => db.Set<TEntity>();
            public Task<List<TEntity>> GetAll(bool noTracking = true) => db.Set<TEntity>().ToListAsync();
            public Task<List<TEntity>> GetList(Expression<Func<TEntity, bool>>? predicate, bool noTracking = true, params Expression<Func<TEntity, object>>[] includes) =>
                (predicate is null ? db.Set<TEntity>() : db.Set<TEntity>().Where(predicate)).ToListAsync();
            public Task<TEntity?> GetSingleAsync(Expression<Func<TEntity, bool>> predicate, bool noTracking = true) => db.Set<TEntity>().FirstOrDefaultAsync(predicate);
            public IQueryable<TEntity> Where(Expression<Func<TEntity, bool>> predicate) => db.Set<TEntity>().Where(predicate);
        }

        // A store of one entity, and one whose methods are generic.
        public interface IDepartmentQueries
        {
            Task<List<Department>> Matching(Expression<Func<Department, bool>> predicate);
        }

        public interface IStore
        {
            Task<T?> FirstAsync<T>(Expression<Func<T, bool>> predicate) where T : class;
        }

        // A store that knows its entity is a tenant entity: its own project judges its body.
        public interface ITenantStore<T> where T : class, ITenantOwned
        {
            Task<List<T>> Find(Expression<Func<T, bool>> predicate);
        }

        public class JobsDb(DbContextOptions<JobsDb> options) : DbContext(options)
        {
            public DbSet<Department> Departments => Set<Department>();
            public DbSet<Job> Jobs => Set<Job>();
            public DbSet<Country> Countries => Set<Country>();
            public DbSet<Project> Projects => Set<Project>();
        }
        """;

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n";

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_predicate_handed_to_another_projects_store_is_judged_at_the_lambda(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Linq.Expressions;
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class DepartmentService(IGenericRepository<Department> departments, IDepartmentRepository named)
            {
                public Task<Department?> ByName(string name) => departments.GetSingleAsync({|TSA1001:d => d.Name == name|});

                public Task<List<Department>> Active() => departments.GetList({|TSA1001:d => d.Active|});

                // Through an interface that closes the store over the entity.
                public Task<Department?> ByNameNamed(string name) => named.GetSingleAsync({|TSA1001:d => d.Name == name|}, noTracking: false);

                // A predicate kept in a local is judged where it is written.
                public Task<List<Department>> Named(string name)
                {
                    Expression<Func<Department, bool>> byName = d => d.Name == name;
                    return departments.GetList({|TSA1001:byName|});
                }

                // No predicate: every tenant's rows.
                public Task<List<Department>> All() => departments.GetList({|TSA1001:null|});

                // Scoped.
                public Task<Department?> ByName(Guid tenantId, string name) => departments.GetSingleAsync(d => d.TenantId == tenantId && d.Name == name);

                public Task<List<Department>> Active(Guid tenantId) => named.GetList(d => d.Active && d.TenantId == tenantId, true, d => d.Name);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_helper_of_this_project_that_passes_its_predicate_on_is_judged_at_its_callers(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Linq.Expressions;
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class DepartmentService(IGenericRepository<Department> departments)
            {
                public Task<Department?> ByName(string name) => First({|TSA1001:d => d.Name == name|});

                public Task<Department?> ByName(Guid tenantId, string name) => First(d => d.TenantId == tenantId && d.Name == name);

                // Not reported here: its callers' predicates decide.
                private Task<Department?> First(Expression<Func<Department, bool>> predicate) => departments.GetSingleAsync(predicate, noTracking: true);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_query_another_projects_store_hands_out_is_judged_where_it_runs(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Linq;
            using System.Threading.Tasks;
            using Jobs.Data;
            using Microsoft.EntityFrameworkCore;

            public sealed class DepartmentQueries(IGenericRepository<Department> departments)
            {
                public Task<List<Department>> Named(string name) => departments.AsQueryable().Where(d => d.Name == name).{|TSA1001:ToListAsync()|};

                // A count is TSA1002.
                public Task<int> Active() => departments.Where(d => d.Active).{|TSA1002:CountAsync()|};

                public Task<List<Department>> Named(Guid tenantId, string name) =>
                    departments.AsQueryable().Where(d => d.TenantId == tenantId && d.Name == name).ToListAsync();

                // The store's own predicate scopes the query it returns.
                public Task<int> Active(Guid tenantId) => departments.Where(d => d.TenantId == tenantId).CountAsync(d => d.Active);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_row_another_projects_store_loaded_is_a_loaded_row(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class JobBoard(IGenericRepository<Department> departments, IGenericRepository<Job> jobs)
            {
                // The department of a job loaded for this tenant, looked up by the job's key.
                public async Task<Department?> DepartmentOf(Guid tenantId, Guid jobId)
                {
                    var job = await jobs.GetSingleAsync(j => j.TenantId == tenantId && j.Id == jobId) ?? throw new InvalidOperationException();
                    return await departments.GetSingleAsync(d => d.Id == job.DepartmentId);
                }

                // A key from the caller ties the lookup to nothing loaded.
                public Task<Department?> Department(Guid departmentId) => departments.GetSingleAsync({|TSA1001:d => d.Id == departmentId|});
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task Stores_of_one_entity_and_generic_methods_are_read_the_same_way(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class Lookups(IDepartmentQueries departments, IStore store)
            {
                public Task<List<Department>> Named(string name) => departments.Matching({|TSA1001:d => d.Name == name|});

                public Task<Department?> First(string name) => store.FirstAsync<Department>({|TSA1001:d => d.Name == name|});

                public Task<Department?> First(Guid tenantId, string name) => store.FirstAsync<Department>(d => d.TenantId == tenantId && d.Name == name);

                // Not a tenant entity.
                public Task<Country?> Country(string name) => store.FirstAsync<Country>(c => c.Name == name);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task What_the_store_is_not_known_to_leak_is_not_reported(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Threading.Tasks;
            using Jobs.Data;

            public sealed class Quiet(IGenericRepository<Country> countries, IGenericRepository<Department> departments, ITenantStore<Project> projects)
            {
                // Not a tenant entity.
                public Task<List<Country>> Named(string name) => countries.GetList(c => c.Name == name);

                // A store constrained to a tenant type is judged in its own project, where it must scope its queries.
                public Task<List<Project>> Coded(string code) => projects.Find(p => p.Code == code);

                // A method that takes no predicate is not known to read every row: its body is not here to say so.
                public Task<List<Department>> All() => departments.GetAll();
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task Entities_the_other_projects_context_filters_need_no_predicate(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured + "tenant_safety.tenant_types = Department\n", """
            using System.Linq;
            using System.Threading.Tasks;
            using Jobs.Data;
            using Microsoft.EntityFrameworkCore;

            public sealed class Filtered(IGenericRepository<Department> departments)
            {
                public Task<Department?> ByName(string name) => departments.GetSingleAsync(d => d.Name == name);

                public Task<int> Active() => departments.AsQueryable().CountAsync(d => d.Active);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_library_that_does_not_use_EF_Core_is_not_a_store(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            Configured,
            """
            using System.Threading.Tasks;
            using Jobs.Data;
            using Jobs.Testing;

            public sealed class Checks(Matcher<Department> matcher)
            {
                public bool Matches(Department department, string name) => matcher.Matches(department, d => d.Name == name);
            }
            """,
            library: ForeignProject.Built(ef, "Jobs.Testing", """
                using System.Linq.Expressions;

                namespace Jobs.Testing;

                public class Matcher<T>
                {
                    public bool Matches(T value, Expression<Func<T, bool>> predicate) => predicate.Compile()(value);
                }
                """));

    /// <summary>A Clean Architecture Domain project: entities and the repository interface, no EF Core.</summary>
    private const string DomainProject = """
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        namespace Shop.Domain;

        public class Order
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Number { get; set; } = "";
        }

        public interface IRepository<T> where T : class
        {
            Task<T?> FirstOrDefaultAsync(Expression<Func<T, bool>> predicate);
        }
        """;

    /// <summary>Its Infrastructure project: the DbContext, over the Domain project.</summary>
    private const string InfrastructureProject = """
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain;

        namespace Shop.Infrastructure;

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_repository_of_the_project_that_declares_the_entities_is_a_store(Reference reference, EfCoreVersion ef)
    {
        const string Orders = """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class Orders(IRepository<Order> orders)
            {
                public Task<Order?> ByNumber(string number) => orders.FirstOrDefaultAsync({|TSA1001:o => o.Number == number|});

                public Task<Order?> ByNumber(Guid tenantId, string number) => orders.FirstOrDefaultAsync(o => o.TenantId == tenantId && o.Number == number);
            }
            """;
        await Test(reference, ef, Configured, Orders, projects: [("Shop.Domain", DomainProject), ("Shop.Infrastructure", InfrastructureProject)]);

        // An Application layer that references only the Domain project: no model is visible, the store is the same.
        await Test(reference, ef, Configured, Orders, projects: [("Shop.Domain", DomainProject)]);
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task An_interface_of_this_project_that_no_class_of_it_implements_is_a_store(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, Configured, """
            using System.Linq.Expressions;
            using System.Threading.Tasks;
            using Jobs.Data;

            // Implemented by the Infrastructure project.
            public interface IDepartmentStore
            {
                Task<Department?> FirstAsync(Expression<Func<Department, bool>> predicate);
            }

            // Implemented here: its body is read.
            public interface IJobStore
            {
                Task<Job?> FirstAsync(Expression<Func<Job, bool>> predicate);
            }

            public sealed class JobStore : IJobStore
            {
                public Task<Job?> FirstAsync(Expression<Func<Job, bool>> predicate) => Task.FromResult<Job?>(null);
            }

            public sealed class Lookups(IDepartmentStore departments, IJobStore jobs)
            {
                public Task<Department?> Named(string name) => departments.FirstAsync({|TSA1001:d => d.Name == name|});

                public Task<Job?> Titled(string title) => jobs.FirstAsync(j => j.Title == title);
            }
            """);

    /// <summary>
    /// Runs <paramref name="source"/> over <paramref name="projects"/> (by default the Jobs.Data project), and over
    /// <paramref name="library"/> when given: a built assembly that is not a project of the solution.
    /// </summary>
    private static Task Test(
        Reference reference,
        EfCoreVersion ef,
        string editorConfig,
        string source,
        (string Name, string Source)[]? projects = null,
        MetadataReference? library = null)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(source);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        ForeignProject.Add(test.TestState, reference, ef, projects ?? [("Jobs.Data", DataProject)]);
        if (projects is null && reference == Reference.SolutionProject)
        {
            // Analysed as a project of the solution, Jobs.Data is a class library whose public GenericRepository no code of
            // it calls: its two reads of every row are judged there (TSA1001LibraryStoreTests), whatever this project does.
            const string chosen = " when other projects call it through 'IGenericRepository<TEntity>' with 'Department', 'Job' or 1 more tenant entity";
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA1001").WithSpan("/Jobs.Data/Entities.cs", 62, 84, 62, 97).WithArguments("TEntity", "TenantId", "ToListAsync", "tenant", chosen, RuleDescriptors.ReadsEveryRow("tenant")));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA1001").WithSpan("/Jobs.Data/Entities.cs", 64, 86, 64, 99).WithArguments("TEntity", "TenantId", "ToListAsync", "tenant", chosen, RuleDescriptors.ReadsEveryRow("tenant")));
        }

        if (library is not null)
        {
            test.TestState.AdditionalReferences.Add(library);
        }

        return test.RunAsync();
    }
}
