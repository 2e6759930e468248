using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.FixedTenantFilterAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// TSA1009: a tenant filter set under a condition on the state it compares the key with (<c>if (_tenant != null)</c>,
/// a guard that returns before it). EF Core runs the model building once per context type and keeps the model, so the
/// first context decides for every later one. Reported once at the condition, naming every filter under it.
/// </summary>
public sealed class TSA1009ConditionalTenantFilterTests
{
    /// <summary>
    /// Message and Note (TeamId) in an AppDbContext that holds the request's optional <c>ITenant</c> in a field and exposes
    /// <c>CurrentTeamId</c> and <c>HasTenant</c>; <paramref name="onModelCreating"/> configures it, <paramref name="types"/> adds types.
    /// </summary>
    private static string Source(string onModelCreating, string types = "") => $$"""
        using System;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Infrastructure;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        public interface ITenant { Guid TeamId { get; } bool IsAdmin { get; } }
        public sealed class AppOptions { public bool MultiTenant { get; set; } }

        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public bool IsDeleted { get; set; }
        }

        public class Note
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        {{types}}

        public class AppDbContext : DbContext
        {
            private readonly ITenant? _tenant;
            private readonly AppOptions _options;

            public AppDbContext(DbContextOptions<AppDbContext> options, AppOptions settings, ITenant? tenant = null) : base(options)
            {
                _tenant = tenant;
                _options = settings;
            }

            public DbSet<Message> Messages => Set<Message>();
            public DbSet<Note> Notes => Set<Note>();
            public Guid CurrentTeamId => _tenant?.TeamId ?? Guid.Empty;
            public Guid? TeamId { get; set; }
            public bool HasTenant => _tenant is not null;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                {{onModelCreating}}
            }
        }
        """;

    public static TheoryData<string, string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        // The branch of an if on the tenant the filter compares with, in braces or not, and its else.
        ("if ({|TSA1009:_tenant != null|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant.TeamId);\n        }", ""),
        ("if ({|TSA1009:_tenant is not null|})\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant.TeamId && !m.IsDeleted);", ""),
        ("if ({|TSA1009:_tenant == null|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => !m.IsDeleted);\n        }\n        else\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant.TeamId);\n        }", ""),
        ("if ({|TSA1009:TeamId.HasValue|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == TeamId);\n        }", ""),
        ("if ({|TSA1009:_tenant?.IsAdmin != true|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant!.TeamId);\n        }", ""),
        // A guard that leaves before the filter: return, throw-free early exit in a lambda, continue in a loop.
        ("if ({|TSA1009:_tenant == null|})\n        {\n            return;\n        }\n\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant.TeamId);", ""),
        ("modelBuilder.Entity<Message>(b =>\n        {\n            if ({|TSA1009:_tenant is null|}) return;\n            b.HasQueryFilter(m => m.TeamId == _tenant.TeamId);\n        });", ""),
        // Through the context's own properties: the getter reads the tenant the condition tests.
        ("if ({|TSA1009:HasTenant|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);\n        }", ""),
        ("if ({|TSA1009:_tenant != null|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);\n        }", ""),
        // A local both read: the value is kept too (TSA1008), and the condition decides whether the filter exists.
        ("var tenant = _tenant;\n        if ({|TSA1009:tenant != null|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:tenant.TeamId|});\n        }", ""),
        ("if ({|TSA1009:_tenant != null|})\n        {\n            var teamId = _tenant.TeamId;\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:teamId|});\n        }", ""),
        // A pattern's variable: the filter reads what the condition tests (its value is kept too: TSA1008).
        ("if ({|TSA1009:_tenant is { } tenant|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == {|TSA1008:tenant.TeamId|});\n        }", ""),
        // Inside a loop, a guard that continues.
        ("foreach (var name in new[] { \"a\" })\n        {\n            if ({|TSA1009:!TeamId.HasValue|}) continue;\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == TeamId);\n        }", ""),
        // Inside Entity<T>(b => …), and in a configuration class that holds the tenant.
        ("modelBuilder.Entity<Message>(b =>\n        {\n            if ({|TSA1009:_tenant != null|})\n                b.HasQueryFilter(m => m.TeamId == _tenant.TeamId);\n        });", ""),
        ("modelBuilder.ApplyConfiguration(new MessageConfiguration(this));", """
            public sealed class MessageConfiguration(AppDbContext context) : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    if ({|TSA1009:context.TeamId.HasValue|})
                    {
                        builder.HasQueryFilter(m => m.TeamId == context.TeamId);
                    }
                }
            }
            """));

    public static TheoryData<string, string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        // Set unconditionally: the filter reads the tenant per query.
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant!.TeamId);", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => _tenant == null || m.TeamId == _tenant.TeamId);", ""),
        // Conditions on what is the same for every context of the app: its settings, its database provider.
        ("if (_options.MultiTenant)\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant!.TeamId);\n        }", ""),
        ("if (Database.IsRelational())\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant!.TeamId);\n        }", ""),
        // A condition on the tenant around a filter on another column (soft delete), and a condition inside the filter.
        ("if (_tenant != null)\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => !m.IsDeleted);\n        }", ""),
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == (_tenant != null ? _tenant.TeamId : Guid.Empty));", ""),
        // A guard after the filter, and one whose branch does not leave.
        ("modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant!.TeamId);\n        if (_tenant == null)\n        {\n            return;\n        }", ""),
        ("if (_tenant == null)\n        {\n            Console.WriteLine(\"no tenant\");\n        }\n\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant!.TeamId);", ""));

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task A_tenant_filter_set_under_a_condition_on_the_tenant_is_reported(string onModelCreating, string types, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(onModelCreating, types), ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task A_tenant_filter_set_whatever_the_tenant_is_not_reported(string onModelCreating, string types, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(onModelCreating, types), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task One_finding_names_every_filter_under_the_condition(EfCoreVersion ef)
    {
        var source = Source("""
            if ({|#0:_tenant != null|})
                    {
                        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == _tenant.TeamId);
                        modelBuilder.Entity<Note>().HasQueryFilter(n => n.TeamId == CurrentTeamId);
                    }
            """);
        await Verify.VerifyAnalyzerAsync(
            source,
            ef,
            Verify.Diagnostic("TSA1009").WithLocation(0).WithArguments("'Message' and 'Note'", "_tenant != null", "'_tenant'"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_model_cache_key_on_the_same_state_keeps_a_model_per_tenant(EfCoreVersion ef)
    {
        // The project keys EF Core's model cache by the context's TeamId: a model per value, each with the right filters.
        var source = Source(
            "if (TeamId.HasValue)\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == TeamId);\n        }",
            """
            public sealed class TeamModelCacheKeyFactory : IModelCacheKeyFactory
            {
                public object Create(DbContext context, bool designTime) =>
                    context is AppDbContext app ? (context.GetType(), app.TeamId.HasValue, designTime) : (object)(context.GetType(), designTime);
            }
            """);
        await Verify.VerifyAnalyzerAsync(source, ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_model_cache_key_on_other_state_does_not_hide_the_condition(EfCoreVersion ef)
    {
        var source = Source(
            "if ({|TSA1009:TeamId.HasValue|})\n        {\n            modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == TeamId);\n        }",
            """
            public sealed class DesignTimeModelCacheKeyFactory : IModelCacheKeyFactory
            {
                public object Create(DbContext context, bool designTime) => (context.GetType(), designTime);
            }
            """);
        await Verify.VerifyAnalyzerAsync(source, ef);
    }
}
