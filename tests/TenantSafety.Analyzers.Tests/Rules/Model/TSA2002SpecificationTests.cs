using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Rules.Specifications;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using FixVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2002 on queries run through specifications (Ardalis.Specification): the filters and ordering a specification's
/// constructors write (<c>Query.Where(…).OrderBy(…)</c>, its base specifications' constructors and the methods they call
/// included) are the query's, as if written in LINQ where the specification is run, by a repository
/// (<c>ListAsync(spec)</c>, <c>CountAsync(spec)</c>), by <c>set.ToListAsync(spec)</c> or by <c>WithSpecification(spec)</c>
/// followed by more operators. Branches of a constructor that replace each other give a shape each.
/// </summary>
public sealed class TSA2002SpecificationTests
{
    private const string HotOrders = "root = true\n[*.cs]\ntenant_safety.hot_entities = orders\n";

    private const string TenantKeyIndex = "modelBuilder.Entity<Order>().HasIndex(o => o.TenantId);";

    /// <summary>A hot <c>Order</c> indexed by <paramref name="indexes"/>, its repository, and the specifications the cases run.</summary>
    private static string Model(string indexes) => $$"""
        using Ardalis.Specification;
        using Ardalis.Specification.EntityFrameworkCore;

        public class Order
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Status { get; set; } = "";
            public int Priority { get; set; }
            public DateTime CreatedAt { get; set; }
        }

        public partial class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                {{indexes}}
            }
        }

        public interface IRepository<T> : IRepositoryBase<T> where T : class { }

        public class EfRepository<T> : RepositoryBase<T>, IRepository<T> where T : class { }

        public class OfTenantSpec : Specification<Order>
        {
            public OfTenantSpec(Guid tenantId) => Query.Where(o => o.TenantId == tenantId);
        }

        public sealed class ByStatusSpec : Specification<Order>
        {
            public ByStatusSpec(Guid tenantId, string status) => Query.Where(o => o.TenantId == tenantId && o.Status == status);
        }

        public sealed class ByStatusInTwoStatementsSpec : Specification<Order>
        {
            public ByStatusInTwoStatementsSpec(Guid tenantId, string status)
            {
                Query.Where(o => o.TenantId == tenantId);
                Query.Where(o => o.Status == status);
            }
        }

        public sealed class ByStatusOverTenantSpec : OfTenantSpec
        {
            public ByStatusOverTenantSpec(Guid tenantId, string status) : base(tenantId) => Query.Where(o => o.Status == status);
        }

        public sealed class ByStatusThroughMethodSpec : Specification<Order>
        {
            public ByStatusThroughMethodSpec(Guid tenantId, string status)
            {
                ForTenant(tenantId);
                Query.Where(o => o.Status == status);
            }

            private void ForTenant(Guid tenantId) => Query.Where(o => o.TenantId == tenantId);
        }

        public sealed class QueueSpec : Specification<Order>
        {
            public QueueSpec(Guid tenantId)
            {
                Query.Where(o => o.TenantId == tenantId).OrderByDescending(o => o.Priority).ThenBy(o => o.CreatedAt);
            }
        }

        public sealed class StatusOrRecentSpec : Specification<Order>
        {
            public StatusOrRecentSpec(Guid tenantId, string? status)
            {
                Query.Where(o => o.TenantId == tenantId);
                if (status is not null)
                {
                    Query.Where(o => o.Status == status);
                }
                else
                {
                    Query.OrderBy(o => o.CreatedAt);
                }
            }
        }

        public sealed class OptionalStatusSpec : Specification<Order>
        {
            public OptionalStatusSpec(Guid tenantId, string? status)
            {
                Query.Where(o => o.TenantId == tenantId)
                    .Where(o => o.Status == status, status is not null);
            }
        }

        public sealed class EarlyReturnSpec : Specification<Order>
        {
            public EarlyReturnSpec(Guid tenantId, string? status)
            {
                Query.Where(o => o.TenantId == tenantId);
                if (status is null)
                {
                    Query.OrderBy(o => o.CreatedAt);
                    return;
                }

                Query.Where(o => o.Status == status);
            }
        }

        public sealed class OrderByIdSpec : SingleResultSpecification<Order>
        {
            public OrderByIdSpec(Guid tenantId, Guid id) => Query.Where(o => o.TenantId == tenantId && o.Id == id);
        }

        public sealed class AnyTenantByStatusSpec : Specification<Order>
        {
            public AnyTenantByStatusSpec(string status) => Query.Where(o => o.Status == status);
        }

        """;

