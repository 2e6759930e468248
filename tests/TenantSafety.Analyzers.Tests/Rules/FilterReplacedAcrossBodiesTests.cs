using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Unnamed query filters replace each other wherever they are set: a tenant filter in <c>OnModelCreating</c> followed by
/// <c>ApplyConfiguration(new InvoiceConfiguration())</c> whose <c>Configure</c> sets a soft-delete filter leaves Invoice
/// with soft delete only, and its queries leak. The filter that runs last is the one that counts; when the order is not
/// known (two classes run by <c>ApplyConfigurationsFromAssembly</c>), both count, as before.
/// </summary>
public sealed class FilterReplacedAcrossBodiesTests
{
    private const string Tenant = "modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == CurrentTeamId);";

    private const string SoftDelete = "modelBuilder.Entity<Invoice>().HasQueryFilter(i => !i.IsDeleted);";

    private const string SoftDeleteConfiguration = """
        public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder)
            {
                builder.ToTable("invoices");
                builder.HasQueryFilter(i => !i.IsDeleted);
            }
        }
        """;

    private const string TenantConfiguration = """
        public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder) =>
                builder.HasQueryFilter(i => i.TeamId == Tenancy.CurrentTeamId);
        }
        """;

    // Declared only where it is called: a helper no OnModelCreating calls does not run (the last test shows it).
    private const string ApplyTenantFilters = """
        private void ApplyTenantFilters(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == CurrentTeamId);
        """;

    private const string ConfigureInvoice = """
        private void ConfigureInvoice(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder) =>
                builder.HasQueryFilter(i => i.TeamId == CurrentTeamId);
        """;

    private const string ConfigureTenancy = """
        protected override void ConfigureTenancy(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == CurrentTeamId);
        """;

    private const string DeepHelpers = """
        public static class DeepHelpers
        {
            public static void H1(ModelBuilder b) => H2(b);
            public static void H2(ModelBuilder b) => H3(b);
            public static void H3(ModelBuilder b) => H4(b);
            public static void H4(ModelBuilder b) => H5(b);
            public static void H5(ModelBuilder b) => H6(b);
            public static void H6(ModelBuilder b) => H7(b);
            public static void H7(ModelBuilder b) => b.Entity<Invoice>().HasQueryFilter(i => i.TeamId == Tenancy.CurrentTeamId);
        }
        """;

    // Configuration classes that call their generic base's Configure: a base call runs the base's body, never another
    // class's override, so five of them are as many plain calls (before, each base call was taken to run every override,
    // and the order grew too deep to follow).
    private const string DerivedConfigurations = """
        public abstract class Audited { public Guid Id { get; set; } }
        public abstract class AuditedConfiguration<T> : IEntityTypeConfiguration<T> where T : Audited
        {
            public virtual void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder) => builder.HasKey(x => x.Id);
        }
        public class A1 : Audited { }
        public class A2 : Audited { }
        public class A3 : Audited { }
        public class A4 : Audited { }
        public class A5 : Audited { }
        public class A6 : Audited { }
        public class A1Configuration : AuditedConfiguration<A1> { public override void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<A1> b) { base.Configure(b); } }
        public class A2Configuration : AuditedConfiguration<A2> { public override void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<A2> b) { base.Configure(b); } }
        public class A3Configuration : AuditedConfiguration<A3> { public override void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<A3> b) { base.Configure(b); } }
        public class A4Configuration : AuditedConfiguration<A4> { public override void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<A4> b) { base.Configure(b); } }
        public class A5Configuration : AuditedConfiguration<A5> { public override void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<A5> b) { base.Configure(b); } }
        public class A6Configuration : AuditedConfiguration<A6> { public override void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<A6> b) { base.Configure(b); } }
        """;

    private const string Helpers = """
        public static class ModelHelpers
        {
            public static void ApplySoftDelete(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Invoice>().HasQueryFilter(i => !i.IsDeleted);
        }
        """;

