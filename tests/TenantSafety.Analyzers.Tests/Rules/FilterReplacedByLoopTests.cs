using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A loop over <c>modelBuilder.Model.GetEntityTypes()</c> that sets a filter built at run time
/// (<c>entityType.SetQueryFilter(…)</c>, <c>modelBuilder.Entity(t.ClrType).HasQueryFilter(…)</c>) replaces the unnamed
/// filter of every entity it reaches: a tenant filter set before it by <c>HasQueryFilter</c> is gone, and Invoice's
/// queries leak. Kept: the loop runs first, its guards skip the entity, it combines the filter it replaces
/// (<c>GetQueryFilter()</c>), it names the tenant key (it may rebuild the tenant filter), or a guard is not a type test.
/// TSA1007's message and fix for the same loops are tested with the rule.
/// </summary>
public sealed class FilterReplacedByLoopTests
{
    private const string Tenant = "modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == CurrentTeamId);";

    private const string SoftDeleteLoop = """
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
                    {
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, nameof(ISoftDeletable.IsDeleted))), e));
                    }
                }
        """;

    private const string Helpers = """
        public static class SoftDeleteFilters
        {
            public static void ApplySoftDeleteFilters(this ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    var filter = typeof(SoftDeleteFilters)
                        .GetMethod(nameof(CreateFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(entityType.ClrType)
                        .Invoke(null, null);
                    entityType.SetQueryFilter((LambdaExpression?)filter);
                }
            }

            public static void ApplyTenantFilters(this ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    var filter = typeof(SoftDeleteFilters).GetMethod("CreateTenantFilter")!.MakeGenericMethod(entityType.ClrType).Invoke(null, null);
                    entityType.SetQueryFilter((LambdaExpression?)filter);
                }
            }

            private static Expression<Func<TEntity, bool>>? CreateFilter<TEntity>() where TEntity : class =>
                typeof(ISoftDeletable).IsAssignableFrom(typeof(TEntity)) ? e => !EF.Property<bool>(e, "IsDeleted") : null;

            public static Expression<Func<TEntity, bool>>? CreateTenantFilter<TEntity>() where TEntity : class =>
                e => EF.Property<Guid>(e, "TeamId") == Tenancy.CurrentTeamId;
        }
        """;

    // Methods a loop hands the entity type to: the filter is set in them.
    private const string EntityTypeHelpers = """
        public static class EntityTypeFilters
        {
            public static void AddSoftDeleteFilter(this Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
            {
                var e = Expression.Parameter(entityType.ClrType, "e");
                entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
            }

            public static void Apply(Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType) =>
                entityType.SetQueryFilter(NotDeleted(entityType.ClrType));

            private static LambdaExpression NotDeleted(Type type)
            {
                var e = Expression.Parameter(type, "e");
                return Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e);
            }

            public static void AddWhenDeletable(this Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
            {
                if (entityType.FindProperty("IsDeleted") is null)
                {
                    return;
                }

                var e = Expression.Parameter(entityType.ClrType, "e");
                entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
            }

            public static void AddIfDeletable(this Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
            {
                var e = Expression.Parameter(entityType.ClrType, "e");
                if (entityType.FindProperty("IsDeleted") is not null)
                {
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                }
            }

            public static void AddCombined(this Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
            {
                var e = Expression.Parameter(entityType.ClrType, "e");
                Expression body = Expression.Not(Expression.Property(e, "IsDeleted"));
                var existing = entityType.GetQueryFilter();
                entityType.SetQueryFilter(Expression.Lambda(existing is null ? body : Expression.AndAlso(ReplacingExpressionVisitor.Replace(existing.Parameters[0], e, existing.Body), body), e));
            }
        }
        """;

