using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A public generic store of a class library that only other projects close (an N-tier Data project's
/// <c>Repository&lt;TEntity&gt; : IRepository&lt;TEntity&gt;</c>, called by the business layer as
/// <c>IRepository&lt;Department&gt;.GetById(id)</c>): its callers see a method with no predicate, which says nothing about
/// what it reads, so its queries over the type parameter are judged in its body, as a store of another project's
/// interface is. A store its library closes anywhere stays judged where the type argument is written, and an
/// application's public types are not there for other projects.
/// </summary>
public sealed class TSA1001LibraryStoreTests
{
    private const string Model = """
        using System;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Data;

        public abstract class EntityBase { public Guid Id { get; set; } }
        public abstract class ReferenceData { public int Id { get; set; } }

        public class Company : EntityBase { public string Name { get; set; } = ""; }
        public class Brand : EntityBase { public Guid CompanyId { get; set; } public string Name { get; set; } = ""; }
        public class Outlet : EntityBase { public Guid CompanyId { get; set; } }
        public class Country : ReferenceData { public string Code { get; set; } = ""; }

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Company> Companies => Set<Company>();
            public DbSet<Brand> Brands => Set<Brand>();
            public DbSet<Outlet> Outlets => Set<Outlet>();
            public DbSet<Country> Countries => Set<Country>();
        }
        """;

    private const string Usings = "using System;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing Microsoft.EntityFrameworkCore;\n\nnamespace Shop.Data;\n\n";

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = CompanyId\n";

    /// <summary>A public store and its public interface, neither closed in the library.</summary>
    private const string Store = """
        public interface IRepository<TEntity> where TEntity : EntityBase
        {
            Task<TEntity?> GetByIdAsync(Guid id);
            Task DeleteAsync(Guid id);
        }

        public class Repository<TEntity>(ShopDb db) : IRepository<TEntity> where TEntity : EntityBase
        {
            public Task<TEntity?> GetByIdAsync(Guid id) => db.Set<TEntity>().{|#0:FirstOrDefaultAsync(x => x.Id == id)|};

            public Task DeleteAsync(Guid id) => db.Set<TEntity>().Where(x => x.Id == id).{|#1:ExecuteDeleteAsync()|};
        }
        """;

    private const string ThroughRepository = " when other projects call it through 'IRepository<TEntity>' with 'Brand' or 'Outlet'";

    /// <summary>What <see cref="Store"/>'s body is reported for when it is judged there: its read by id and its bulk delete.</summary>
    private static readonly DiagnosticResult[] StoreBodyFindings =
    [
        Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FirstOrDefaultAsync", "company", "," + ThroughRepository, RuleDescriptors.FindsAnyRowByKey("Id", "company")),
        Verify.Diagnostic("TSA1003").WithLocation(1).WithArguments("TEntity", "CompanyId", "ExecuteDeleteAsync", "company", ThroughRepository),
    ];

    public static TheoryData<EfCoreVersion> Versions() => [EfCoreVersion.Ef8, EfCoreVersion.Ef10];

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_public_store_no_code_of_its_library_closes_is_judged_in_its_body(EfCoreVersion ef) =>
        Test(
            ef,
            Store,
            StoreBodyFindings);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_public_store_without_an_interface_is_named_itself(EfCoreVersion ef) =>
        Test(
            ef,
            """
            public class Store<TEntity>(ShopDb db) where TEntity : EntityBase
            {
                public Task<TEntity?> GetByIdAsync(Guid id) => db.Set<TEntity>().{|#0:FindAsync(id)|}.AsTask();
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("TEntity", "CompanyId", "FindAsync", "company", ", when other projects call it through 'Store<TEntity>' with 'Brand' or 'Outlet'", RuleDescriptors.FindsAnyRowByKey("Id", "company")));

    [Theory]
    [MemberData(nameof(Versions))]
    public Task An_internal_store_behind_a_public_interface_of_its_library_is_judged(EfCoreVersion ef) =>
        Test(
            ef,
            Store.Replace("public class Repository<TEntity>", "internal sealed class Repository<TEntity>", StringComparison.Ordinal)
            + "\npublic static class Registrations { public static Type Repository => typeof(Repository<>); }\n",
            StoreBodyFindings);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_other_projects_cannot_reach_is_not_judged_in_its_body(EfCoreVersion ef) =>
        Test(
            ef,
            Unmarked(Store)
                .Replace("public interface IRepository<TEntity>", "internal interface IRepository<TEntity>", StringComparison.Ordinal)
                .Replace("public class Repository<TEntity>", "internal sealed class Repository<TEntity>", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_its_library_closes_in_a_constructor_is_judged_at_the_call(EfCoreVersion ef) =>
        Test(
            ef,
            Unmarked(Store) + """

            public sealed class Brands(IRepository<Brand> brands)
            {
                public Task<Brand?> Get(Guid id) => brands.{|#0:GetByIdAsync(id)|};
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Brand", "CompanyId", "FirstOrDefaultAsync", "company", "", RuleDescriptors.ReadsEveryRow("company")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_its_library_creates_in_a_body_is_judged_at_the_call(EfCoreVersion ef) =>
        Test(
            ef,
            Unmarked(Store) + """

            public static class Brands
            {
                public static Task<Brand?> Get(ShopDb db, Guid id) => new Repository<Brand>(db).{|#0:GetByIdAsync(id)|};
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Brand", "CompanyId", "FirstOrDefaultAsync", "company", "", RuleDescriptors.ReadsEveryRow("company")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_its_library_only_subclasses_or_hands_out_is_judged_in_its_body(EfCoreVersion ef) =>
        Test(
            ef,
            Store + """

            public sealed class CompanyRepository(ShopDb db) : Repository<Company>(db);

            public interface IUnitOfWork
            {
                IRepository<Brand> Brands { get; }
            }

            public sealed class UnitOfWork(ShopDb db) : IUnitOfWork
            {
                private IRepository<Brand>? _brands;

                public IRepository<Brand> Brands => _brands ??= new Repository<Brand>(db);
            }
            """,
            StoreBodyFindings);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_its_library_calls_through_a_unit_of_work_is_judged_at_the_call(EfCoreVersion ef) =>
        Test(
            ef,
            Unmarked(Store) + """

            public sealed class UnitOfWork(ShopDb db)
            {
                public IRepository<Brand> Brands { get; } = new Repository<Brand>(db);
            }

            public sealed class BrandCleanup(UnitOfWork work)
            {
                public Task Remove(Guid id) => work.Brands.{|#0:DeleteAsync(id)|};
            }
            """,
            Verify.Diagnostic("TSA1003").WithLocation(0).WithArguments("Brand", "CompanyId", "ExecuteDeleteAsync", "company", "").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_handed_on_as_another_generic_s_parameter_is_still_closed_by_other_projects(EfCoreVersion ef) =>
        Test(
            ef,
            Store + """

            public class Service<TEntity>(IRepository<TEntity> repository) where TEntity : EntityBase
            {
                public Task<TEntity?> Get(Guid id) => repository.GetByIdAsync(id);
            }
            """,
            StoreBodyFindings);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_of_an_application_is_not_judged_in_its_body(EfCoreVersion ef) =>
        Test(ef, Unmarked(Store), OutputKind.ConsoleApplication);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_whose_constraint_admits_only_reference_data_is_not_reported(EfCoreVersion ef) =>
        Test(
            ef,
            """
            public class Lookup<TEntity>(ShopDb db) where TEntity : ReferenceData
            {
                public Task<TEntity?> GetAsync(int id) => db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id);
            }
            """);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_store_handed_its_callers_predicate_stays_theirs_to_judge(EfCoreVersion ef) =>
        Test(
            ef,
            """
            using System.Collections.Generic;
            using System.Linq.Expressions;

            public class Finder<TEntity>(ShopDb db) where TEntity : EntityBase
            {
                public Task<List<TEntity>> WhereAsync(Expression<Func<TEntity, bool>> predicate) => db.Set<TEntity>().Where(predicate).ToListAsync();
            }
            """);

    /// <summary>A public class of public generic methods, behind a public interface of the library.</summary>
    private const string MethodStore = """
        public interface IEntityStore
        {
            Task<T?> FindAsync<T>(Guid id) where T : EntityBase;
        }

        public sealed class EntityStore(ShopDb db) : IEntityStore
        {
            public Task<T?> FindAsync<T>(Guid id) where T : EntityBase => db.Set<T>().{|#0:SingleOrDefaultAsync(x => x.Id == id)|};

            public System.Collections.Generic.List<T> Except<T>(System.Collections.Generic.IEnumerable<T> known) where T : EntityBase =>
                db.Set<T>().{|#1:ToList()|}.Except(known).ToList();

            internal Task<int> CountAsync<T>() where T : EntityBase => db.Set<T>().CountAsync();
        }
        """;

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_public_generic_method_no_call_of_its_library_closes_is_judged_in_its_body(EfCoreVersion ef) =>
        Test(
            ef,
            MethodStore,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("T", "CompanyId", "SingleOrDefaultAsync", "company", ", when other projects call it through 'IEntityStore' with 'Brand' or 'Outlet'", RuleDescriptors.FindsAnyRowByKey("Id", "company")),
            Verify.Diagnostic("TSA1001").WithLocation(1).WithArguments("T", "CompanyId", "ToList", "company", " when other projects call it through 'EntityStore' with 'Brand' or 'Outlet'", RuleDescriptors.ReadsEveryRow("company")));

    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_generic_method_its_library_calls_with_a_type_argument_written_or_inferred_is_judged_at_the_call(EfCoreVersion ef) =>
        Test(
            ef,
            Unmarked(MethodStore) + """

            public sealed class Brands(IEntityStore store, EntityStore entities)
            {
                public Task<Brand?> Get(Guid id) => store.{|#0:FindAsync<Brand>(id)|};

                public int Unknown() => entities.{|#1:Except(new System.Collections.Generic.List<Brand>())|}.Count;
            }
            """,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Brand", "CompanyId", "SingleOrDefaultAsync", "company", "", RuleDescriptors.ReadsEveryRow("company")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA1001").WithLocation(1).WithArguments("Brand", "CompanyId", "ToList", "company", "", RuleDescriptors.ReadsEveryRow("company")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    private static string Unmarked(string source) =>
        source.Replace("{|#0:", "", StringComparison.Ordinal).Replace("{|#1:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);

    private static Task Test(EfCoreVersion ef, string source, params DiagnosticResult[] expected) =>
        Test(ef, source, OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task Test(EfCoreVersion ef, string source, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(Usings + source);
        test.TestState.Sources.Add(Model);
        if (outputKind != OutputKind.DynamicallyLinkedLibrary)
        {
            test.TestState.OutputKind = outputKind;
            test.TestState.Sources.Add("System.Console.WriteLine();\n");
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Configured));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