    // Generic helpers over the entity's interfaces, applied to every entity that has them by a loop over the model
    // (reflection), or to one entity by its type argument.
    private const string GenericHelpers = """
        public static class FilterHelpers
        {
            public static void ApplyTenantFilters(ModelBuilder modelBuilder)
            {
                foreach (var type in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITeamOwned).IsAssignableFrom(e.ClrType)).ToList())
                {
                    typeof(FilterHelpers).GetMethod(nameof(SetTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type.ClrType).Invoke(null, new object[] { modelBuilder });
                }
            }

            public static void ApplySoftDeleteFilters(this ModelBuilder modelBuilder)
            {
                foreach (var type in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ISoftDeletable).IsAssignableFrom(e.ClrType)).ToList())
                {
                    typeof(FilterHelpers).GetMethod("SetSoftDeleteFilter", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type.ClrType).Invoke(null, new object[] { modelBuilder });
                }
            }

            // The helper's MethodInfo kept in a field, made generic in the loop.
            private static readonly System.Reflection.MethodInfo TenantFilterMethod =
                typeof(FilterHelpers).GetMethod(nameof(SetTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

            public static void ApplyKeptTenantFilters(ModelBuilder modelBuilder)
            {
                foreach (var type in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITeamOwned).IsAssignableFrom(e.ClrType)).ToList())
                {
                    TenantFilterMethod.MakeGenericMethod(type.ClrType).Invoke(null, new object[] { modelBuilder });
                }
            }

            public static void ApplySharedFilters(ModelBuilder modelBuilder)
            {
                var setter = typeof(FilterHelpers).GetMethods().Single(m => m.IsGenericMethod && m.Name == nameof(SetSoftDeleteFilter));
                foreach (var type in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ISoftDeletable).IsAssignableFrom(e.ClrType)).ToList())
                {
                    setter.MakeGenericMethod(type.ClrType).Invoke(null, new object[] { modelBuilder });
                }
            }

            private static void SetTenantFilter<T>(ModelBuilder modelBuilder) where T : class, ITeamOwned =>
                modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == Tenancy.CurrentTeamId);

            public static void SetSoftDeleteFilter<T>(ModelBuilder modelBuilder) where T : class, ISoftDeletable =>
                modelBuilder.Entity<T>().HasQueryFilter(e => !e.IsDeleted);

            public static void Tenant<T>(ModelBuilder modelBuilder) where T : class, ITeamOwned =>
                modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == Tenancy.CurrentTeamId);

            public static void SoftDelete<T>(ModelBuilder modelBuilder) where T : class, ISoftDeletable =>
                modelBuilder.Entity<T>().HasQueryFilter(e => !e.IsDeleted);
        }
        """;

    public static TheoryData<string, string, EfCoreVersion> Replaced => RuleSources.WithEachEf(
        // A soft-delete filter held by an Expression local, set after the tenant filter.
        (Tenant + "\n        System.Linq.Expressions.Expression<Func<Invoice, bool>> live = i => !i.IsDeleted;\n        modelBuilder.Entity<Invoice>().HasQueryFilter(live);", ""),
        // Six configuration classes calling their generic base's Configure, applied before the loops.
        ("modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppContext).Assembly);\n        FilterHelpers.ApplyTenantFilters(modelBuilder);\n        modelBuilder.ApplySoftDeleteFilters();", GenericHelpers + "\n" + DerivedConfigurations),
        // The tenant filter first, then a configuration class's soft delete: applied one by one, from the assembly.
        (Tenant + "\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", SoftDeleteConfiguration),
        (Tenant + "\n        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppContext).Assembly);", SoftDeleteConfiguration),
        // In one statement: the tenant filter ends before the configuration is applied.
        ("modelBuilder.Entity<Invoice>(b => b.HasQueryFilter(i => i.TeamId == CurrentTeamId)).Entity<Invoice>().HasKey(i => i.Id);\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", SoftDeleteConfiguration),
        // A tenant configuration class first, soft delete in OnModelCreating after it.
        ("modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        " + SoftDelete, TenantConfiguration),
        // A helper that sets soft delete, called after the tenant filter; a tenant filter in a helper replaced later.
        (Tenant + "\n        ModelHelpers.ApplySoftDelete(modelBuilder);", Helpers),
        ("ApplyTenantFilters(modelBuilder);\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", SoftDeleteConfiguration),
        // The base context sets the tenant filter; the derived context's own soft delete comes after base.OnModelCreating.
        ("base.OnModelCreating(modelBuilder);\n        " + SoftDelete, "public abstract class BaseContext : DbContext { public Guid CurrentTeamId { get; set; } protected override void OnModelCreating(ModelBuilder modelBuilder) { " + Tenant + " } }"),
        // A helper that applies the configuration after setting the tenant filter itself.
        ("InvoiceSetup.Configure(modelBuilder);", SoftDeleteConfiguration + "\n" + """
            public static class InvoiceSetup
            {
                public static void Configure(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == Tenancy.CurrentTeamId);
                    modelBuilder.ApplyConfiguration(new InvoiceConfiguration());
                }
            }
            """),
        // A generic helper that applies whichever configuration it is given: any configuration class may run there.
        (Tenant + "\n        Apply(modelBuilder, new InvoiceConfiguration());", SoftDeleteConfiguration),
        // Loops that apply generic helpers by reflection (nameof, a method name in a string), tenant first.
        ("FilterHelpers.ApplyTenantFilters(modelBuilder);\n        modelBuilder.ApplySoftDeleteFilters();", GenericHelpers),
        ("FilterHelpers.ApplyKeptTenantFilters(modelBuilder);\n        modelBuilder.ApplySoftDeleteFilters();", GenericHelpers),
        ("FilterHelpers.ApplyTenantFilters(modelBuilder);\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", GenericHelpers + "\n" + SoftDeleteConfiguration),
        ("IEntityTypeConfiguration<Invoice> configuration = new InvoiceConfiguration();\n        " + Tenant + "\n        configuration.Configure(modelBuilder.Entity<Invoice>());", SoftDeleteConfiguration),
        // A method group handed to Entity<T>: it runs inside that call.
        ("modelBuilder.Entity<Invoice>(ConfigureInvoice);\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", SoftDeleteConfiguration),
        // A filter set in OnModelCreating, then a loop that finds its helper among GetMethods() by nameof.
        (Tenant + "\n        FilterHelpers.ApplySharedFilters(modelBuilder);", GenericHelpers),
        // Generic helpers applied by their type argument.
        ("FilterHelpers.Tenant<Invoice>(modelBuilder);\n        FilterHelpers.SoftDelete<Invoice>(modelBuilder);", GenericHelpers),
        (Tenant + "\n        FilterHelpers.SoftDelete<Invoice>(modelBuilder);", GenericHelpers));

