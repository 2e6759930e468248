using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Rules.Specifications;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Queries run through specifications (Ardalis.Specification): a repository of the library runs the entity's rows
/// filtered by what the specification's constructors apply on every path (<c>Query.Where(…)</c>), its base
/// specifications' constructors and the methods they call included. A specification the analysis cannot read is
/// unknown (no finding); a predicate applied only on some paths does not scope.
/// </summary>
public sealed class TSA1001SpecificationTests
{
    private const string Model = """
        using Ardalis.Specification;
        using Ardalis.Specification.EntityFrameworkCore;

        public interface ITenantOwned
        {
            Guid TenantId { get; }
        }

        public class Order : ITenantOwned
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid CustomerId { get; set; }
            public string Status { get; set; } = "";
            public bool Open { get; set; }
        }

        public class OrderLine : ITenantOwned
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid OrderId { get; set; }
        }

        public class Country
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<OrderLine> Lines => Set<OrderLine>();
            public DbSet<Country> Countries => Set<Country>();
        }

        public interface IRepository<T> : IRepositoryBase<T> where T : class { }

        public interface IReadRepository<T> : IReadRepositoryBase<T> where T : class { }

        public class EfRepository<T> : RepositoryBase<T>, IRepository<T>, IReadRepository<T> where T : class { }

        // A tenant's orders: the predicate every scoped specification below relies on.
        public sealed class OrdersOfTenantSpec : Specification<Order>
        {
            public OrdersOfTenantSpec(Guid tenantId) => Query.Where(o => o.TenantId == tenantId);
        }

        public sealed class OrdersByStatusSpec : Specification<Order>
        {
            public OrdersByStatusSpec(string status)
            {
                Query.Where(o => o.Status == status).OrderBy(o => o.Id);
            }
        }

        public sealed class OrderLineOfTenantSpec : SingleResultSpecification<OrderLine>
        {
            public OrderLineOfTenantSpec(Guid tenantId, Guid id)
            {
                Query.Where(l => l.TenantId == tenantId && l.Id == id);
            }
        }

        public sealed class CountriesSpec : Specification<Country>
        {
            public CountriesSpec() => Query.OrderBy(c => c.Name);
        }

        """;