    /// <summary>A service whose members are <paramref name="members"/>, over the model with only a tenant-key index.</summary>
    private static string Service(string members) => $$"""
        public sealed class Orders(IRepository<Order> repository, ShopDb db, Guid tenantId)
        {
        {{members}}
        }
        """;

    public static TheoryData<string, EfCoreVersion> MissingStatusIndex => RuleSources.WithEachEf(
        // The same filter in LINQ, for comparison.
        Service("    public List<Order> Run(string s) => db.Orders.Where(o => o.TenantId == tenantId && o.Status == s).{|TSA2002:ToList()|};"),
        Service("    public Task<List<Order>> Run(string s) => repository.{|TSA2002:ListAsync(new ByStatusSpec(tenantId, s))|};"),
        Service("    public Task<List<Order>> Run(string s) => repository.{|TSA2002:ListAsync(new ByStatusInTwoStatementsSpec(tenantId, s))|};"),
        Service("    public Task<List<Order>> Run(string s) => repository.{|TSA2002:ListAsync(new ByStatusOverTenantSpec(tenantId, s))|};"),
        Service("    public Task<List<Order>> Run(string s) => repository.{|TSA2002:ListAsync(new ByStatusThroughMethodSpec(tenantId, s))|};"),
        Service("    public Task<List<Order>> Run(string s) => repository.{|TSA2002:ListAsync(new OptionalStatusSpec(tenantId, s))|};"),
        Service("    public Task<int> Run(string s) => repository.{|TSA2002:CountAsync(new ByStatusSpec(tenantId, s))|};"),
        Service("    public Task<bool> Run(string s) => repository.{|TSA2002:AnyAsync(new ByStatusSpec(tenantId, s))|};"),
        Service("    public Task<Order?> Run(string s) => repository.{|TSA2002:FirstOrDefaultAsync(new ByStatusSpec(tenantId, s))|};"),
        Service("    public Task<List<Order>> Run(string s) => db.Orders.{|TSA2002:ToListAsync(new ByStatusSpec(tenantId, s))|};"),
        Service("    public Task<List<Order>> Run(string s) => db.Orders.WithSpecification(new ByStatusSpec(tenantId, s)).{|TSA2002:ToListAsync()|};"),
        Service("    public int Run(string s) => db.Orders.WithSpecification(new OfTenantSpec(tenantId)).Where(o => o.Status == s).{|TSA2002:Count()|};"),
        Service("    public Task<List<Order>> Run(string s)\n    {\n        var spec = new ByStatusSpec(tenantId, s);\n        return repository.{|TSA2002:ListAsync(spec)|};\n    }"),
        Service("    public Task<List<Order>> Run(string s, bool open) => repository.{|TSA2002:ListAsync(open ? new ByStatusSpec(tenantId, s) : new ByStatusSpec(tenantId, \"open\"))|};"));

    [Theory]
    [MemberData(nameof(MissingStatusIndex))]
    public async Task A_specification_filtering_by_a_column_asks_for_the_tenant_key_and_that_column(string source, EfCoreVersion ef)
    {
        await VerifyAsync(ef, TenantKeyIndex, source);
    }

    public static TheoryData<string, EfCoreVersion> Served => RuleSources.WithEachEf(
        // The index the shape asks for.
        Service("    public Task<List<Order>> Run(string s) => repository.ListAsync(new ByStatusSpec(tenantId, s));"),
        Service("    public Task<List<Order>> Run(string s) => repository.ListAsync(new ByStatusOverTenantSpec(tenantId, s));"),
        Service("    public Task<int> Run(string s) => db.Orders.WithSpecification(new ByStatusThroughMethodSpec(tenantId, s)).CountAsync();"));

    [Theory]
    [MemberData(nameof(Served))]
    public async Task A_specification_served_by_an_index_is_not_reported(string source, EfCoreVersion ef)
    {
        await VerifyAsync(ef, "modelBuilder.Entity<Order>().HasIndex(o => new { o.TenantId, o.Status });", source);
    }

    public static TheoryData<string, EfCoreVersion> NotAsked => RuleSources.WithEachEf(
        // Only the tenant key: TSA2001's concern, and the index exists.
        Service("    public Task<List<Order>> Run() => repository.ListAsync(new OfTenantSpec(tenantId));"),

        // A key lookup: the primary key's index finds the row.
        Service("    public Task<Order?> Run(Guid id) => repository.FirstOrDefaultAsync(new OrderByIdSpec(tenantId, id));"),

        // Not scoped to a tenant: TSA1001's concern, not an index's.
        Service("    public Task<List<Order>> Run(string s) => repository.ListAsync(new AnyTenantByStatusSpec(s));"),

        // A specification handed in: its constructor cannot be told, so neither can the shape.
        Service("    public Task<List<Order>> Run(ISpecification<Order> spec) => repository.ListAsync(spec);"),

        // A repository read without a specification.
        Service("    public Task<List<Order>> Run() => repository.ListAsync();"));