    public static TheoryData<string, string, EfCoreVersion> Kept => RuleSources.WithEachEf(
        // The tenant filter held by an Expression local the call is handed.
        ("System.Linq.Expressions.Expression<Func<Invoice, bool>> tenant = i => i.TeamId == CurrentTeamId;\n        modelBuilder.Entity<Invoice>().HasQueryFilter(tenant);", ""),
        // The tenant filter runs last.
        ("modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        " + Tenant, SoftDeleteConfiguration),
        ("modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppContext).Assembly);\n        " + Tenant, SoftDeleteConfiguration),
        (SoftDelete + "\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", TenantConfiguration),
        ("ModelHelpers.ApplySoftDelete(modelBuilder);\n        " + Tenant, Helpers),
        ("modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        ApplyTenantFilters(modelBuilder);", SoftDeleteConfiguration),
        ("base.OnModelCreating(modelBuilder);\n        " + Tenant, "public abstract class BaseContext : DbContext { protected override void OnModelCreating(ModelBuilder modelBuilder) { " + SoftDelete + " } }"),
        ("modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        modelBuilder.Entity<Invoice>(ConfigureInvoice);", SoftDeleteConfiguration),
        ("FilterHelpers.ApplySoftDeleteFilters(modelBuilder);\n        FilterHelpers.ApplyTenantFilters(modelBuilder);", GenericHelpers),
        ("FilterHelpers.ApplySoftDeleteFilters(modelBuilder);\n        FilterHelpers.ApplyKeptTenantFilters(modelBuilder);", GenericHelpers),
        ("modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        FilterHelpers.ApplyTenantFilters(modelBuilder);", GenericHelpers + "\n" + SoftDeleteConfiguration),
        ("FilterHelpers.SoftDelete<Invoice>(modelBuilder);\n        FilterHelpers.Tenant<Invoice>(modelBuilder);", GenericHelpers),
        ("FilterHelpers.SoftDelete<Invoice>(modelBuilder);\n        " + Tenant, GenericHelpers),
        // An abstract helper the base context calls runs the derived context's override, last.
        ("base.OnModelCreating(modelBuilder);", "public abstract class BaseContext : DbContext { protected override void OnModelCreating(ModelBuilder modelBuilder) { " + SoftDelete + " ConfigureTenancy(modelBuilder); } protected abstract void ConfigureTenancy(ModelBuilder modelBuilder); }"),
        // A configuration applied through its interface, before the tenant filter.
        ("IEntityTypeConfiguration<Invoice> configuration = new InvoiceConfiguration();\n        configuration.Configure(modelBuilder.Entity<Invoice>());\n        " + Tenant, SoftDeleteConfiguration),
        // One filter holds both conditions, wherever it is.
        ("modelBuilder.ApplyConfiguration(new InvoiceConfiguration());", SoftDeleteConfiguration.Replace("!i.IsDeleted", "!i.IsDeleted && i.TeamId == Tenancy.CurrentTeamId", System.StringComparison.Ordinal)),
        // A base context that is a context of its own keeps its tenant filter; the derived one replaces it: the two
        // contexts' last filters differ, and both count.
        ("base.OnModelCreating(modelBuilder);\n        " + SoftDelete, "public class BaseContext : DbContext { public Guid CurrentTeamId { get; set; } protected override void OnModelCreating(ModelBuilder modelBuilder) { " + Tenant + " } }"),
        // A local function or a kept lambda runs where it is called, which the order does not follow: both filters count.
        ("void Tenant() => " + Tenant + "\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        Tenant();", SoftDeleteConfiguration),
        ("System.Action tenant = () => " + Tenant + "\n        modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        tenant();", SoftDeleteConfiguration),
        ("void Configure() => modelBuilder.ApplyConfiguration(new InvoiceConfiguration());\n        " + Tenant + "\n        Configure();", SoftDeleteConfiguration),
        // A filter set deeper than the order follows (seven helpers down): its place is not known, both filters count.
        (SoftDelete + "\n        DeepHelpers.H1(modelBuilder);", DeepHelpers),
        // Two classes that ApplyConfigurationsFromAssembly runs in an order the code does not say: both filters count.
        ("modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppContext).Assembly);", SoftDeleteConfiguration + "\n" + """
            public sealed class InvoiceTenantConfiguration : IEntityTypeConfiguration<Invoice>
            {
                public static Guid Current;

                public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder) =>
                    builder.HasQueryFilter(i => i.TeamId == Current);
            }
            """));

