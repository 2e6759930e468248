using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A generic store whose type arguments other projects choose: the class implements a generic interface declared in the
/// project of its callers (<c>Crud&lt;TEntity&gt; : ICrud&lt;TEntity&gt;</c>, where <c>TEntity : EntityBase</c> carries no key).
/// Those callers cannot read its body and this project cannot see their calls, so its queries over the type parameter
/// are judged here, against the tenant entities of the model it may be: reported unless every one of them is filtered.
/// A store only this project's own interface exposes stays its callers' to judge.
/// </summary>
public sealed class TSA1001CrossProjectTypeParameterTests
{
    private const string DomainProject = """
        using System.Threading;
        using System.Threading.Tasks;
        using System.Linq.Expressions;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Domain
        {
            public abstract class EntityBase { public Guid Id { get; set; } }
            public abstract class ReferenceData { public int Id { get; set; } }

            public interface ICompanyOwned { Guid CompanyId { get; } }
            public interface IAudited { DateTime ChangedAt { get; set; } }

            public class Company : EntityBase { public string Name { get; set; } = ""; }
            public class Brand : EntityBase, ICompanyOwned, IAudited { public Guid CompanyId { get; set; } public string Name { get; set; } = ""; public DateTime ChangedAt { get; set; } }
            public class Outlet : EntityBase, ICompanyOwned { public Guid CompanyId { get; set; } }
            public class Country : ReferenceData { public string Code { get; set; } = ""; }

            public interface ICrud<TEntity> where TEntity : EntityBase
            {
                Task<TEntity?> GetAsync(Guid id, CancellationToken ct);
                Task DeleteAsync(Guid id, CancellationToken ct);
            }

            public interface ICrudService<TEntity, TDto> where TEntity : EntityBase
            {
                Task<int> CountAsync();
            }

            public interface IReferenceData<TEntity> where TEntity : ReferenceData
            {
                Task<TEntity?> GetAsync(int id);
            }

            public interface IEntityStore
            {
                Task<T?> FindAsync<T>(Guid id) where T : EntityBase;
            }

            public interface IFinder<TEntity> where TEntity : EntityBase
            {
                Task<List<TEntity>> WhereAsync(Expression<Func<TEntity, bool>> predicate);
            }

            public interface IShopDb
            {
                DbSet<T> Set<T>() where T : class;
                Task<int> SaveChangesAsync(CancellationToken ct = default);
            }
        }
        """;

    private const string Context = """
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain;

        public class ShopDb : DbContext, IShopDb
        {
            public DbSet<Company> Companies => Set<Company>();
            public DbSet<Brand> Brands => Set<Brand>();
            public DbSet<Outlet> Outlets => Set<Outlet>();
            public DbSet<Country> Countries => Set<Country>();
        }
        """;

    /// <summary>What every tested source uses: the tests' sources start with their types.</summary>
    private const string SourceUsings = "using System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.EntityFrameworkCore;\nusing Shop.Domain;\n";

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = CompanyId\n";

