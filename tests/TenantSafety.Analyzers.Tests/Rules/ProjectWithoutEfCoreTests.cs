using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyKey = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;
using VerifyQueries = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A Clean Architecture Application layer that does not reference EF Core: it queries only through stores whose bodies
/// its Infrastructure project compiles, its Domain project's <c>IRepository&lt;T&gt;</c> or an interface of its own. It
/// names no EF Core type, yet every store call reads tenant rows: TSA1001 judges the calls, and TSA0001 says when the
/// key is unknown. A project that can call no store is not analysed at all.
/// </summary>
public sealed class ProjectWithoutEfCoreTests
{
    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n";

    /// <summary>A Domain project with its store: entities and <c>IRepository&lt;T&gt;</c>, no EF Core.</summary>
    private const string DomainWithStore = """
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        namespace Shop.Domain;

        public abstract class Entity
        {
            public Guid Id { get; set; }
        }

        public class Order : Entity
        {
            public Guid TenantId { get; set; }
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
        """;

    /// <summary>A Domain project of entities alone: the Application layer declares the store interface.</summary>
    private const string DomainOfEntities = """
        namespace Crm.Domain;

        public abstract class Entity
        {
            public Guid Id { get; set; }
        }

        public class Lead : Entity
        {
            public Guid TenantId { get; set; }
            public string Email { get; set; } = "";
        }

        public class Currency : Entity
        {
            public string Code { get; set; } = "";
        }

        public class AuditNote
        {
            public Guid TenantId { get; set; }
        }
        """;

    /// <summary>The Application layer's own store, implemented by the Infrastructure project it does not reference.</summary>
    private const string OwnRepository = """
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Crm.Domain;

        namespace Crm.Application;

        public interface IRepository<T> where T : Entity
        {
            Task<T?> FirstAsync(Expression<Func<T, bool>> predicate);

            IQueryable<T> Query();
        }
        """;

    public static TheoryData<Reference> References() => new() { Reference.BuiltAssembly, Reference.SolutionProject };

    [Theory]
    [MemberData(nameof(References))]
    public Task A_call_of_a_Domain_projects_store_is_judged(Reference reference) =>
        Queries(reference, [("Shop.Domain", DomainWithStore)], Configured, """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class Orders(IRepository<Order> orders, IRepository<Country> countries)
            {
                public Task<List<Order>> Numbered(string number) => orders.ListAsync({|TSA1001:o => o.Number == number|});

                public Task<List<Order>> Numbered(Guid tenantId, string number) => orders.ListAsync(o => o.TenantId == tenantId && o.Number == number);

                public Task<List<Country>> Named(string name) => countries.ListAsync(c => c.Name == name);
            }
            """).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_call_of_the_projects_own_store_interface_is_judged(Reference reference) =>
        Queries(reference, [("Crm.Domain", DomainOfEntities)], Configured, OwnRepository, """
            using System.Threading.Tasks;
            using Crm.Application;
            using Crm.Domain;

            public sealed class Leads(IRepository<Lead> leads, IRepository<Currency> currencies)
            {
                public Task<Lead?> ByEmail(string email) => leads.FirstAsync({|TSA1001:l => l.Email == email|});

                public Task<Lead?> ByEmail(Guid tenantId, string email) => leads.FirstAsync(l => l.TenantId == tenantId && l.Email == email);

                public List<Lead> Recent(Guid tenantId) => leads.Query().Where(l => l.TenantId == tenantId).ToList();

                public List<Lead> Contacted() => leads.Query().Where(l => l.Email != "").{|TSA1001:ToList()|};

                public Task<Currency?> ByCode(string code) => currencies.FirstAsync(c => c.Code == code);
            }
            """).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public async Task Without_a_key_a_Domain_projects_store_is_reported_where_it_is_named(Reference reference)
    {
        var test = Key(reference, [("Shop.Domain", DomainWithStore)], editorConfig: null, """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class Orders({|#0:IRepository<Order>|} orders)
            {
                public Task<List<Order>> Numbered(string number) => orders.ListAsync(o => o.Number == number);
            }
            """);
        test.ExpectedDiagnostics.Add(KeyUnknownAt0("IRepository", ForeignModelKind.UnmappedStore));
        await test.RunAsync();
    }

    /// <summary>A unit of work that composes a Domain project's store for other projects, declared before anything queries.</summary>
    private const string ComposedDomainStore = """
        using Shop.Domain;

        namespace Shop.Contracts;

        public interface IShopUnitOfWork
        {
            IRepository<Order> Orders { get; }
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public Task A_Domain_projects_store_named_only_in_interfaces_is_not_reported(Reference reference) =>
        Key(reference, [("Shop.Domain", DomainWithStore)], editorConfig: null, ComposedDomainStore).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_Domain_projects_store_named_first_in_an_interface_is_reported_where_a_class_names_it(Reference reference)
    {
        var test = Key(reference, [("Shop.Domain", DomainWithStore)], editorConfig: null, ComposedDomainStore, """
            using System.Threading.Tasks;
            using Shop.Domain;