    [Theory]
    [MemberData(nameof(Replaced))]
    public Task Tenant_filter_replaced_by_a_later_unnamed_filter_does_not_scope(string onModelCreating, string types, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(onModelCreating, types, "db.Invoices.{|TSA1001:ToList()|}"), ef);

    [Theory]
    [MemberData(nameof(Kept))]
    public Task Tenant_filter_that_runs_last_scopes(string onModelCreating, string types, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(onModelCreating, types, "db.Invoices.ToList()"), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Tenant_filter_in_a_helper_no_OnModelCreating_calls_does_not_scope_beside_one_that_runs(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(SoftDelete, ApplyTenantFilters.Replace("private void", "public static class UnusedFilters { public static void", System.StringComparison.Ordinal).Replace("CurrentTeamId);", "Tenancy.CurrentTeamId); }", System.StringComparison.Ordinal), "db.Invoices.{|TSA1001:ToList()|}"),
            ef);

    private static string Source(string onModelCreating, string types, string query)
    {
        var baseType = types.Contains("class BaseContext", System.StringComparison.Ordinal) ? "BaseContext" : "DbContext";
        var currentTeam = baseType == "BaseContext" && types.Contains("CurrentTeamId", System.StringComparison.Ordinal) ? "" : "public Guid CurrentTeamId { get; set; }";
        return $$"""
            public interface ITeamOwned
            {
                Guid TeamId { get; }
            }

            public interface ISoftDeletable
            {
                bool IsDeleted { get; }
            }

            public class Invoice : ITeamOwned, ISoftDeletable
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public bool IsDeleted { get; set; }
            }

            public class AppContext : {{baseType}}
            {
                {{currentTeam}}

                public DbSet<Invoice> Invoices { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    {{onModelCreating}}
                }

                {{(onModelCreating.Contains("ApplyTenantFilters", System.StringComparison.Ordinal) ? ApplyTenantFilters : "")}}

                {{(onModelCreating.Contains("ConfigureInvoice", System.StringComparison.Ordinal) ? ConfigureInvoice : "")}}

                {{(types.Contains("abstract void ConfigureTenancy", System.StringComparison.Ordinal) ? ConfigureTenancy : "")}}

                private static void Apply<T>(ModelBuilder modelBuilder, IEntityTypeConfiguration<T> configuration) where T : class =>
                    modelBuilder.ApplyConfiguration(configuration);
            }

            {{types}}

            public static class Tenancy
            {
                public static Guid CurrentTeamId;
            }

            public sealed class Reader(AppContext db)
            {
                public List<Invoice> All() => {{query}};
            }
            """;
    }
}
