using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Specifications;

/// <summary>
/// The IDE's edit cycle with specifications declared beside the service that runs them: a query's finding depends on
/// the constructor of the specification it runs, so an edit to that constructor judges the service's bodies again, though
/// their own text did not change; an edit to a constructor no query of the file runs carries them over. (An edit to
/// another file judges the whole file again: only the edited file's own bodies are ever carried.)
/// </summary>
public sealed class SpecificationEditCycleTests
{
    private const string Model = """
        using Ardalis.Specification;

        public class Order
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public bool Open { get; set; }
        }

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public interface IReadRepository<T> : IReadRepositoryBase<T> where T : class { }
        """;

    private const string Service = """
        using Ardalis.Specification;

        public sealed class OrdersOfTenantSpec : Specification<Order>
        {
            public OrdersOfTenantSpec(Guid tenantId)
            {
                Query.Where(o => o.TenantId == tenantId);
            }
        }

        public sealed class UnrelatedSpec : Specification<Order>
        {
            public UnrelatedSpec() => Query.Where(o => o.Open);
        }

        public sealed class OrderService(IReadRepository<Order> orders)
        {
            public Task<List<Order>> Mine(Guid tenantId) => orders.ListAsync(new OrdersOfTenantSpec(tenantId));

            public Task<int> Count(Guid tenantId) => orders.CountAsync(new OrdersOfTenantSpec(tenantId));
        }
        """;

    private const int ServiceIndex = 1;

    [Fact]
    public async Task Editing_a_specifications_constructor_judges_the_queries_that_run_it_again()
    {
        var recorded = await RecordedAsync();
        Assert.Equal(string.Empty, await DiagnosticsAsync(recorded));

        var unscoped = IdeEdits.Edit(recorded, ServiceIndex, Service.Replace("Query.Where(o => o.TenantId == tenantId);", "Query.Where(o => o.Open);"));
        Assert.Equal(0, Carried(unscoped));
        var diagnostics = await DiagnosticsAsync(unscoped);
        Assert.Equal(await DiagnosticsAsync(IdeEdits.Fresh(unscoped, EfCoreVersion.Ef10)), diagnostics);
        Assert.Contains("TSA1001", diagnostics, System.StringComparison.Ordinal);
        Assert.Contains("TSA1002", diagnostics, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_specification_the_service_does_not_run_carries_its_findings()
    {
        var recorded = await RecordedAsync();

        var elsewhere = IdeEdits.Edit(recorded, ServiceIndex, Service.Replace("Query.Where(o => o.Open);", "Query.Where(o => !o.Open);"));

        // Every body but the edited constructor: the other specification's constructor and the service's two methods.
        Assert.Equal(3, Carried(elsewhere));
        Assert.Equal(await DiagnosticsAsync(IdeEdits.Fresh(elsewhere, EfCoreVersion.Ef10)), await DiagnosticsAsync(elsewhere));
    }

    /// <summary>The service after one keystroke, analysed: the second compilation of the same declarations is the one recorded.</summary>
    /// <remarks>A compilation's carried bodies are counted before it is analysed: analysing it records what it judged.</remarks>
    private static async Task<Compilation> RecordedAsync()
    {
        var first = EfCoreReferences.Compile(EfCoreVersion.Ef10, Model, Service).AddReferences(SpecificationLibrary.Core);
        Assert.Empty(first.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        await DiagnosticsAsync(first);
        var recorded = IdeEdits.Edit(first, ServiceIndex, Service + "\n// typed\n");
        await DiagnosticsAsync(recorded);
        return recorded;
    }

    private static int Carried(Compilation compilation) => IdeEdits.CarriedBodies(compilation, ServiceIndex);

    /// <summary>The service's findings, as the IDE asks for them (the open file only).</summary>
    private static async Task<string> DiagnosticsAsync(Compilation compilation)
    {
        var run = await AnalyzerHarness.RunAsync(compilation, [new UnscopedTenantQueryAnalyzer()], document: compilation.SyntaxTrees.ElementAt(ServiceIndex));
        Assert.Empty(run.Failures);
        return string.Join("\n", run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(d => d, System.StringComparer.Ordinal));
    }
}