    private const string WithTenantFilter = """
        public class FilteredShopDb(DbContextOptions<FilteredShopDb> options, Guid tenantId) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Order>().HasQueryFilter(o => o.TenantId == tenantId);
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_repository_read_is_scoped_by_the_specifications_tenant_predicate(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class OrderService(IReadRepository<Order> orders, IRepository<OrderLine> lines, EfRepository<Order> concrete)
            {
                public Task<List<Order>> Mine(Guid tenantId) => orders.ListAsync(new OrdersOfTenantSpec(tenantId));

                public Task<Order?> First(Guid tenantId) => orders.FirstOrDefaultAsync(new OrdersOfTenantSpec(tenantId));

                public Task<OrderLine?> Line(Guid tenantId, Guid id) => lines.SingleOrDefaultAsync(new OrderLineOfTenantSpec(tenantId, id));

                public Task<int> Count(Guid tenantId) => orders.CountAsync(new OrdersOfTenantSpec(tenantId));

                public Task<bool> Any(Guid tenantId) => concrete.AnyAsync(new OrdersOfTenantSpec(tenantId));

                public IAsyncEnumerable<Order> Stream(Guid tenantId) => orders.AsAsyncEnumerable(new OrdersOfTenantSpec(tenantId));

                public Task<int> Delete(Guid tenantId) => lines.DeleteRangeAsync(new OrderLineOfTenantSpec(tenantId, Guid.Empty));
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_specification_without_a_tenant_predicate_reads_every_tenants_rows(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class OrderService(IReadRepository<Order> orders, IRepository<Order> writable, EfRepository<Order> concrete)
            {
                public Task<List<Order>> ByStatus(string status) => orders.{|TSA1001:ListAsync(new OrdersByStatusSpec(status))|};

                public Task<Order?> First(string status) => concrete.{|TSA1001:FirstOrDefaultAsync(new OrdersByStatusSpec(status))|};

                public Task<int> Count(string status) => orders.{|TSA1002:CountAsync(new OrdersByStatusSpec(status))|};

                public Task<bool> Any(string status) => orders.{|TSA1002:AnyAsync(new OrdersByStatusSpec(status))|};

                public Task<int> Delete(string status) => writable.{|TSA1003:DeleteRangeAsync(new OrdersByStatusSpec(status))|};
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_repository_call_without_a_specification_reads_the_whole_table(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class OrderService(IReadRepository<Order> orders, IReadRepository<Country> countries)
            {
                public Task<List<Order>> All() => orders.{|TSA1001:ListAsync()|};

                public Task<int> Count() => orders.{|TSA1002:CountAsync()|};

                public Task<bool> Any() => orders.{|TSA1002:AnyAsync()|};

                public Task<Order?> ById(Guid id) => orders.{|TSA1001:GetByIdAsync(id)|};

                // Not a tenant entity.
                public Task<List<Country>> Countries() => countries.ListAsync(new CountriesSpec());

                public Task<List<Country>> AllCountries() => countries.ListAsync();
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_key_lookup_by_a_key_read_from_a_scoped_row_is_scoped(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class OrderService(IReadRepository<Order> orders, IReadRepository<OrderLine> lines)
            {
                public async Task<Order?> OrderOfLine(Guid tenantId, Guid lineId)
                {
                    var line = await lines.FirstOrDefaultAsync(new OrderLineOfTenantSpec(tenantId, lineId));
                    return line is null ? null : await orders.GetByIdAsync(line.OrderId);
                }
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Base_specifications_and_the_methods_a_constructor_calls_apply_their_predicates(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public abstract class TenantSpec<T> : Specification<T> where T : class, ITenantOwned
            {
                protected TenantSpec(Guid tenantId) => Query.Where(x => x.TenantId == tenantId);
            }

            public sealed class OpenOrdersSpec : TenantSpec<Order>
            {
                public OpenOrdersSpec(Guid tenantId) : base(tenantId) => Query.Where(o => o.Open);
            }

            public class TenantOrdersBase : Specification<Order>
            {
                protected void ForTenant(Guid tenantId) => Query.Where(o => o.TenantId == tenantId);
            }

            public sealed class CustomerOrdersSpec : TenantOrdersBase
            {
                public CustomerOrdersSpec(Guid tenantId, Guid customerId)
                {
                    ForTenant(tenantId);
                    Query.Where(o => o.CustomerId == customerId);
                }
            }

            // A sibling constructor runs first.
            public sealed class RecentOrdersSpec : Specification<Order>
            {
                public RecentOrdersSpec(Guid tenantId) : this(tenantId, 10) { }

                public RecentOrdersSpec(Guid tenantId, int take) => Query.Where(o => o.TenantId == tenantId).Take(take);
            }

            // A base specification without a tenant predicate adds none.
            public abstract class OrderedSpec : Specification<Order>
            {
                protected OrderedSpec() => Query.OrderBy(o => o.Id);
            }

            public sealed class OpenOnlySpec : OrderedSpec
            {
                public OpenOnlySpec() => Query.Where(o => o.Open);
            }

            public sealed class OrderService(IReadRepository<Order> orders)
            {
                public Task<List<Order>> Open(Guid tenantId) => orders.ListAsync(new OpenOrdersSpec(tenantId));

                public Task<List<Order>> OfCustomer(Guid tenantId, Guid customerId) => orders.ListAsync(new CustomerOrdersSpec(tenantId, customerId));

                public Task<List<Order>> Recent(Guid tenantId) => orders.ListAsync(new RecentOrdersSpec(tenantId));

                public Task<List<Order>> OpenOnly() => orders.{|TSA1001:ListAsync(new OpenOnlySpec())|};
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_tenant_predicate_applied_only_on_some_paths_does_not_scope(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class MaybeTenantSpec : Specification<Order>
            {
                public MaybeTenantSpec(Guid? tenantId)
                {
                    if (tenantId.HasValue)
                        Query.Where(o => o.TenantId == tenantId.Value);
                }
            }

            public sealed class ConditionalWhereSpec : Specification<Order>
            {
                public ConditionalWhereSpec(Guid tenantId, bool scoped) => Query.Where(o => o.TenantId == tenantId, scoped);
            }

            public sealed class EarlyReturnSpec : Specification<Order>
            {
                public EarlyReturnSpec(Guid tenantId, bool all)
                {
                    if (all)
                    {
                        return;
                    }

                    Query.Where(o => o.TenantId == tenantId);
                }
            }

            // Both branches scope: every path does.
            public sealed class EitherBranchSpec : Specification<Order>
            {
                public EitherBranchSpec(Guid tenantId, string? status)
                {
                    if (status is null)
                        Query.Where(o => o.TenantId == tenantId);
                    else
                        Query.Where(o => o.TenantId == tenantId && o.Status == status);
                }
            }

            // A branch that matches no row reads no tenant's rows.
            public sealed class OrdersByIdsSpec : Specification<Order>
            {
                public OrdersByIdsSpec(Guid tenantId, IReadOnlyCollection<Guid> ids)
                {
                    if (ids.Count == 0)
                        Query.Where(o => false);
                    else
                        Query.Where(o => o.TenantId == tenantId && ids.Contains(o.Id));
                }
            }

            // The condition is the constant true, and a lambda's own return does not leave the constructor.
            public sealed class AlwaysSpec : Specification<Order>
            {
                public AlwaysSpec(Guid tenantId)
                {
                    Func<int, int> twice = x => { return x * 2; };
                    Query.Where(o => o.TenantId == tenantId, true);
                }
            }

            public sealed class OrderService(IReadRepository<Order> orders)
            {
                public Task<List<Order>> Maybe(Guid? tenantId) => orders.{|TSA1001:ListAsync(new MaybeTenantSpec(tenantId))|};

                public Task<List<Order>> Conditional(Guid tenantId, bool scoped) => orders.{|TSA1001:ListAsync(new ConditionalWhereSpec(tenantId, scoped))|};

                public Task<List<Order>> Early(Guid tenantId, bool all) => orders.{|TSA1001:ListAsync(new EarlyReturnSpec(tenantId, all))|};

                public Task<List<Order>> Either(Guid tenantId, string? status) => orders.ListAsync(new EitherBranchSpec(tenantId, status));

                public Task<List<Order>> Always(Guid tenantId) => orders.ListAsync(new AlwaysSpec(tenantId));

                public Task<List<Order>> ByIds(Guid tenantId, Guid[] ids) => orders.ListAsync(new OrdersByIdsSpec(tenantId, ids));
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_specification_kept_in_a_local_or_made_by_a_method_is_followed(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public static class OrderSpecs
            {
                public static OrdersOfTenantSpec OfTenant(Guid tenantId) => new(tenantId);

                public static Specification<Order> ByStatus(string status) => new OrdersByStatusSpec(status);
            }

            public sealed class OrderService(IReadRepository<Order> orders)
            {
                public Task<List<Order>> Local(Guid tenantId)
                {
                    var spec = new OrdersOfTenantSpec(tenantId);
                    return orders.ListAsync(spec);
                }

                // Either specification may run: the weaker counts.
                public Task<List<Order>> Either(Guid tenantId, string? status)
                {
                    Specification<Order> spec = status is null ? new OrdersOfTenantSpec(tenantId) : new OrdersByStatusSpec(status);
                    return orders.{|TSA1001:ListAsync(spec)|};
                }

                public Task<List<Order>> Made(Guid tenantId) => orders.ListAsync(OrderSpecs.OfTenant(tenantId));

                public Task<List<Order>> MadeUnscoped(string status) => orders.{|TSA1001:ListAsync(OrderSpecs.ByStatus(status))|};

                // Handed in: the caller's to know.
                public Task<List<Order>> HandedIn(ISpecification<Order> spec) => orders.ListAsync(spec);
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_specification_applied_to_a_query_scopes_it_as_its_predicates_do(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class OrderQueries(ShopDb db)
            {
                public Task<List<Order>> Mine(Guid tenantId) => db.Orders.WithSpecification(new OrdersOfTenantSpec(tenantId)).ToListAsync();

                public Task<List<Order>> ByStatus(string status) => db.Orders.WithSpecification(new OrdersByStatusSpec(status)).{|TSA1001:ToListAsync()|};

                // A LINQ tenant predicate composed before or after the specification scopes it too.
                public Task<List<Order>> Composed(Guid tenantId, string status) =>
                    db.Orders.Where(o => o.TenantId == tenantId).WithSpecification(new OrdersByStatusSpec(status)).ToListAsync();

                public Task<List<Order>> RunMine(Guid tenantId) => db.Orders.ToListAsync(new OrdersOfTenantSpec(tenantId));

                public Task<List<Order>> RunByStatus(string status) => db.Orders.{|TSA1001:ToListAsync(new OrdersByStatusSpec(status))|};
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_tenant_query_filter_scopes_a_specification_unless_it_switches_filters_off(EfCoreVersion ef) =>
        VerifyAsync(ef, WithTenantFilter + """
            public sealed class AllOrdersSpec : Specification<Order>
            {
                public AllOrdersSpec(bool everyone)
                {
                    if (everyone)
                        Query.IgnoreQueryFilters();
                }
            }