    [Theory]
    [MemberData(nameof(NotAsked))]
    public async Task A_specification_that_asks_nothing_of_a_composite_index_is_not_reported(string source, EfCoreVersion ef)
    {
        await VerifyAsync(ef, TenantKeyIndex, source);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_specifications_ordering_follows_its_filters_with_its_directions(EfCoreVersion ef)
    {
        var source = Service("    public Task<List<Order>> Run() => repository.{|#0:ListAsync(new QueueSpec(tenantId))|};");
        await VerifyAsync(
            ef,
            TenantKeyIndex,
            source,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Order", "TenantId, Priority DESC, CreatedAt", "Orders").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_ordering_written_after_WithSpecification_replaces_the_specifications(EfCoreVersion ef)
    {
        var source = Service("    public List<Order> Run() => db.Orders.WithSpecification(new QueueSpec(tenantId)).OrderBy(o => o.Status).{|#0:ToList()|};");
        await VerifyAsync(
            ef,
            TenantKeyIndex,
            source,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Order", "TenantId, Status", "Orders").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Branches_of_a_constructor_that_replace_each_other_give_a_shape_each(EfCoreVersion ef)
    {
        // (TenantId, Status) exists; the else branch's (TenantId, CreatedAt) does not; no path has both.
        var source = Service("    public Task<List<Order>> Run(string? s) => repository.{|#0:ListAsync(new StatusOrRecentSpec(tenantId, s))|};");
        await VerifyAsync(
            ef,
            "modelBuilder.Entity<Order>().HasIndex(o => new { o.TenantId, o.Status });",
            source,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Order", "TenantId, CreatedAt", "Orders").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Statements_after_a_return_are_not_on_the_path_that_returns(EfCoreVersion ef)
    {
        // Paths: (TenantId) ordered by CreatedAt, which returns; (TenantId, Status). Both indexes exist, and no path needs
        // (TenantId, Status, CreatedAt).
        var source = Service("    public Task<List<Order>> Run(string? s) => repository.ListAsync(new EarlyReturnSpec(tenantId, s));");
        await VerifyAsync(
            ef,
            "modelBuilder.Entity<Order>().HasIndex(o => new { o.TenantId, o.Status });\n        modelBuilder.Entity<Order>().HasIndex(o => new { o.TenantId, o.CreatedAt });",
            source);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_tenant_filter_the_query_keeps_puts_the_tenant_key_first(EfCoreVersion ef)
    {
        // No tenant predicate in the specification: the context's query filter scopes it.
        var filter = "modelBuilder.Entity<Order>().HasIndex(o => o.TenantId);\n        modelBuilder.Entity<Order>().HasQueryFilter(o => o.TenantId == CurrentTenant);";
        var source = """
            public partial class ShopDb
            {
                public Guid CurrentTenant { get; set; }
            }

            """ + Service("    public Task<List<Order>> Run(string s) => repository.{|#0:ListAsync(new AnyTenantByStatusSpec(s))|};");
        await VerifyAsync(
            ef,
            filter,
            source,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Order", "TenantId, Status", "Orders").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_fix_widens_the_tenant_key_index_into_the_shape_the_specification_asks_for(EfCoreVersion ef)
    {
        var source = Model(TenantKeyIndex) + Service("    public Task<List<Order>> Run(string s) => repository.{|TSA2002:ListAsync(new ByStatusThroughMethodSpec(tenantId, s))|};");
        var fixedSource = Model("modelBuilder.Entity<Order>().HasIndex(o => new { o.TenantId, o.Status });")
            + Service("    public Task<List<Order>> Run(string s) => repository.ListAsync(new ByStatusThroughMethodSpec(tenantId, s));");
        var test = new FixVerify.Test(ef);
        VerifierConfiguration.AddSources(test.TestState, [source], HotOrders);
        VerifierConfiguration.AddSources(test.FixedState, [fixedSource], HotOrders);
        SpecificationLibrary.AddTo(test.TestState);

        // The fixed state inherits the references (the core package among them), not the sources.
        test.FixedState.Sources.Add(("/ArdalisSpecificationEntityFrameworkCore.cs", SpecificationLibrary.EfCorePackageStandIn));
        await test.RunAsync();
    }

    private static Task VerifyAsync(EfCoreVersion ef, string indexes, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(ef);
        VerifierConfiguration.AddSources(test.TestState, [Model(indexes) + source], HotOrders);
        SpecificationLibrary.AddTo(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
