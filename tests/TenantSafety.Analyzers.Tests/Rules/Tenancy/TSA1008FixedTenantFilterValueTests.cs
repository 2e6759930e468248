using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.FixedTenantFilterAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// TSA1008: a tenant filter compares the key with a value EF Core evaluates once for its cached model (a captured local
/// or parameter, a member of a configuration class, a static member), reported at that value. What the filter reaches
/// through the DbContext (a field or property of the context, its primary constructor's parameters, the context handed
/// to a helper or held by a configuration class, an interface the context implements) is re-read per query and fine.
/// </summary>
public sealed class TSA1008FixedTenantFilterValueTests
{
    /// <summary>
    /// Message (TeamId, OwnerTeamId, Status, IsDeleted) in an AppDbContext that holds the request's <c>ITenant</c> in a field
    /// and exposes <c>CurrentTeamId</c>; <paramref name="onModelCreating"/> configures it, <paramref name="types"/> adds types.
    /// </summary>
    private static string Source(string onModelCreating, string types = "", string contextBases = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        public interface ITenant { Guid TeamId { get; } bool IsAdmin { get; } }
        public interface ITeamOwned { Guid TeamId { get; } }
        public interface ITeamSource { Guid CurrentTeamId { get; } }

        public class Message : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid? OwnerTeamId { get; set; }
            public string Status { get; set; } = "";
            public bool IsDeleted { get; set; }
        }

        public static class CurrentTenant
        {
            public static Guid Id { get; set; }
            public static Guid Get() => Id;
        }

        {{types}}

        public class AppDbContext : DbContext{{contextBases}}
        {
            private readonly ITenant _tenant;

            public AppDbContext(DbContextOptions<AppDbContext> options, ITenant tenant) : base(options) => _tenant = tenant;