            public sealed class Orders({|#0:IRepository<Order>|} orders)
            {
                public Task<List<Order>> Numbered(string number) => orders.ListAsync(o => o.Number == number);
            }
            """);
        test.ExpectedDiagnostics.Add(KeyUnknownAt0("IRepository", ForeignModelKind.UnmappedStore));
        await test.RunAsync();
    }

    /// <summary>A handler of the Application layer that names its own store.</summary>
    private const string LeadQueries = """
        using System.Threading.Tasks;
        using Crm.Application;
        using Crm.Domain;

        public sealed class LeadQueries({|#0:IRepository<Lead>|} leads)
        {
            public Task<Lead?> ByEmail(string email) => leads.FirstAsync(l => l.Email == email);
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public async Task Without_a_key_the_projects_own_store_interface_is_reported_where_it_is_named(Reference reference)
    {
        var test = Key(reference, [("Crm.Domain", DomainOfEntities)], editorConfig: null, OwnRepository, LeadQueries);
        test.ExpectedDiagnostics.Add(KeyUnknownAt0("IRepository", ForeignModelKind.OwnStore));
        await test.RunAsync();
    }

    /// <summary>A unit of work of the Application layer that hands its store out, and a handler that names only it.</summary>
    private const string UnitOfWork = """
        using System.Threading.Tasks;
        using Crm.Domain;

        namespace Crm.Application;

        public interface IUnitOfWork
        {
            IRepository<T> Repository<T>() where T : Entity;

            Task<int> SaveChangesAsync();
        }

        public sealed class LeadHandler({|#0:IUnitOfWork|} work)
        {
            public Task<Lead?> ByEmail(string email) => work.Repository<Lead>().FirstAsync(l => l.Email == email);
        }
        """;

    [Theory]
    [MemberData(nameof(References))]
    public async Task Without_a_key_the_projects_own_unit_of_work_is_reported_for_its_stores(Reference reference)
    {
        var test = Key(reference, [("Crm.Domain", DomainOfEntities)], editorConfig: null, OwnRepository, UnitOfWork);
        test.ExpectedDiagnostics.Add(KeyUnknownAt0("IUnitOfWork", ForeignModelKind.OwnStore));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_a_unit_of_work_hands_out_is_judged(Reference reference) =>
        Queries(
            reference,
            [("Crm.Domain", DomainOfEntities)],
            Configured,
            OwnRepository,
            UnitOfWork.Replace("{|#0:IUnitOfWork|}", "IUnitOfWork").Replace("FirstAsync(l => l.Email == email)", "FirstAsync({|TSA1001:l => l.Email == email|})")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_interface_the_project_names_only_in_interfaces_is_not_reported(Reference reference) =>
        Key(reference, [("Crm.Domain", DomainOfEntities)], editorConfig: null, OwnRepository, """
            using Crm.Domain;

            namespace Crm.Application;

            // A Domain-like project composes its stores for others; it queries nothing.
            public interface IUnitOfWork
            {
                IRepository<Lead> Leads { get; }
            }
            """).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public async Task The_projects_own_store_interface_speaks_for_a_Domain_projects_stores_over_the_same_entities(Reference reference)
    {
        var domain = DomainOfEntities + """

            public interface IReadStore<T> where T : Entity
            {
                System.Threading.Tasks.Task<List<T>> ListAsync(System.Linq.Expressions.Expression<Func<T, bool>> predicate);
            }
            """;
        var test = Key(reference, [("Crm.Domain", domain)], editorConfig: null, OwnRepository, """
            using System.Threading.Tasks;
            using Crm.Domain;

            public sealed class Reports(IReadStore<Lead> leads)
            {
                public Task<List<Lead>> All() => leads.ListAsync(l => true);
            }
            """, LeadQueries);
        test.ExpectedDiagnostics.Add(KeyUnknownAt0("IRepository", ForeignModelKind.OwnStore));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public Task With_the_key_configured_the_projects_own_store_interface_is_not_reported(Reference reference) =>
        Key(reference, [("Crm.Domain", DomainOfEntities)], Configured, OwnRepository, LeadQueries.Replace("{|#0:IRepository<Lead>|}", "IRepository<Lead>")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_interface_over_entities_without_a_key_says_nothing_of_tenancy(Reference reference) =>
        Key(reference, [("Crm.Domain", DomainOfEntities.Replace("TenantId", "OwnerId"))], editorConfig: null, OwnRepository, LeadQueries.Replace("{|#0:IRepository<Lead>|}", "IRepository<Lead>")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_keyed_class_outside_the_store_interfaces_constraint_is_not_its_entity(Reference reference) =>
        Key(
            reference,
            [("Crm.Domain", DomainOfEntities.Replace("public Guid TenantId { get; set; }\n    public string Email", "public Guid OwnerId { get; set; }\n    public string Email"))],
            editorConfig: null,
            OwnRepository,
            LeadQueries.Replace("{|#0:IRepository<Lead>|}", "IRepository<Lead>")).RunAsync();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_store_interface_the_project_implements_itself_is_not_reported(Reference reference) =>
        Key(reference, [("Crm.Domain", DomainOfEntities)], editorConfig: null, OwnRepository, LeadQueries.Replace("{|#0:IRepository<Lead>|}", "IRepository<Lead>"), """
            using System.Linq.Expressions;
            using System.Threading.Tasks;
            using Crm.Domain;

            namespace Crm.Application;

            public sealed class InMemoryRepository<T> : IRepository<T> where T : Entity
            {
                private readonly List<T> _rows = new();

                public Task<T?> FirstAsync(Expression<Func<T, bool>> predicate) => Task.FromResult(_rows.AsQueryable().FirstOrDefault(predicate));

                public IQueryable<T> Query() => _rows.AsQueryable();
            }
            """).RunAsync();

    [Fact]
    public void A_project_that_can_call_no_store_is_not_analysed()
    {
        var plain = CSharpCompilation.Create("Plain", [CSharpSyntaxTree.ParseText("public class Order { public System.Guid TenantId { get; set; } }")], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);
        Assert.Null(TenantCompilationState.For(plain, NoOptions));

        var entities = ForeignProject.Built(EfCoreVersion.Ef10, "Crm.Domain", DomainOfEntities);
        var overEntities = CSharpCompilation.Create("Web", [CSharpSyntaxTree.ParseText("public class Page { }")], EfCoreReferences.FrameworkOnly.Add(entities), EfCoreReferences.CompilationOptions);
        Assert.Null(TenantCompilationState.For(overEntities, NoOptions));

        var store = ForeignProject.Built(EfCoreVersion.Ef10, "Shop.Domain", DomainWithStore);
        var overStore = CSharpCompilation.Create("Application", [CSharpSyntaxTree.ParseText("public class Page { }")], EfCoreReferences.FrameworkOnly.Add(store), EfCoreReferences.CompilationOptions);
        Assert.NotNull(TenantCompilationState.For(overStore, NoOptions));
    }

    [Fact]
    public async Task No_analyzer_throws_on_half_typed_code_of_a_project_without_EF_Core()
    {
        // Every prefix of the Application layer's code (the IDE analyses each keystroke), cut every 7 characters.
        var domain = ForeignProject.Built(EfCoreVersion.Ef10, "Crm.Domain", DomainOfEntities);
        var code = TestModel.UsingsWithoutEfCore + OwnRepository + "\n" + LeadQueries.Replace("{|#0:IRepository<Lead>|}", "IRepository<Lead>");
        var analyzers = ShippedExtensions.CreateAnalyzers();
        var options = new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { ["tenant_safety.tenant_property"] = "TenantId" });
        var cuts = 0;
        for (var length = code.Length; length > 0; length -= 7, cuts++)
        {
            var compilation = CSharpCompilation.Create("Application", [CSharpSyntaxTree.ParseText(code[..length])], EfCoreReferences.FrameworkOnly.Add(domain), EfCoreReferences.CompilationOptions);
            var run = await AnalyzerHarness.RunAsync(compilation, analyzers, cuts % 2 == 0 ? options : null);
            Assert.True(run.Failures.IsEmpty, $"Cut at {length}: {string.Join("\n", run.Failures)}");
        }

        Assert.True(cuts > 50, $"only {cuts} cuts");
    }

    private static readonly AnalyzerOptions NoOptions = new([]);

    /// <summary>TSA0001 at markup 0 for <paramref name="type"/>, whose entities carry <c>TenantId</c>, as a <paramref name="kind"/>.</summary>
    private static DiagnosticResult KeyUnknownAt0(string type, ForeignModelKind kind) =>
        VerifyKey.Diagnostic("TSA0001").WithLocation(0)
            .WithArguments(type, NoTenantEntityAnalyzer.KeyNotTaken("TenantId", kind), NoTenantEntityAnalyzer.CarriedKey("TenantId", kind));

    private static VerifyQueries.Test Queries(Reference reference, (string Name, string Source)[] projects, string? editorConfig, params string[] sources) =>
        Arrange(new VerifyQueries.Test(EfCoreVersion.Ef10), reference, projects, editorConfig, sources);

    private static VerifyKey.Test Key(Reference reference, (string Name, string Source)[] projects, string? editorConfig, params string[] sources) =>
        Arrange(new VerifyKey.Test(EfCoreVersion.Ef10), reference, projects, editorConfig, sources);

    /// <summary><paramref name="sources"/> as a project without EF Core, over <paramref name="projects"/> (each referencing the ones before it).</summary>
    private static TTest Arrange<TTest>(TTest test, Reference reference, (string Name, string Source)[] projects, string? editorConfig, string[] sources)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        VerifierConfiguration.AddSources(test.TestState, sources, editorConfig);
        VerifierConfiguration.WithoutEfCore(test.TestState);
        ForeignProject.Add(test.TestState, reference, EfCoreVersion.Ef10, projects);
        return test;
    }
}
