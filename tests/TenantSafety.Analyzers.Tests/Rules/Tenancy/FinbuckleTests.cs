using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFilter = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer>;
using VerifyIndexFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;
using VerifyScopeFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// Finbuckle.MultiTenant, recognised by symbol: an entity configured with <c>IsMultiTenant()</c> (on a generic or a
/// non-generic builder) or marked <c>[MultiTenant]</c> is a tenant entity with a shadow <c>string TenantId</c> and
/// Finbuckle's tenant filter, named <c>"__tenant__"</c> from Finbuckle 10. Its queries are scoped by that filter until
/// <c>IgnoreQueryFilters()</c> switches it off (TSA1005 unless re-scoped); TSA1004 and TSA2001 apply as to any tenant
/// table. Tested against stand-ins with Finbuckle's public names (<see cref="TenancyStandIns"/>).
/// </summary>
public sealed class FinbuckleTests
{
    private const string Entities = """
        public class Channel
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
            public bool IsDeleted { get; set; }
        }

        public class FileAsset
        {
            public Guid Id { get; set; }
            public string Path { get; set; } = "";
            public bool IsDeleted { get; set; }
        }

        [Finbuckle.MultiTenant.Abstractions.MultiTenant]
        public class Webhook
        {
            public Guid Id { get; set; }
            public string Url { get; set; } = "";
        }

        public class Plan
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public sealed class FileAssetConfiguration : IEntityTypeConfiguration<FileAsset>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<FileAsset> builder)
            {
                builder.HasIndex("TenantId");
                builder.IsMultiTenant();
            }
        }

        public class ChatDb(Finbuckle.MultiTenant.Abstractions.IMultiTenantContextAccessor accessor)
            : Finbuckle.MultiTenant.EntityFrameworkCore.MultiTenantDbContext(accessor)
        {
            public DbSet<Channel> Channels { get; set; } = null!;
            public DbSet<FileAsset> Files { get; set; } = null!;
            public DbSet<Webhook> Webhooks { get; set; } = null!;
            public DbSet<Plan> Plans { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Channel>().IsMultiTenant().AdjustUniqueIndexes();
                modelBuilder.Entity(typeof(Webhook)).HasIndex("TenantId");
                modelBuilder.Entity<Channel>().HasIndex("TenantId", "Name");
                modelBuilder.ApplyConfiguration(new FileAssetConfiguration());
            }
        }

        """;

    private static string Source(string members) => "using Finbuckle.MultiTenant.EntityFrameworkCore.Extensions;\n\n" + TenancyStandIns.Finbuckle10 + Entities + $$"""
        public sealed class Service(ChatDb db)
        {
        {{members}}
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_Finbuckle_filter_scopes_queries_until_IgnoreQueryFilters_switches_it_off(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            Source("""
                public object Channels() => db.Channels.ToList();
                public object File(Guid id) => db.Files.First(f => f.Id == id);
                public object Webhooks() => db.Webhooks.ToList();
                public object Plans() => db.Plans.ToList();
                public object Trash() => db.Files.{|TSA1005:IgnoreQueryFilters()|}.Where(f => f.IsDeleted).ToList();
                public int Purge() => db.Channels.{|TSA1005:IgnoreQueryFilters()|}.Where(c => c.IsDeleted).ExecuteDelete();
                public object RestoreWebhook(Guid id) => db.Webhooks.{|TSA1005:IgnoreQueryFilters()|}.First(w => w.Id == id);
                public object Rescoped(string tenantId) => db.Files.IgnoreQueryFilters().Where(f => EF.Property<string>(f, "TenantId") == tenantId).ToList();
            """),
            ef);
    }

    [Fact]
    public async Task Finbuckle_10_names_its_filter_so_ignoring_another_named_filter_keeps_it()
    {
        await Verify.VerifyAnalyzerAsync(
            Source("""
                public object Trash() => db.Files.IgnoreQueryFilters(["SoftDelete"]).Where(f => f.IsDeleted).ToList();
                public object Everyone() => db.Files.{|TSA1005:IgnoreQueryFilters(["__tenant__"])|}.ToList();
            """),
            EfCoreVersion.Ef10);
    }

    [Fact]
    public async Task Finbuckle_9_adds_an_unnamed_filter_that_named_ignores_leave_on()
    {
        var source = "using Finbuckle.MultiTenant;\n\n" + TenancyStandIns.Finbuckle9 + """
            public class Channel
            {
                public Guid Id { get; set; }
            }

            public class ChatDb : DbContext
            {
                public DbSet<Channel> Channels { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Channel>().IsMultiTenant();
            }

            public sealed class Service(ChatDb db)
            {
                public object Named() => db.Channels.IgnoreQueryFilters(["__tenant__"]).ToList();
                public object All() => db.Channels.{|TSA1005:IgnoreQueryFilters()|}.ToList();
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, EfCoreVersion.Ef10);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Raw_SQL_on_a_Finbuckle_table_must_constrain_TenantId(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            Source("""
                public int Purge() => db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM \"Files\" WHERE \"IsDeleted\""|});
                public int PurgeMine(string tenant) => db.Database.ExecuteSqlRaw("DELETE FROM \"Files\" WHERE \"IsDeleted\" AND \"TenantId\" = {0}", tenant);
            """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_scoping_fix_re_scopes_with_the_shadow_key(EfCoreVersion ef)
    {
        await VerifyScopeFix.VerifyCodeFixAsync(
            Source("""
                public object Trash(string tenantId) => db.Files.{|TSA1005:IgnoreQueryFilters()|}.Where(f => f.IsDeleted).ToList();
            """),
            Source("""
                public object Trash(string tenantId) => db.Files.Where(x => EF.Property<string>(x, "TenantId") == tenantId).IgnoreQueryFilters().Where(f => f.IsDeleted).ToList();
            """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_Finbuckle_entity_without_an_index_on_TenantId_gets_TSA2001_and_its_fix(EfCoreVersion ef)
    {
        var unindexed = Source(string.Empty).Replace("        modelBuilder.Entity(typeof(Webhook)).HasIndex(\"TenantId\");\n", string.Empty, System.StringComparison.Ordinal);
        await VerifyIndexFix.VerifyCodeFixAsync(
            unindexed.Replace("public class Webhook", "public class {|TSA2001:Webhook|}", System.StringComparison.Ordinal),
            unindexed.Replace("        modelBuilder.ApplyConfiguration(new FileAssetConfiguration());\n", "        modelBuilder.ApplyConfiguration(new FileAssetConfiguration());\n        modelBuilder.Entity<Webhook>().HasIndex(\"TenantId\");\n", System.StringComparison.Ordinal),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Finbuckle_entities_have_a_tenant_filter_for_TSA1007(EfCoreVersion ef)
    {
        await VerifyFilter.VerifyAnalyzerAsync(
            [Source(string.Empty)],
            ef,
            "root = true\n\n[*.cs]\ndotnet_diagnostic.TSA1007.severity = suggestion\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task IsNotMultiTenant_takes_an_entity_out(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            Source("""
                public object Trash() => db.Channels.IgnoreQueryFilters().ToList();
            """).Replace("modelBuilder.Entity<Channel>().IsMultiTenant().AdjustUniqueIndexes();", "modelBuilder.Entity<Channel>().IsMultiTenant();\n        modelBuilder.Entity<Channel>().IsNotMultiTenant();", System.StringComparison.Ordinal),
            ef);
    }
}
