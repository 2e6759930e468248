using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A loop over the model that gives every entity deriving from a base class a query filter built from expression trees
/// (<c>modelBuilder.Entity(t.ClrType).HasQueryFilter(CreateFilter(t.ClrType))</c>, <c>Expression.Equal(Expression.Property(e,
/// "TenantId"), …)</c>): the tree is read, so the entities it reaches are filtered by their key. Until it was read, every
/// query of a construction ERP keyed by a conventional TenantId was reported (667 findings at zero config, all false).
/// Not read as a tenant filter: a comparison under <c>OrElse</c>, with a constant or a value fixed when the model is built
/// (only a member of the context, <c>Expression.Constant(this)</c>, is the current tenant), a soft-delete filter alone, an
/// entity the loop's guard skips, a filter set after the loop.
/// </summary>
public sealed class ExpressionTreeFilterTests
{
    /// <param name="tenantCondition">What the filter's tenant part is, given <c>e</c> and the context's current tenant <c>tenant</c>.</param>
    /// <param name="members">The service's members, the queries judged.</param>
    /// <param name="afterLoop">Statements of <c>OnModelCreating</c> after the loop.</param>
    /// <param name="setter">The statement in the loop that sets the filter.</param>
    private static string Source(string tenantCondition, string members, string afterLoop = "", string setter = "modelBuilder.Entity(entityType.ClrType).HasQueryFilter(CreateFilter(entityType.ClrType));") => $$"""
        using System.Linq.Expressions;

        public interface ITenantContext { Guid TenantId { get; } }

        public abstract class BaseEntity
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public bool IsDeleted { get; set; }
        }

        public class Project : BaseEntity { public string Name { get; set; } = ""; }

        public class Setting { public Guid Id { get; set; } public Guid TenantId { get; set; } public string Key { get; set; } = ""; }

        public class ErpDb(DbContextOptions<ErpDb> options, ITenantContext tenantContext) : DbContext(options)
        {
            private readonly ITenantContext _tenantContext = tenantContext;

            public DbSet<Project> Projects => Set<Project>();
            public DbSet<Setting> Settings => Set<Setting>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(BaseEntity).IsAssignableFrom(entityType.ClrType))
                    {
                        {{setter}}
                        modelBuilder.Entity(entityType.ClrType).HasIndex("TenantId");
                    }
                }

                modelBuilder.Entity<Setting>().HasIndex(s => s.TenantId);
                {{afterLoop}}
            }

            private LambdaExpression CreateFilter(Type entityType)
            {
                var e = Expression.Parameter(entityType, "e");
                var notDeleted = Expression.Equal(Expression.Property(e, nameof(BaseEntity.IsDeleted)), Expression.Constant(false));
                var tenant = Expression.Property(Expression.Field(Expression.Constant(this), nameof(_tenantContext)), nameof(ITenantContext.TenantId));
                var condition = {{tenantCondition}};
                return Expression.Lambda(Expression.AndAlso(notDeleted, condition), e);
            }
        }

        public class ProjectService(ErpDb db)
        {
            {{members}}
        }
        """;

    private const string TenantEquals = "Expression.Equal(Expression.Property(e, nameof(BaseEntity.TenantId)), tenant)";

    public static TheoryData<string, EfCoreVersion> Conditions => RuleSources.WithEachEf(
        TenantEquals,
        "Expression.Equal(tenant, Expression.Property(e, \"TenantId\"))",
        "Expression.AndAlso(Expression.Equal(Expression.Property(e, \"TenantId\"), tenant), Expression.Not(Expression.Property(e, \"IsDeleted\")))");

    [Theory]
    [MemberData(nameof(Conditions))]
    public Task The_entities_the_loop_reaches_are_filtered_by_their_key(string condition, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(condition, """
                public Project? Get(Guid id) => db.Projects.FirstOrDefault(p => p.Id == id);
                public int Count() => db.Projects.Count();
                // The guard skips Setting: no filter of the loop's.
                public List<Setting> Settings() => db.Settings.{|TSA1001:ToList()|};
                """),
            ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task The_entity_types_own_setter_reads_the_same(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(TenantEquals, "public Project? Get(Guid id) => db.Projects.FirstOrDefault(p => p.Id == id);", setter: "entityType.SetQueryFilter(CreateFilter(entityType.ClrType));"),
            ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_key_no_convention_knows_is_inferred_from_the_tree(EfCoreVersion ef) =>
        // UnitId is taken from the filter the tree builds, as from a lambda's: Setting, which carries it unfiltered, leaks.
        Verify.VerifyAnalyzerAsync(
            Source(TenantEquals, """
                public Project? Get(Guid id) => db.Projects.FirstOrDefault(p => p.Id == id);
                public List<Setting> Settings() => {|#1:db.Settings|}.{|#0:ToList()|};
                """).Replace("TenantId", "UnitId", System.StringComparison.Ordinal),
            ef,
            Verify.Diagnostic("TSA1001").WithLocation(0).WithLocation(1).WithArguments("Setting", "UnitId", "ToList", "unit", "", RuleDescriptors.ReadsEveryRow("unit")));

    /// <summary>Trees that do not keep the rows to one tenant, or a filter of no tenant key set after the loop, which replaces its filter.</summary>
    public static TheoryData<string, string, EfCoreVersion> NotScoping
    {
        get
        {
            var data = new TheoryData<string, string, EfCoreVersion>();
            foreach (var ef in new[] { EfCoreVersion.Ef8, EfCoreVersion.Ef10 })
            {
                data.Add("Expression.OrElse(" + TenantEquals + ", Expression.Property(e, nameof(BaseEntity.IsDeleted)))", "", ef);
                data.Add("Expression.Equal(Expression.Property(e, nameof(BaseEntity.TenantId)), Expression.Constant(Guid.Empty))", "", ef);

                // A value put in the tree when the model is built: the first context's tenant, for every later context.
                data.Add("Expression.Equal(Expression.Property(e, nameof(BaseEntity.TenantId)), Expression.Constant(_tenantContext.TenantId))", "", ef);
                data.Add("Expression.Equal(Expression.Property(e, nameof(BaseEntity.TenantId)), Expression.Property(Expression.Constant(_tenantContext), nameof(ITenantContext.TenantId)))", "", ef);
                data.Add("Expression.Not(Expression.Property(e, nameof(BaseEntity.IsDeleted)))", "", ef);
                data.Add(TenantEquals, "modelBuilder.Entity<Project>().HasQueryFilter(p => !p.IsDeleted);", ef);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(NotScoping))]
    public Task A_tree_that_does_not_keep_rows_to_one_tenant_leaves_the_queries_reported(string condition, string afterLoop, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(condition, "public Project? Get(Guid id) => db.Projects.{|TSA1001:FirstOrDefault(p => p.Id == id)|};", afterLoop),
            ef);
}
