using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA1007 (off by default): a tenant entity with a table of its own and no global query filter on the tenant
/// key, reported at the class name. Every test enables the rule through .editorconfig, except the one showing
/// that it is silent by default. A filter in any place the compilation configures the model counts; a filter
/// that does not constrain the key (soft delete, <c>!=</c>, under <c>||</c>) does not.
/// </summary>
public sealed class TSA1007MissingTenantFilterTests
{
    public const string Enabled = "root = true\n[*.cs]\ndotnet_diagnostic.TSA1007.severity = suggestion\n";

    private const string Flagged = "{|TSA1007:Message|}";

    private const string Context = "public DbSet<Message> Messages => Set<Message>();\n    public Guid CurrentTeamId { get; set; }";

    private const string SoftDelete = "    public bool IsDeleted { get; set; }";

    /// <summary>Message (with IsDeleted) in an AppDbContext that exposes CurrentTeamId; <paramref name="onModelCreating"/> configures it.</summary>
    private static string Source(string name = "Message", string onModelCreating = "", string types = "", string attributes = "", string bases = "", string dbSets = Context) =>
        ModelSources.Model(name, onModelCreating, attributes, SoftDelete, types, dbSets, bases);

    private const string TeamOwned = "public interface ITeamOwned { Guid TeamId { get; } }";

    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        // Mapped by a DbSet, by Entity<T>(), by an IEntityTypeConfiguration: nothing filters it.
        Source(Flagged),
        Source(Flagged, dbSets: "public Guid CurrentTeamId { get; set; }", onModelCreating: "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);"),
        Source(Flagged, onModelCreating: "        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasIndex(m => m.TeamId);
            }
            """),
        // Filters that do not constrain the tenant key.
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => !m.IsDeleted);"),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId != CurrentTeamId);"),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId || m.IsDeleted);"),
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == m.OwnerTeamId);"),
        // The last unnamed filter replaces the earlier ones: the tenant filter is gone.
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId).HasQueryFilter(m => !m.IsDeleted);"),
        // Across bodies too: the configuration class applied after the tenant filter sets soft delete, which EF Core keeps.
        Source(Flagged, onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);\n        modelBuilder.ApplyConfiguration(new MessageConfiguration());", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => !m.IsDeleted);
            }
            """),
        // Another entity's filter.
        Source(
            Flagged,
            dbSets: Context + "\n    public DbSet<Note> Notes => Set<Note>();",
            types: "public class Note { public Guid Id { get; set; } public Guid TeamId { get; set; } }",
            onModelCreating: "        modelBuilder.Entity<Note>().HasQueryFilter(n => n.TeamId == CurrentTeamId);"),
        // A generic tenant-filter helper that is never applied to Message.
        Source(
            Flagged,
            bases: " : ITeamOwned",
            types: TeamOwned + """

                public static class TenantFilters
                {
                    public static void ApplyTenantFilter<T>(ModelBuilder modelBuilder, Guid teamId) where T : class, ITeamOwned =>
                        modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == teamId);
                }
                """));

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        // OnModelCreating: chained, combined with soft delete, soft delete first then the tenant filter last.
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId && !m.IsDeleted);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().ToTable(\"messages\").HasQueryFilter(m => CurrentTeamId == m.TeamId);"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => !m.IsDeleted).HasQueryFilter(m => m.TeamId == CurrentTeamId && !m.IsDeleted);"),
        // The tenant filter set after a configuration class's soft delete is the one EF Core keeps.
        Source(onModelCreating: "        modelBuilder.ApplyConfiguration(new MessageConfiguration());\n        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => !m.IsDeleted);
            }
            """),
        // Entity<T> lambdas, block and expression bodied.
        Source(onModelCreating: "        modelBuilder.Entity<Message>(b =>\n        {\n            b.ToTable(\"messages\");\n            b.HasQueryFilter(m => m.TeamId == CurrentTeamId);\n        });"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>(b => b.HasQueryFilter(m => m.TeamId == CurrentTeamId));"),
        // IEntityTypeConfiguration<T>, applied one by one or from the assembly.
        Source(onModelCreating: "        modelBuilder.ApplyConfiguration(new MessageConfiguration(this));", types: """
            public sealed class MessageConfiguration(AppDbContext context) : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => m.TeamId == context.CurrentTeamId);
            }
            """),
        Source(onModelCreating: "        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);", types: """
            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public static Guid Current;

                public void Configure(EntityTypeBuilder<Message> builder)
                {
                    builder.ToTable("messages");
                    builder.HasQueryFilter(m => m.TeamId == Current);
                }
            }
            """),
        // Generic helpers over ITeamOwned: a method applied to Message, a configuration class created for it.
        Source(
            bases: " : ITeamOwned",
            onModelCreating: "        TenantFilters.ApplyTenantFilter<Message>(modelBuilder, CurrentTeamId);",
            types: TeamOwned + """

                public static class TenantFilters
                {
                    public static void ApplyTenantFilter<T>(ModelBuilder modelBuilder, Guid teamId) where T : class, ITeamOwned =>
                        modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == teamId);
                }
                """),
        Source(
            bases: " : ITeamOwned",
            onModelCreating: "        modelBuilder.ApplyConfiguration(new TenantConfiguration<Message>(this));",
            types: TeamOwned + """

                public sealed class TenantConfiguration<T>(AppDbContext context) : IEntityTypeConfiguration<T> where T : class, ITeamOwned
                {
                    public void Configure(EntityTypeBuilder<T> builder) => builder.HasQueryFilter(e => e.TeamId == context.CurrentTeamId);
                }
                """),
        // The helper's MethodInfo kept in a field and made generic for every entity a loop over the model finds.
        Source(
            bases: " : ITeamOwned",
            onModelCreating: """
                        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                        {
                            if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))
                            {
                                TenantFilters.ApplyFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, new object[] { modelBuilder, CurrentTeamId });
                            }
                        }
                """,
            types: TeamOwned + """

                public static class TenantFilters
                {
                    public static readonly System.Reflection.MethodInfo ApplyFilterMethod = typeof(TenantFilters).GetMethod(nameof(ApplyTenantFilter))!;

                    public static void ApplyTenantFilter<T>(ModelBuilder modelBuilder, Guid teamId) where T : class, ITeamOwned =>
                        modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == teamId);
                }
                """),
        // A generic method that returns the filter, made generic for every entity a loop over the model finds, and set
        // with the non-generic HasQueryFilter.
        Source(
            bases: " : ITeamOwned",
            onModelCreating: """
                        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                        {
                            if (!typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType)) continue;
                            var filter = typeof(TenantFilters).GetMethod(nameof(TenantFilters.For))!.MakeGenericMethod(entityType.ClrType).Invoke(null, new object[] { CurrentTeamId });
                            modelBuilder.Entity(entityType.ClrType).HasQueryFilter((LambdaExpression)filter!);
                        }
                """,
            types: TeamOwned + """

                public static class TenantFilters
                {
                    public static LambdaExpression For<T>(Guid teamId) where T : class, ITeamOwned => (Expression<Func<T, bool>>)(e => e.TeamId == teamId);
                }
                """),
        // A derived entity shares its base's table (TPH) and its filter.
        Source(
            onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);",
            dbSets: Context + "\n    public DbSet<SmsMessage> Sms => Set<SmsMessage>();",
            types: "public class SmsMessage : Message { public string Phone { get; set; } = \"\"; }"),
        // Exempt: keyless, views, SQL queries, owned types.
        Source(onModelCreating: "        modelBuilder.Entity<Message>().HasNoKey();"),
        Source(attributes: "[Keyless]"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().ToView(\"message_stats\");"),
        Source(onModelCreating: "        modelBuilder.Entity<Message>().ToSqlQuery(\"SELECT * FROM messages\");"),
        Source(attributes: "[Owned]", dbSets: "public DbSet<Holder> Holders => Set<Holder>();", types: "public class Holder { public Guid Id { get; set; } public Message Message { get; set; } = null!; }"),
        Source(
            dbSets: "public DbSet<Holder> Holders => Set<Holder>();",
            types: "public class Holder { public Guid Id { get; set; } public Message Message { get; set; } = null!; }",
            onModelCreating: "        modelBuilder.Entity<Holder>().OwnsOne(h => h.Message);"),
        // Not a tenant entity, or not an entity: Team has no key; a DTO is not mapped; an ignored type is not mapped.
        Source("MessageDto", dbSets: "public DbSet<Team> Teams => Set<Team>();"),
        Source(onModelCreating: "        modelBuilder.Ignore<Message>();", dbSets: ""));

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Tenant_entity_without_a_tenant_filter_is_reported(string source, EfCoreVersion ef)
    {
        await VerifyAsync([source], ef, Enabled);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Entity_with_a_tenant_filter_or_without_a_table_of_its_own_is_not_reported(string source, EfCoreVersion ef)
    {
        await VerifyAsync([source], ef, Enabled);
    }

    private const string TenantFilter = "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);\n";

    // What replaces the tenant filter after it, the declarations it needs, and how the message names it.
    public static TheoryData<string, string, string, EfCoreVersion> ReplacedFilters => new()
    {
        {
            "        modelBuilder.ApplyConfiguration(new MessageConfiguration());",
            "public sealed class MessageConfiguration : IEntityTypeConfiguration<Message> { public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => !m.IsDeleted); }",
            "the unnamed filter MessageConfiguration.Configure sets after it",
            EfCoreVersion.Ef8
        },
        {
            """
                    foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                    {
                        var e = System.Linq.Expressions.Expression.Parameter(entityType.ClrType, "e");
                        entityType.SetQueryFilter(System.Linq.Expressions.Expression.Lambda(System.Linq.Expressions.Expression.Not(System.Linq.Expressions.Expression.Property(e, "IsDeleted")), e));
                    }
            """,
            "",
            "the filter the loop over the model's entity types in AppDbContext.OnModelCreating sets after it",
            EfCoreVersion.Ef10
        },
    };

    [Theory]
    [MemberData(nameof(ReplacedFilters))]
    public async Task A_tenant_filter_a_later_filter_replaces_is_named_in_the_message(string replacedBy, string types, string replacement, EfCoreVersion ef)
    {
        await VerifyAsync(
            [Source("{|#0:Message|}", onModelCreating: TenantFilter + replacedBy, types: types)],
            ef,
            Enabled,
            Verify.Diagnostic("TSA1007").WithLocation(0)
                .WithArguments("Message", "TeamId", " (the one AppDbContext.OnModelCreating sets is replaced by " + replacement + ")")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_filter_an_or_opens_is_named_in_the_message(EfCoreVersion ef)
    {
        await VerifyAsync(
            [Source("{|#0:Message|}", onModelCreating: "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId || m.IsDeleted);")],
            ef,
            Enabled,
            Verify.Diagnostic("TSA1007").WithLocation(0)
                .WithArguments("Message", "TeamId", "; its query filter's condition on TeamId is joined by || to one that lets other teams' rows through")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData("        modelBuilder.Entity<Message>().HasQueryFilter(\"Tenant\", m => m.TeamId == CurrentTeamId).HasQueryFilter(\"SoftDelete\", m => !m.IsDeleted);", false)]
    [InlineData("        modelBuilder.Entity<Message>(b =>\n        {\n            b.HasQueryFilter(\"SoftDelete\", m => !m.IsDeleted);\n            b.HasQueryFilter(\"Tenant\", m => m.TeamId == CurrentTeamId);\n        });", false)]
    [InlineData("        modelBuilder.Entity<Message>().HasQueryFilter(\"SoftDelete\", m => !m.IsDeleted);", true)]
    [InlineData("        modelBuilder.Entity<Message>().HasQueryFilter(\"Tenant\", m => m.TeamId != CurrentTeamId);", true)]
    public async Task EF10_named_filters_count_when_one_constrains_the_tenant_key(string onModelCreating, bool reported)
    {
        await VerifyAsync([Source(reported ? Flagged : "Message", onModelCreating)], EfCoreVersion.Ef10, Enabled);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Rule_is_off_by_default(EfCoreVersion ef)
    {
        // The same entity is reported once the rule is enabled (the first assertion), and not without .editorconfig.
        await VerifyAsync([Source(Flagged)], ef, Enabled);
        await VerifyAsync([Source()], ef, editorConfig: null);
        await VerifyAsync([Source()], ef, "root = true\n[*.cs]\ntenant_safety.tenant_property = TeamId\n");
    }

    [Fact]
    public async Task Reported_in_the_entity_file_when_the_configuration_lives_in_another_file()
    {
        const string Entity = """
            public class {|TSA1007:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class Note
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            """;
        const string Context = """
            public class AppDbContext : DbContext
            {
                public Guid CurrentTeamId { get; set; }

                public DbSet<Message> Messages => Set<Message>();

                public DbSet<Note> Notes => Set<Note>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Note>().HasQueryFilter(n => n.TeamId == CurrentTeamId);
            }

            """;
        await VerifyAsync([Entity, Context], EfCoreVersion.Ef10, Enabled);
    }

    [Fact]
    public async Task Configured_tenant_key_names_the_entities_and_the_message()
    {
        const string Source = """
            public class Account
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Account> Accounts => Set<Account>();

                public DbSet<Message> Messages => Set<Message>();
            }

            """;
        await VerifyAsync(
            [Source],
            EfCoreVersion.Ef10,
            Enabled + "tenant_safety.tenant_property = TenantId\n",
            Verify.Diagnostic("TSA1007").WithSpan(1, 14, 1, 21).WithArguments("Account", "TenantId", "").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    /// <summary>
    /// As <c>Verify.VerifyAnalyzerAsync</c>, but with the rule at its default: Microsoft.CodeAnalysis.Testing switches on
    /// every rule of the analyzer under test, which would make "off by default" and "enabled by .editorconfig" untestable.
    /// </summary>
    private static Task VerifyAsync(string[] sources, EfCoreVersion ef, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(ef);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(
                projectId,
                options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(RuleIdentifiers.MissingTenantFilter, ReportDiagnostic.Default)));
        });
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