            public DbSet<Message> Messages => Set<Message>();
            public Guid CurrentTeamId => _tenant.TeamId;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                {{onModelCreating}}
            }
        }
        """;

    public static TheoryData<string, string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        // A local of OnModelCreating: evaluated when the first context builds the model (EF Core #10322, by design).
        ("var teamId = _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:teamId|});", ""),
        ("var tenant = _tenant;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => {|TSA1008:tenant.TeamId|} == m.TeamId);", ""),
        ("Guid? teamId = _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:teamId.Value|});", ""),
        ("var teams = new List<Guid> { _tenant.TeamId };\n        modelBuilder.Entity<Message>().HasQueryFilter(m => {|TSA1008:teams|}.Contains(m.TeamId));", ""),
        ("var teamId = _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId.Equals({|TSA1008:teamId|}));", ""),
        // Inside the Entity<T>(b => …) lambda, and combined with soft delete or a switch for some callers.
        ("modelBuilder.Entity<Message>(b =>\n        {\n            var teamId = _tenant.TeamId;\n            b.HasQueryFilter(m => m.TeamId == {|TSA1008:teamId|} && !m.IsDeleted);\n        });", ""),
        ("var teamId = _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => _tenant.IsAdmin || m.TeamId == {|TSA1008:teamId|});", ""),
        // A parameter of a model-building helper: the service object of the first context.
        ("modelBuilder.ApplyTeamFilters(_tenant);", """
            public static class TeamFilters
            {
                public static void ApplyTeamFilters(this ModelBuilder modelBuilder, ITenant tenant) =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:tenant.TeamId|});
            }
            """),
        ("TeamFilters.Apply<Message>(modelBuilder, _tenant.TeamId);", """
            public static class TeamFilters
            {
                public static void Apply<T>(ModelBuilder modelBuilder, Guid teamId) where T : class, ITeamOwned =>
                    modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == {|TSA1008:teamId|});
            }
            """),
        // A configuration class: the instance OnModelCreating created lives in the cached model.
        ("modelBuilder.ApplyConfiguration(new MessageConfiguration(_tenant));", """
            public sealed class MessageConfiguration(ITenant tenant) : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => m.TeamId == {|TSA1008:tenant.TeamId|});
            }
            """),
        ("modelBuilder.ApplyConfiguration(new MessageConfiguration(_tenant));", """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                private readonly ITenant _tenant;

                public MessageConfiguration(ITenant tenant) => _tenant = tenant;

                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => m.TeamId == {|TSA1008:_tenant.TeamId|});
            }
            """),
        // The filter held by an Expression local the call is handed.
        ("var teamId = _tenant.TeamId;\n        System.Linq.Expressions.Expression<Func<Message, bool>> filter = m => m.TeamId == {|TSA1008:teamId|};\n        modelBuilder.Entity<Message>().HasQueryFilter(filter);", ""),
        // A switch beside the comparison, kept from the first context: every row for ever, or the comparison always.
        ("var admin = _tenant.IsAdmin;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => {|TSA1008:admin|} || m.TeamId == _tenant.TeamId);", ""),
        ("var admin = _tenant.IsAdmin;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => !m.IsDeleted && ({|TSA1008:admin|} || m.TeamId == _tenant.TeamId));", ""),
        // Both kept: each is named, so fixing the value does not reveal the switch only afterwards.
        ("var admin = _tenant.IsAdmin;\n        var teamId = _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => {|TSA1008:admin|} || m.TeamId == {|TSA1008:teamId|});", ""),
        // A static member is inlined too (EF Core's "Static_member_from_non_dbContext_is_inlined").
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:CurrentTenant.Id|});", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:CurrentTenant.Get()|});", ""));

    public static TheoryData<string, string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        // Members of the context: EF Core re-reads them from the context running each query.
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant.TeamId);", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId && !m.IsDeleted);", ""),
        ("modelBuilder.Entity<Message>(b => b.HasQueryFilter(m => m.TeamId == this.CurrentTeamId));", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => _tenant.IsAdmin || m.TeamId == _tenant.TeamId);", ""),
        // The context itself handed to a helper, held by a configuration class, or seen through an interface it implements.
        ("modelBuilder.ApplyTeamFilters(this);", """
            public static class TeamFilters
            {
                public static void ApplyTeamFilters(this ModelBuilder modelBuilder, AppDbContext context) =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == context.CurrentTeamId);
            }
            """),
        ("modelBuilder.ApplyConfiguration(new MessageConfiguration(this));", """
            public sealed class MessageConfiguration(AppDbContext context) : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => m.TeamId == context.CurrentTeamId);
            }
            """),
        ("var context = this;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == context.CurrentTeamId);", ""),
        // An Expression local read through the context; one assigned again is not read (which lambda runs is not known).
        ("System.Linq.Expressions.Expression<Func<Message, bool>> filter = m => m.TeamId == _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(filter);", ""),
        ("var teamId = _tenant.TeamId;\n        System.Linq.Expressions.Expression<Func<Message, bool>> filter = m => m.TeamId == teamId;\n        filter = m => m.TeamId == _tenant.TeamId;\n        modelBuilder.Entity<Message>().HasQueryFilter(filter);", ""),
        // A switch read through the context, and a switch on the row (soft delete).
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => _tenant.IsAdmin || m.TeamId == CurrentTeamId);", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.IsDeleted || m.TeamId == CurrentTeamId);", ""),
        // Filters on other columns, on the row itself, or on a constant name no current tenant.
        ("var deleted = false;\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.IsDeleted == deleted);", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == m.OwnerTeamId);", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == Guid.Empty);", ""),
        ("const string none = \"00000000-0000-0000-0000-000000000000\";\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId.ToString() == none);", ""));

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task A_tenant_filter_value_evaluated_once_is_reported(string onModelCreating, string types, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(onModelCreating, types), ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task A_tenant_filter_value_read_through_the_context_is_not_reported(string onModelCreating, string types, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(onModelCreating, types), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_captured_value_compared_with_another_column_is_not_reported(EfCoreVersion ef)
    {
        // The key is configured: at zero configuration a filter comparing Status with a captured value declares Status a key too.
        var source = Source("var status = \"open\";\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.Status == status && m.TeamId == _tenant.TeamId);");
        await Verify.VerifyAnalyzerAsync([source], ef, "root = true\n[*.cs]\ntenant_safety.tenant_property = TeamId\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task At_zero_configuration_the_id_beside_another_captured_column_is_the_key(EfCoreVersion ef)
    {
        // The filter declares Status and TeamId on one entity each: the tie goes to the conventional id, not to the name first in order.
        var source = Source("var status = \"open\";\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.Status == status && m.TeamId == _tenant.TeamId);");
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_parameter_of_the_contexts_primary_constructor_is_read_through_the_context(EfCoreVersion ef)
    {
        // The compiler keeps the parameter in a field of the context: EF Core reads it from the context running the query.
        var source = Source("", types: """
            public class ShopContext(DbContextOptions<ShopContext> options, ITenant tenant) : DbContext(options)
            {
                public DbSet<Message> Notes => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == tenant.TeamId);
            }
            """);
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_interface_the_context_implements_is_read_through_the_context(EfCoreVersion ef)
    {
        var source = Source("modelBuilder.ApplyTeamFilters(this);", contextBases: ", ITeamSource", types: """
            public static class TeamFilters
            {
                public static void ApplyTeamFilters(this ModelBuilder modelBuilder, ITeamSource source) =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == source.CurrentTeamId);
            }
            """);
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_helper_generic_over_the_context_reads_through_the_context(EfCoreVersion ef)
    {
        var source = Source("modelBuilder.ApplyTeamFilters(this);", contextBases: ", ITeamSource", types: """
            public static class TeamFilters
            {
                public static void ApplyTeamFilters<TContext>(this ModelBuilder modelBuilder, TContext context) where TContext : DbContext, ITeamSource =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == context.CurrentTeamId);

                public static void ApplyByInterface<TSource>(this ModelBuilder modelBuilder, TSource source) where TSource : ITeamSource =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == source.CurrentTeamId);
            }
            """);
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_interface_no_context_implements_is_reported(EfCoreVersion ef)
    {
        var source = Source("modelBuilder.ApplyTeamFilters(null!);", types: """
            public static class TeamFilters
            {
                public static void ApplyTeamFilters(this ModelBuilder modelBuilder, ITeamSource source) =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:source.CurrentTeamId|});
            }
            """);
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Fact]
    public async Task A_named_filter_of_EF_Core_10_is_read_the_same_way()
    {
        var source = Source("""
            var teamId = _tenant.TeamId;
                    modelBuilder.Entity<Message>().HasQueryFilter("Tenant", m => m.TeamId == {|TSA1008:teamId|}).HasQueryFilter("SoftDelete", m => !m.IsDeleted);
            """);
        await Verify.VerifyAnalyzerAsync(source, EfCoreVersion.Ef10);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_message_names_the_entity_the_key_the_value_and_what_it_reads(EfCoreVersion ef)
    {
        var source = Source("modelBuilder.ApplyTeamFilters(_tenant);", types: """
            public static class TeamFilters
            {
                public static void ApplyTeamFilters(this ModelBuilder modelBuilder, ITenant tenant) =>
                    modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|#0:tenant.TeamId|});
            }
            """);
        await Verify.VerifyAnalyzerAsync(
            source,
            ef,
            Verify.Diagnostic("TSA1008").WithLocation(0).WithArguments("Message", "compares TeamId with", "tenant.TeamId", "a parameter of 'ApplyTeamFilters'"));
    }
}