            public sealed class NeverIgnoringSpec : Specification<Order>
            {
                public NeverIgnoringSpec() => Query.IgnoreQueryFilters(false).Where(o => o.Open);
            }

            public sealed class OrderService(IReadRepository<Order> orders)
            {
                public Task<List<Order>> Filtered(string status) => orders.ListAsync(new OrdersByStatusSpec(status));

                public Task<List<Order>> All() => orders.ListAsync();

                public Task<List<Order>> Everyone(bool everyone) => orders.{|TSA1005:ListAsync(new AllOrdersSpec(everyone))|};

                public Task<List<Order>> Never() => orders.ListAsync(new NeverIgnoringSpec());
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_projecting_specification_is_judged_by_its_predicates(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class OrderIdsSpec : Specification<Order, Guid>
            {
                public OrderIdsSpec(Guid tenantId)
                {
                    Query.Where(o => o.TenantId == tenantId);
                    Query.Select(o => o.Id);
                }
            }

            public sealed class StatusesSpec : Specification<Order, string>
            {
                public StatusesSpec() => Query.Select(o => o.Status);
            }

            public sealed class OrderService(IReadRepository<Order> orders)
            {
                public Task<List<Guid>> Ids(Guid tenantId) => orders.ListAsync(new OrderIdsSpec(tenantId));

                public Task<List<string>> Statuses() => orders.{|TSA1001:ListAsync(new StatusesSpec())|};
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Another_specifications_builder_does_not_scope_this_one(EfCoreVersion ef) =>
        VerifyAsync(ef, """
            public sealed class BorrowingSpec : Specification<Order>
            {
                public BorrowingSpec(Guid tenantId, Specification<Order> other)
                {
                    other.Query.Where(o => o.TenantId == tenantId);
                    Query.Where(o => o.Open);
                }
            }

            public sealed class OrderService(IReadRepository<Order> orders)
            {
                public Task<List<Order>> Borrowing(Guid tenantId) => orders.{|TSA1001:ListAsync(new BorrowingSpec(tenantId, new Specification<Order>()))|};
            }
            """);

    private static Task VerifyAsync(EfCoreVersion ef, string source)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(Model + source);
        SpecificationLibrary.AddTo(test.TestState);
        return test.RunAsync();
    }
}
