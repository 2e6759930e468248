using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyKey = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;
using VerifyQueries = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Specifications;

/// <summary>
/// A Clean Architecture Application layer that queries only through Ardalis.Specification's repositories, over the
/// entities of its Domain project, with no DbContext it can see (with or without a reference to EF Core). Without a
/// tenant key TSA0001 says so where it first names a repository, as for any store of another project: the context's
/// query filters cannot be read here, so the key is not inferred from the <c>TenantId</c> its entities carry. With the
/// key configured, every specification call is judged.
/// </summary>
public sealed class SpecificationProjectTests
{
    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n";

    private const string Domain = """
        namespace Shop.Domain;

        public class Order
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Status { get; set; } = "";
        }

        public class Country
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    private const string Repositories = """
        using Ardalis.Specification;

        namespace Shop.Application;

        public interface IReadRepository<T> : IReadRepositoryBase<T> where T : class { }

        public interface IRepository<T> : IRepositoryBase<T> where T : class { }
        """;

    private const string Specifications = """
        using Ardalis.Specification;
        using Shop.Domain;

        namespace Shop.Application;

        public sealed class OrdersOfTenantSpec : Specification<Order>
        {
            public OrdersOfTenantSpec(Guid tenantId) => Query.Where(o => o.TenantId == tenantId);
        }

        public sealed class OrdersByStatusSpec : Specification<Order>
        {
            public OrdersByStatusSpec(string status) => Query.Where(o => o.Status == status);
        }
        """;

    public static TheoryData<Reference, bool> Setups()
    {
        var data = new TheoryData<Reference, bool>();
        foreach (var reference in new[] { Reference.BuiltAssembly, Reference.SolutionProject })
        {
            data.Add(reference, false);
            data.Add(reference, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Without_a_key_the_first_repository_named_is_reported(Reference reference, bool referencesEfCore)
    {
        var test = Arrange(new VerifyKey.Test(EfCoreVersion.Ef10), reference, referencesEfCore, editorConfig: null, """
            using Shop.Application;
            using Shop.Domain;

            public sealed class OrderHandler({|#0:IReadRepository<Order>|} orders, IRepository<Order> writable)
            {
                public Task<List<Order>> ByStatus(string status) => orders.ListAsync(new OrdersByStatusSpec(status));
            }
            """);
        test.ExpectedDiagnostics.Add(VerifyKey.Diagnostic("TSA0001").WithLocation(0).WithArguments(
            "IReadRepository", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.SpecificationRepository), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.SpecificationRepository)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public Task Repositories_named_only_in_interfaces_are_not_reported(Reference reference, bool referencesEfCore) =>
        Arrange(new VerifyKey.Test(EfCoreVersion.Ef10), reference, referencesEfCore, editorConfig: null, """
            using Shop.Application;
            using Shop.Domain;

            public interface IShopRepositories
            {
                IReadRepository<Order> Orders { get; }
            }
            """).RunAsync();

    [Theory]
    [MemberData(nameof(Setups))]
    public Task With_the_key_configured_every_specification_call_is_judged(Reference reference, bool referencesEfCore) =>
        Arrange(new VerifyQueries.Test(EfCoreVersion.Ef10), reference, referencesEfCore, Configured, """
            using Shop.Application;
            using Shop.Domain;

            public sealed class OrderHandler(IReadRepository<Order> orders, IReadRepository<Country> countries)
            {
                public Task<List<Order>> Mine(Guid tenantId) => orders.ListAsync(new OrdersOfTenantSpec(tenantId));

                public Task<List<Order>> ByStatus(string status) => orders.{|TSA1001:ListAsync(new OrdersByStatusSpec(status))|};

                public Task<int> Count() => orders.{|TSA1002:CountAsync()|};

                public Task<List<Country>> Countries() => countries.ListAsync();
            }
            """).RunAsync();

    /// <summary>The Application layer (repositories, specifications, <paramref name="source"/>) over the Domain project, with or without EF Core.</summary>
    private static TTest Arrange<TTest>(TTest test, Reference reference, bool referencesEfCore, string? editorConfig, string source)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        VerifierConfiguration.AddSources(test.TestState, [Repositories, Specifications, source], editorConfig);
        if (!referencesEfCore)
        {
            VerifierConfiguration.WithoutEfCore(test.TestState);
        }

        test.TestState.AdditionalReferences.Add(SpecificationLibrary.Core);
        ForeignProject.Add(test.TestState, reference, EfCoreVersion.Ef10, [("Shop.Domain", Domain)]);
        return test;
    }
}
