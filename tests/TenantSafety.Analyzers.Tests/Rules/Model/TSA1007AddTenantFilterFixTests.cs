using System.Threading.Tasks;
using TenantSafety.Analyzers.CodeFixes.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA1007's fix: <c>HasQueryFilter(e =&gt; e.TeamId == value)</c> inside the DbContext (never in an
/// IEntityTypeConfiguration, where the context's members are out of reach), the value being a context member named
/// like the key, else an injected member exposing the key, else <c>tenant_safety.tenant_value</c>; no fix when
/// nothing fits or the configured value does not compile.
/// </summary>
public sealed class TSA1007AddTenantFilterFixTests
{
    private const string Enabled = TSA1007MissingTenantFilterTests.Enabled;

    private const string Entities = """
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Persona
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        """;

    private static string Flagged(params string[] names)
    {
        var text = Entities;
        foreach (var name in names)
        {
            text = text.Replace("public class " + name + "\n", "public class {|TSA1007:" + name + "|}\n", System.StringComparison.Ordinal);
        }

        return text;
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Compares_with_a_context_member_named_like_the_key_in_a_new_OnModelCreating(EfCoreVersion ef)
    {
        const string Context = """
            public class AppDbContext : DbContext
            {
                public Guid CurrentTeamId { get; set; }

                public DbSet<Message> Messages => Set<Message>();
            }

            """;
        const string Fixed = """
            public class AppDbContext : DbContext
            {
                public Guid CurrentTeamId { get; set; }

                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>().HasQueryFilter(e => e.TeamId == CurrentTeamId);
                }
            }

            """;
        await Verify.VerifyCodeFixAsync(
            [Flagged("Message").Replace("class Persona", "class PersonaDto"), Context],
            [Entities.Replace("class Persona", "class PersonaDto"), Fixed],
            ef,
            Enabled);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Compares_with_an_injected_tenant_context_after_the_statement_that_configures_the_entity(EfCoreVersion ef)
    {
        const string Context = """
            public interface ITenantContext
            {
                Guid TeamId { get; }
            }

            public class AppDbContext : DbContext
            {
                private readonly ITenantContext _tenant;

                public AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant)
                    : base(options) => _tenant = tenant;

                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>().ToTable("messages");
                    modelBuilder.HasDefaultSchema("app");
                }
            }

            """;
        await Verify.VerifyCodeFixAsync(
            [Flagged("Message").Replace("class Persona", "class PersonaDto"), Context],
            [
                Entities.Replace("class Persona", "class PersonaDto"),
                Context.Replace(
                    "modelBuilder.Entity<Message>().ToTable(\"messages\");\n",
                    "modelBuilder.Entity<Message>().ToTable(\"messages\");\n        modelBuilder.Entity<Message>().HasQueryFilter(e => e.TeamId == _tenant.TeamId);\n",
                    System.StringComparison.Ordinal),
            ],
            ef,
            Enabled);
    }

    [Fact]
    public async Task Adds_the_filter_to_the_entity_lambda_with_a_free_parameter_name()
    {
        const string Context = """
            public class AppDbContext : DbContext
            {
                public Guid TeamId { get; set; }

                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>(e => e.ToTable("messages"));
                }
            }

            """;
        const string Fixed = """
            public class AppDbContext : DbContext
            {
                public Guid TeamId { get; set; }

                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>(e =>
                    {
                        e.ToTable("messages");
                        e.HasQueryFilter(x => x.TeamId == TeamId);
                    });
                }
            }

            """;
        await Verify.VerifyCodeFixAsync(
            [Flagged("Message").Replace("class Persona", "class PersonaDto"), Context],
            [Entities.Replace("class Persona", "class PersonaDto"), Fixed],
            editorConfig: Enabled);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Goes_to_OnModelCreating_not_to_the_entity_type_configuration_and_uses_the_configured_tenant_value(EfCoreVersion ef)
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasIndex(m => m.TeamId);
            }

            """;
        const string Context = """
            public sealed class CurrentTeam
            {
                public Guid Id { get; set; }
            }

            public class AppDbContext(DbContextOptions<AppDbContext> options, CurrentTeam currentTeam) : DbContext(options)
            {
                private readonly CurrentTeam _currentTeam = currentTeam;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
            }

            """;
        const string Fixed = """
            public sealed class CurrentTeam
            {
                public Guid Id { get; set; }
            }

            public class AppDbContext(DbContextOptions<AppDbContext> options, CurrentTeam currentTeam) : DbContext(options)
            {
                private readonly CurrentTeam _currentTeam = currentTeam;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
                    modelBuilder.Entity<Message>().HasQueryFilter(e => e.TeamId == _currentTeam.Id);
                }
            }

            """;
        await Verify.VerifyCodeFixAsync(
            [Flagged("Message").Replace("class Persona", "class PersonaDto"), Configuration, Context],
            [Entities.Replace("class Persona", "class PersonaDto"), Configuration, Fixed],
            ef,
            Enabled + "tenant_safety.tenant_value = _currentTeam.Id\n");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tenant_safety.tenant_value = _missing.TeamId\n")]
    [InlineData("tenant_safety.tenant_value = teamId +\n")]
    public async Task No_fix_when_no_tenant_value_is_in_scope_or_the_configured_one_does_not_compile(string? tenantValue)
    {
        // A constructor parameter named teamId is not in scope in OnModelCreating; a static member is no tenant.
        const string Source = """
            public class {|TSA1007:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class AppDbContext : DbContext
            {
                public static Guid DefaultTeamId { get; set; }

                public AppDbContext(DbContextOptions<AppDbContext> options, Guid teamId)
                    : base(options)
                {
                }

                public DbSet<Message> Messages => Set<Message>();
            }

            """;
        await Verify.VerifyNoFixAsync(Source, EfCoreVersion.Ef10, Enabled + tenantValue);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_filters_every_flagged_entity_in_one_OnModelCreating(EfCoreVersion ef)
    {
        const string Context = """
            public interface ITenantContext
            {
                Guid TeamId { get; }
            }

            public class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant) : DbContext(options)
            {
                private ITenantContext Tenant { get; } = tenant;

                public DbSet<Message> Messages => Set<Message>();

                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Persona>(b => b.ToTable("personas"));
                }
            }

