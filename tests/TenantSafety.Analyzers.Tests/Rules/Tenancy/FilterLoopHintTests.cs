using System.Threading.Tasks;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyContext = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;
using VerifyQuery = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A loop over the model that builds the entities' query filter from expression trees cannot be read as a tenant filter.
/// TSA0001 names the type to configure (the loop's guard), since setting only the key would report every query that
/// filter scopes; with that one line the key is the type's one property and the queries are scoped.
/// </summary>
public sealed class FilterLoopHintTests
{
    private const string Model = """
        using System.Linq.Expressions;

        public interface IUnitScoped
        {
            Guid UnitId { get; set; }
        }

        public interface IUnitAccessor
        {
            Guid CurrentUnitId { get; }
        }

        public class Robot : IUnitScoped
        {
            public Guid Id { get; set; }
            public Guid UnitId { get; set; }
        }

        public class RunLog : IUnitScoped
        {
            public Guid Id { get; set; }
            public Guid UnitId { get; set; }
            public Guid RobotId { get; set; }
        }

        public static class UnitFilters
        {
            public static void Apply(ModelBuilder modelBuilder, IUnitAccessor units)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IUnitScoped).IsAssignableFrom(t.ClrType)).ToList())
                {
                    var row = Expression.Parameter(entityType.ClrType, "e");
                    var body = Expression.Equal(
                        Expression.Property(row, nameof(IUnitScoped.UnitId)),
                        Expression.Property(Expression.Constant(units), nameof(IUnitAccessor.CurrentUnitId)));
                    entityType.SetQueryFilter(Expression.Lambda(body, row));
                }
            }
        }

        public class {|#0:RobotsDb|}(IUnitAccessor units) : DbContext
        {
            public DbSet<Robot> Robots => Set<Robot>();
            public DbSet<RunLog> RunLogs => Set<RunLog>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Robot>().HasIndex(r => r.UnitId);
                UnitFilters.Apply(modelBuilder, units);
            }
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task TSA0001_names_the_type_the_loop_guards_on(EfCoreVersion ef) =>
        VerifyContext.VerifyAnalyzerAsync(
            Model,
            ef,
            VerifyContext.Diagnostic("TSA0001").WithLocation(0).WithArguments(
                "RobotsDb",
                NoTenantEntityAnalyzer.NoneFound(TSA0001NoTenantEntityTests.LookedForEverything),
                NoTenantEntityAnalyzer.FilterLoop("IUnitScoped", NoTenantEntityAnalyzer.SetTheKeyNaming("UnitId", 2, 2))));

    /// <summary>
    /// A loop that builds a soft-delete filter (a bool or a timestamp every entity carries, <c>IsDeleted</c>,
    /// <c>DeletedAt</c>) names nothing a tenant key could be: the hint would hide every leak of those entities.
    /// </summary>
    [Theory]
    [InlineData("IsDeleted", "bool", EfCoreVersion.Ef8)]
    [InlineData("IsDeleted", "bool", EfCoreVersion.Ef10)]
    [InlineData("DeletedAt", "DateTime?", EfCoreVersion.Ef10)]
    public Task A_soft_delete_loop_gets_no_tenant_types_hint(string property, string type, EfCoreVersion ef) =>
        VerifyContext.VerifyAnalyzerAsync(
            Model
                .Replace("Guid UnitId { get; set; }", type + " " + property + " { get; set; }")
                .Replace("public Guid UnitId { get; set; }", "public " + type + " " + property + " { get; set; }")
                .Replace("nameof(IUnitScoped.UnitId)", "\"" + property + "\"")
                .Replace("modelBuilder.Entity<Robot>().HasIndex(r => r.UnitId);", string.Empty),
            ef,
            VerifyContext.Diagnostic("TSA0001").WithLocation(0).WithArguments("RobotsDb", NoTenantEntityAnalyzer.NoneFound(TSA0001NoTenantEntityTests.LookedForEverything), NoTenantEntityAnalyzer.SetTheKey));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task With_that_line_the_queries_are_scoped(EfCoreVersion ef) =>
        VerifyQuery.VerifyAnalyzerAsync(
            [Model.Replace("{|#0:RobotsDb|}", "RobotsDb") + """
                public class Robots(RobotsDb db)
                {
                    public List<Robot> All() => db.Robots.ToList();

                    public int Logs() => db.RunLogs.Count();

                    public List<Robot> Everyone() => db.Robots.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                }
                """],
            ef,
            "root = true\n\n[*.cs]\ntenant_safety.tenant_types = IUnitScoped\n");
}