    private const string ChosenByCrud = " when other projects call it through 'ICrud<TEntity>' with 'Brand' or 'Outlet'";

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_generic_store_other_projects_choose_the_entity_of_is_judged_in_its_body(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public sealed class Crud<TEntity>(IShopDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct) =>
                    db.Set<TEntity>().{|#0:FirstOrDefaultAsync(x => x.Id == id, ct)|};

                public async Task DeleteAsync(Guid id, CancellationToken ct)
                {
                    await db.Set<TEntity>().Where(x => x.Id == id).{|#1:ExecuteDeleteAsync(ct)|};
                }
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FirstOrDefaultAsync", "company", "," + ChosenByCrud, RuleDescriptors.FindsAnyRowByKey("Id", "company")),
            Verify.Diagnostic("TSA1003").WithLocation(1).WithArguments("TEntity", "CompanyId", "ExecuteDeleteAsync", "company", ChosenByCrud));

    [Theory]
    [MemberData(nameof(References))]
    public Task An_interface_with_more_type_parameters_and_a_context_of_this_project_are_read_the_same(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public sealed class CrudService<TEntity, TDto>(ShopDb db) : ICrudService<TEntity, TDto> where TEntity : EntityBase
            {
                public Task<int> CountAsync() => db.Set<TEntity>().{|#0:CountAsync()|};
            }
            """,
            Verify.Diagnostic("TSA1002").WithLocation(0).WithArguments("TEntity", "CompanyId", "CountAsync", "company", " when other projects call it through 'ICrudService<TEntity, TDto>' with 'Brand' or 'Outlet'"));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_generic_method_implementing_another_project_s_interface_is_judged_in_its_body(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public sealed class EntityStore(IShopDb db) : IEntityStore
            {
                public Task<T?> FindAsync<T>(Guid id) where T : EntityBase => db.Set<T>().{|#0:SingleOrDefaultAsync(x => x.Id == id)|};
            }

            public sealed class ExplicitStore(IShopDb db) : IEntityStore
            {
                Task<T?> IEntityStore.FindAsync<T>(Guid id) where T : class => db.Set<T>().{|#1:SingleOrDefaultAsync(x => x.Id == id)|};
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("T", "CompanyId", "SingleOrDefaultAsync", "company", ", when other projects call it through 'IEntityStore' with 'Brand' or 'Outlet'", RuleDescriptors.FindsAnyRowByKey("Id", "company")),
            Verify.Diagnostic("TSA1001").WithLocation(1).WithArguments("T", "CompanyId", "SingleOrDefaultAsync", "company", ", when other projects call it through 'IEntityStore' with 'Brand' or 'Outlet'", RuleDescriptors.FindsAnyRowByKey("Id", "company")));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_whose_entities_are_all_filtered_is_scoped_whichever_one_is_chosen(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public sealed class Crud<TEntity>(FilteredDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct) => db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id, ct);

                public Task DeleteAsync(Guid id, CancellationToken ct) => db.Set<TEntity>().Where(x => x.Id == id).ExecuteDeleteAsync(ct);
            }
            """ + FilteredContext(filtersOutlets: true),
            withContext: false);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_with_one_unfiltered_entity_names_only_that_one(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public sealed class Crud<TEntity>(FilteredDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct) => db.Set<TEntity>().{|#0:FirstOrDefaultAsync(x => x.Id == id, ct)|};

                public Task DeleteAsync(Guid id, CancellationToken ct) => Task.CompletedTask;
            }
            """ + FilteredContext(filtersOutlets: false),
            withContext: false,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FirstOrDefaultAsync", "company", ", when other projects call it through 'ICrud<TEntity>' with 'Outlet'", RuleDescriptors.FindsAnyRowByKey("Id", "company")));

    /// <summary>
    /// A store that asks whether its entity is a tenant's (a type test or cast against a type that declares the key) scopes
    /// it on paths this analysis does not tell apart by type: it is left unjudged. A test against another type is no such question.
    /// </summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_that_asks_whether_its_entity_is_a_tenant_s_is_left_unjudged(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public interface ICaller { Guid CompanyId { get; } }

            public sealed class FilteredWhenOwned<TEntity>(IShopDb db, ICaller caller) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct)
                {
                    var query = db.Set<TEntity>().Where(x => x.Id == id);
                    if (typeof(ICompanyOwned).IsAssignableFrom(typeof(TEntity)))
                    {
                        query = query.Where(x => ((ICompanyOwned)x).CompanyId == caller.CompanyId);
                    }

                    return query.FirstOrDefaultAsync(ct);
                }

                public async Task DeleteAsync(Guid id, CancellationToken ct)
                {
                    var row = await db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id, ct);
                    if (row is null || (row is ICompanyOwned owned && owned.CompanyId != caller.CompanyId))
                    {
                        return;
                    }

                    db.Set<TEntity>().Remove(row);
                }
            }

            public sealed class StampedWhenAudited<TEntity>(IShopDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public async Task<TEntity?> GetAsync(Guid id, CancellationToken ct)
                {
                    var row = await db.Set<TEntity>().{|#0:FirstOrDefaultAsync(x => x.Id == id, ct)|};
                    if (row is IAudited audited)
                    {
                        audited.ChangedAt = DateTime.UtcNow;
                    }

                    return row;
                }

                public Task DeleteAsync(Guid id, CancellationToken ct) => Task.CompletedTask;
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FirstOrDefaultAsync", "company", "," + ChosenByCrud, RuleDescriptors.FindsAnyRowByKey("Id", "company")));

    /// <summary>An abstract store's entity is chosen by its subclasses: it may be only what they close it over.</summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task An_abstract_store_may_be_only_what_its_subclasses_close_it_over(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public abstract class RepositoryBase<TEntity>(IShopDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct) => db.Set<TEntity>().{|#0:FirstOrDefaultAsync(x => x.Id == id, ct)|};

                public Task DeleteAsync(Guid id, CancellationToken ct) => Task.CompletedTask;
            }

            public sealed class BrandRepository(IShopDb db) : RepositoryBase<Brand>(db);

            public sealed class CompanyRepository(IShopDb db) : RepositoryBase<Company>(db);

            public abstract class ReferenceRepositoryBase<TEntity>(IShopDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct) => db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id, ct);

                public Task DeleteAsync(Guid id, CancellationToken ct) => Task.CompletedTask;
            }

            public sealed class CompanyDirectory(IShopDb db) : ReferenceRepositoryBase<Company>(db);
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FirstOrDefaultAsync", "company", ", when other projects call it through 'ICrud<TEntity>' with 'Brand'", RuleDescriptors.FindsAnyRowByKey("Id", "company")));

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_whose_constraint_admits_no_tenant_entity_is_not_reported(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public sealed class ReferenceStore<TEntity>(IShopDb db) : IReferenceData<TEntity> where TEntity : ReferenceData
            {
                public Task<TEntity?> GetAsync(int id) => db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id);
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_method_handed_its_callers_predicate_stays_theirs_to_judge(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            using System.Linq.Expressions;

            public sealed class Finder<TEntity>(IShopDb db) : IFinder<TEntity> where TEntity : EntityBase
            {
                public Task<List<TEntity>> WhereAsync(Expression<Func<TEntity, bool>> predicate) => db.Set<TEntity>().Where(predicate).ToListAsync();
            }
            """);

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_of_this_project_s_own_interface_is_judged_where_its_type_argument_is_written(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public interface ILocalCrud<TEntity> where TEntity : EntityBase
            {
                Task<TEntity?> GetAsync(Guid id);
            }

            public sealed class LocalCrud<TEntity>(IShopDb db) : ILocalCrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id) => db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id);
            }

            public sealed class Brands(ILocalCrud<Brand> brands, ILocalCrud<Company> companies)
            {
                public Task<Brand?> Get(Guid id) => brands.{|#0:GetAsync(id)|};

                public Task<Company?> GetCompany(Guid id) => companies.GetAsync(id);
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Brand", "CompanyId", "FirstOrDefaultAsync", "company", "", RuleDescriptors.ReadsEveryRow("company")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Theory]
    [MemberData(nameof(References))]
    public Task The_entities_its_subclasses_close_it_over_are_named_first(Reference reference, EfCoreVersion ef) =>
        Test(
            reference,
            ef,
            """
            public class Crud<TEntity>(IShopDb db) : ICrud<TEntity> where TEntity : EntityBase
            {
                public Task<TEntity?> GetAsync(Guid id, CancellationToken ct) => db.Set<TEntity>().{|#0:FirstOrDefaultAsync(x => x.Id == id, ct)|};

                public Task DeleteAsync(Guid id, CancellationToken ct) => Task.CompletedTask;
            }

            public sealed class OutletCrud(IShopDb db) : Crud<Outlet>(db);
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FirstOrDefaultAsync", "company", ", when other projects call it through 'ICrud<TEntity>' with 'Outlet' or 'Brand'", RuleDescriptors.FindsAnyRowByKey("Id", "company")));

    [Fact]
    public void The_count_of_the_entities_not_named_agrees_with_its_noun()
    {
        Assert.Equal(" when other projects call it through 'ICrud<TEntity>' with 'A', 'B' or 1 more tenant entity", RuleDescriptors.ChosenByOtherProjects("ICrud<TEntity>", ["A", "B", "C"]));
        Assert.Equal(" when other projects call it through 'ICrud<TEntity>' with 'A', 'B' or 2 more tenant entities", RuleDescriptors.ChosenByOtherProjects("ICrud<TEntity>", ["A", "B", "C", "D"]));
    }

    /// <summary>A context of its own that filters Brand by its company, and Outlet too when <paramref name="filtersOutlets"/>.</summary>
    private static string FilteredContext(bool filtersOutlets) => $$"""

        public interface ICompanyContext { Guid CompanyId { get; } }

        public class FilteredDb(ICompanyContext company) : DbContext
        {
            public DbSet<Brand> Brands => Set<Brand>();
            public DbSet<Outlet> Outlets => Set<Outlet>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Brand>().HasQueryFilter(b => b.CompanyId == company.CompanyId);
                {{(filtersOutlets ? "modelBuilder.Entity<Outlet>().HasQueryFilter(o => o.CompanyId == company.CompanyId);" : "")}}
            }
        }
        """;

    private static Task Test(Reference reference, EfCoreVersion ef, string source, params DiagnosticResult[] expected) =>
        Test(reference, ef, source, withContext: true, expected);

    private static Task Test(Reference reference, EfCoreVersion ef, string source, bool withContext, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(SourceUsings + source);
        if (withContext)
        {
            test.TestState.Sources.Add(Context);
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Configured));
        test.ExpectedDiagnostics.AddRange(expected);
        ForeignProject.Add(test.TestState, reference, ef, "Shop.Domain", DomainProject);
        return test.RunAsync();
    }
}