            """;
        const string Fixed = """
            public interface ITenantContext
            {
                Guid TeamId { get; }
            }

            public class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant) : DbContext(options)
            {
                private ITenantContext Tenant { get; } = tenant;

                public DbSet<Message> Messages => Set<Message>();

                public DbSet<Persona> Personas => Set<Persona>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Persona>(b =>
                    {
                        b.ToTable("personas");
                        b.HasQueryFilter(e => e.TeamId == Tenant.TeamId);
                    });
                    modelBuilder.Entity<Message>().HasQueryFilter(e => e.TeamId == Tenant.TeamId);
                }
            }

            """;
        await Verify.VerifyFixAllAsync([Flagged("Message", "Persona"), Context], [Entities, Fixed], ef, Enabled, ModelFixTitles.AddQueryFilterKey);
    }

    [Theory]
    [InlineData("modelBuilder.Entity<Message>().HasQueryFilter(m => !m.IsDeleted);")]
    [InlineData("modelBuilder.Entity<Message>(b => b.HasQueryFilter(m => !m.IsDeleted));")]
    [InlineData("modelBuilder.ApplyConfiguration(new MessageConfiguration());")]
    // A loop over the model sets every entity's filter at run time: a tenant filter added before it would be replaced.
    [InlineData("""
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    var e = System.Linq.Expressions.Expression.Parameter(entityType.ClrType, "e");
                    entityType.SetQueryFilter(System.Linq.Expressions.Expression.Lambda(System.Linq.Expressions.Expression.Not(System.Linq.Expressions.Expression.Property(e, "IsDeleted")), e));
                }
        """)]
    public async Task No_fix_when_another_unnamed_filter_would_be_replaced(string onModelCreating)
    {
        // A second unnamed HasQueryFilter replaces the first: the fix would silently drop the soft-delete filter.
        var source = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class {|TSA1007:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public bool IsDeleted { get; set; }
            }

            public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
            {
                public void Configure(EntityTypeBuilder<Message> builder) => builder.HasQueryFilter(m => !m.IsDeleted);
            }

            public class AppDbContext : DbContext
            {
                public Guid CurrentTeamId { get; set; }

                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    ON_MODEL_CREATING
                }
            }

            """.Replace("ON_MODEL_CREATING", onModelCreating, System.StringComparison.Ordinal);
        if (!onModelCreating.Contains("MessageConfiguration", System.StringComparison.Ordinal))
        {
            source = source.Replace("builder.HasQueryFilter(m => !m.IsDeleted)", "builder.ToTable(\"messages\")", System.StringComparison.Ordinal);
        }

        await Verify.VerifyNoFixAsync(source, EfCoreVersion.Ef10, Enabled);
    }
}