    public static TheoryData<string, string, EfCoreVersion> Replaced => RuleSources.WithEachEf(
        // The classic soft-delete loop at the end of OnModelCreating, after the tenant filter.
        (Tenant + "\n        " + SoftDeleteLoop, ""),
        // Guards written as continue, as a Where on the model's entity types, through a local, negated, with IsAssignableTo.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (!typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType)) continue;
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                }
        """, ""),
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => t.ClrType.IsAssignableTo(typeof(ISoftDeletable))))
                {
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                }
        """, ""),
        (Tenant + """

                var deletable = modelBuilder.Model.GetEntityTypes().Where(t => typeof(ISoftDeletable).IsAssignableFrom(t.ClrType)).ToList();
                foreach (var entityType in deletable)
                {
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                }
        """, ""),
        // A property looked up by name: EF Core's metadata or reflection, a constant or nameof, is null or == null.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (entityType.FindProperty(\"IsDeleted\") is not null)", System.StringComparison.Ordinal), ""),
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (entityType.ClrType.GetProperty(nameof(ISoftDeletable.IsDeleted)) == null) continue;
                    if (entityType.FindProperty("IsArchived") is null)
                    {
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                }
        """, ""),
        // Tests every entity with a filter of its own passes: the root of its hierarchy, a CLR type, not owned.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType) && entityType.BaseType == null)", System.StringComparison.Ordinal), ""),
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (entityType.BaseType is not null || entityType.IsOwned()) continue;
                    if (entityType.ClrType != null && typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
                    {
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                }
        """, ""),
        // The property looked up into a local first.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    var isDeleted = entityType.FindProperty(nameof(ISoftDeletable.IsDeleted));
                    if (isDeleted == null) continue;
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, isDeleted.PropertyInfo!)), e));
                }
        """, ""),
        // A guard inside the type test's block, read like one before it.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))
                    {
                        if (!typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType)) continue;
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                }
        """, ""),
        // List<T>.ForEach with a lambda, an early return as the guard.
        (Tenant + """

                modelBuilder.Model.GetEntityTypes().ToList().ForEach(entityType =>
                {
                    if (!typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType)) return;
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                });
        """, ""),
        // The non-generic builder of the entity type.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
                    {
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        modelBuilder.Entity(entityType.ClrType).HasQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                }
        """, ""),
        // A filter built by a generic method named with nameof, for every entity (null where it has none: also no tenant filter).
        (Tenant + "\n        modelBuilder.ApplySoftDeleteFilters();", Helpers),
        // The tenant filter in a configuration class applied from the assembly, the loop after it.
        ("modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppContext).Assembly);\n        " + SoftDeleteLoop, """
            public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
            {
                public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder) =>
                    builder.HasQueryFilter(i => i.TeamId == Tenancy.CurrentTeamId);
            }
            """),
        // The loop hands the entity type to a method that sets the filter.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
                    {
                        entityType.AddSoftDeleteFilter();
                    }
                }
        """, EntityTypeHelpers),
        (Tenant + """

                modelBuilder.Model.GetEntityTypes().Where(t => typeof(ISoftDeletable).IsAssignableFrom(t.ClrType)).ToList().ForEach(t => EntityTypeFilters.Apply(t));
        """, EntityTypeHelpers),
        // The tenant filter in the base context, the loop in the derived one after base.OnModelCreating.
        ("base.OnModelCreating(modelBuilder);\n        " + SoftDeleteLoop,
            "public abstract class BaseContext : DbContext { public Guid CurrentTeamId { get; set; } protected override void OnModelCreating(ModelBuilder modelBuilder) { " + Tenant + " } }"));

    public static TheoryData<string, string, EfCoreVersion> Kept => RuleSources.WithEachEf(
        // The loop runs first; the tenant filter after it replaces the loop's.
        (SoftDeleteLoop + "\n        " + Tenant, ""),
        ("modelBuilder.ApplySoftDeleteFilters();\n        " + Tenant, Helpers),
        // Its guards skip Invoice.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("ISoftDeletable).IsAssignableFrom", "IArchivable).IsAssignableFrom", System.StringComparison.Ordinal), ""),
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable)", "if (!typeof(ITeamOwned)", System.StringComparison.Ordinal), ""),
        // It combines the filter it replaces.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (!typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType)) continue;
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    Expression body = Expression.Not(Expression.Property(e, "IsDeleted"));
                    if (entityType.GetQueryFilter() is { } existing)
                    {
                        body = Expression.AndAlso(ReplacingExpressionVisitor.Replace(existing.Parameters[0], e, existing.Body), body);
                    }

                    entityType.SetQueryFilter(Expression.Lambda(body, e));
                }
        """, ""),
        // It names the tenant key: it may build the tenant filter again (here it does, in the method it runs).
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (!typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType)) continue;
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    var team = Expression.Equal(Expression.Property(e, nameof(ITeamOwned.TeamId)), Expression.Constant(Tenancy.CurrentTeamId));
                    entityType.SetQueryFilter(Expression.Lambda(team, e));
                }
        """, ""),
        (Tenant + "\n        modelBuilder.ApplyTenantFilters();", Helpers),
        // A property guard Invoice does not pass.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (entityType.FindProperty(\"IsArchived\") is not null)", System.StringComparison.Ordinal), ""),
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (entityType.ClrType.GetProperty(nameof(Invoice.IsDeleted)) == null)", System.StringComparison.Ordinal), ""),
        // The local holding the property looked up is assigned again: what it holds when tested is not read.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    var property = entityType.FindProperty("IsDeleted");
                    property = entityType.FindProperty("IsArchived");
                    if (property is null) continue;
                    var e = Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                }
        """, ""),
        // A guard inside the type test's block may skip Invoice.
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
                    {
                        if (entityType.GetTableName() == "invoices") continue;
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                }
        """, ""),
        (Tenant + """

                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))
                    {
                        if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType)) continue;
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                }
        """, ""),
        // A guard that is neither a type test nor a property looked up may skip Invoice.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (entityType.GetTableName() != \"invoices\")", System.StringComparison.Ordinal), ""),
        // Tests no entity with a filter of its own passes: a derived type of a hierarchy, an owned type.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType) && entityType.BaseType != null)", System.StringComparison.Ordinal), ""),
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (entityType.IsOwned())", System.StringComparison.Ordinal), ""),
        // The CLR type's base class, not the entity type's: any entity may fail it.
        (Tenant + "\n        " + SoftDeleteLoop.Replace("if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))", "if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType) && entityType.ClrType.BaseType == null)", System.StringComparison.Ordinal), ""),
        // A loop over a list of its own, not the model's entity types.
        (Tenant + """

                foreach (var type in new[] { typeof(Invoice) })
                {
                    var e = Expression.Parameter(type, "e");
                    modelBuilder.Entity(type).HasQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                }
        """, ""),
        // The method it hands the entity type to may not set the filter, or combines it.
        (Tenant + "\n        foreach (var entityType in modelBuilder.Model.GetEntityTypes()) { entityType.AddWhenDeletable(); }", EntityTypeHelpers),
        (Tenant + "\n        foreach (var entityType in modelBuilder.Model.GetEntityTypes()) { entityType.AddIfDeletable(); }", EntityTypeHelpers),
        (Tenant + "\n        foreach (var entityType in modelBuilder.Model.GetEntityTypes()) { entityType.AddCombined(); }", EntityTypeHelpers),
        ("foreach (var entityType in modelBuilder.Model.GetEntityTypes()) { entityType.AddSoftDeleteFilter(); }\n        " + Tenant, EntityTypeHelpers),
        // Kept for later in a lambda: where it runs is not known.
        (Tenant + """

                Action later = () =>
                {
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        var e = Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                    }
                };
                later();
        """, ""));

    [Theory]
    [MemberData(nameof(Replaced))]
    public Task Tenant_filter_replaced_by_a_later_loop_over_the_model_does_not_scope(string onModelCreating, string types, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(onModelCreating, types, "db.Invoices.{|TSA1001:ToList()|}"), ef);

    [Theory]
    [MemberData(nameof(Kept))]
    public Task Tenant_filter_a_loop_does_not_replace_scopes(string onModelCreating, string types, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(onModelCreating, types, "db.Invoices.ToList()"), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_named_filter_set_by_a_loop_replaces_no_unnamed_filter(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(
                Tenant + """

                        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                        {
                            var e = Expression.Parameter(entityType.ClrType, "e");
                            entityType.SetQueryFilter("SoftDelete", Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
                        }
                """,
                "",
                "db.Invoices.ToList()"),
            ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task An_entity_the_loop_does_not_reach_keeps_its_tenant_filter(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(
                "modelBuilder.Entity<Order>().HasQueryFilter(o => o.TeamId == CurrentTeamId);\n        " + Tenant + "\n        " + SoftDeleteLoop,
                "",
                "db.Invoices.{|TSA1001:ToList()|}",
                "db.Orders.ToList()"),
            ef);

    private static string Source(string onModelCreating, string types, string query, string otherQuery = "new List<Order>()")
    {
        var baseType = types.Contains("class BaseContext", System.StringComparison.Ordinal) ? "BaseContext" : "DbContext";
        var currentTeam = baseType == "BaseContext" ? "" : "public Guid CurrentTeamId { get; set; }";
        return $$"""
            using System.Linq.Expressions;
            using Microsoft.EntityFrameworkCore.Query;

            public interface ITeamOwned
            {
                Guid TeamId { get; }
            }

            public interface ISoftDeletable
            {
                bool IsDeleted { get; }
            }

            public interface IArchivable
            {
                bool IsArchived { get; }
            }

            public class Invoice : ITeamOwned, ISoftDeletable
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public bool IsDeleted { get; set; }
            }

            public class Order : ITeamOwned
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class AppContext : {{baseType}}
            {
                {{currentTeam}}

                public DbSet<Invoice> Invoices { get; set; } = null!;

                public DbSet<Order> Orders { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    {{onModelCreating}}
                }
            }

            {{types}}

            public static class Tenancy
            {
                public static Guid CurrentTeamId;
            }

            public sealed class Reader(AppContext db)
            {
                public List<Invoice> All() => {{query}};

                public List<Order> Orders() => {{otherQuery}};
            }
            """;
    }
}
