using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFilterFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;
using VerifyIndex = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;
using VerifyCompositeFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;
using VerifyIndexFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;
using VerifyScopeFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A tenant key that is a shadow property (<c>b.Property&lt;Guid&gt;("TeamId")</c>, no CLR property): the entity is a
/// tenant entity for every rule, <c>EF.Property&lt;Guid&gt;(e, "TeamId") == teamId</c> scopes its queries,
/// <c>HasIndex("TeamId")</c> indexes it, and the fixes write those forms.
/// </summary>
public sealed class ShadowTenantKeyTests
{
    /// <summary><c>Note</c>'s key is a shadow property; nothing else in the model carries a key.</summary>
    private const string Model = """
        public class Note
        {
            public Guid Id { get; set; }
            public string Text { get; set; } = "";
            public bool Closed { get; set; }
        }

        public class NotesDb : DbContext
        {
            public DbSet<Note> Notes { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Note>(b =>
                {
                    b.Property<Guid>("TeamId");
                    b.HasIndex("TeamId");
                });
            }
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Queries_are_judged_on_the_shadow_key(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            Model + """
            public sealed class Service(NotesDb db)
            {
                public object Scoped(Guid teamId) => db.Notes.Where(n => EF.Property<Guid>(n, "TeamId") == teamId).ToList();
                public object ScopedFirst(Guid teamId, Guid id) => db.Notes.First(n => n.Id == id && EF.Property<Guid>(n, "TeamId") == teamId);
                public object Read(Guid id) => db.Notes.{|TSA1001:First(n => n.Id == id)|};
                public int Count() => db.Notes.{|TSA1002:Count()|};
                public int Purge() => db.Notes.Where(n => n.Closed).{|TSA1003:ExecuteDelete()|};
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Index_by_name_serves_the_shadow_key_and_its_absence_is_reported(EfCoreVersion ef)
    {
        await VerifyIndex.VerifyAnalyzerAsync(Model, ef);
        await VerifyIndex.VerifyAnalyzerAsync(
            Model.Replace("public class Note\n", "public class {|TSA2001:Note|}\n", System.StringComparison.Ordinal)
                .Replace("b.HasIndex(\"TeamId\");", "b.HasIndex(n => n.Closed);", System.StringComparison.Ordinal),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_scoping_fix_compares_EF_Property(EfCoreVersion ef)
    {
        await VerifyScopeFix.VerifyCodeFixAsync(
            Model + """
            public sealed class Service(NotesDb db)
            {
                public object Read(Guid teamId, Guid id) => db.Notes.{|TSA1001:First(n => n.Id == id)|};
                public int Purge(Guid teamId) => db.Notes.Where(n => n.Closed).{|TSA1003:ExecuteDelete()|};
            }
            """,
            Model + """
            public sealed class Service(NotesDb db)
            {
                public object Read(Guid teamId, Guid id) => db.Notes.Where(x => EF.Property<Guid>(x, "TeamId") == teamId).First(n => n.Id == id);
                public int Purge(Guid teamId) => db.Notes.Where(x => EF.Property<Guid>(x, "TeamId") == teamId).Where(n => n.Closed).ExecuteDelete();
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_index_fix_names_the_shadow_key_by_string(EfCoreVersion ef)
    {
        var unindexed = Model.Replace("            b.HasIndex(\"TeamId\");\n", "", System.StringComparison.Ordinal);
        await VerifyIndexFix.VerifyCodeFixAsync(
            unindexed.Replace("public class Note\n", "public class {|TSA2001:Note|}\n", System.StringComparison.Ordinal),
            unindexed.Replace("b.Property<Guid>(\"TeamId\");", "b.Property<Guid>(\"TeamId\");\n            b.HasIndex(\"TeamId\");", System.StringComparison.Ordinal),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_composite_index_fix_names_the_columns_by_string(EfCoreVersion ef)
    {
        // The plain HasIndex("TeamId") would be redundant beside the new index: the fix widens it instead.
        const string Service = """
            public sealed class Service(NotesDb db)
            {
                public object Open(Guid teamId) => db.Notes.Where(n => EF.Property<Guid>(n, "TeamId") == teamId && n.Text == "open").{|TSA2002:ToList()|};
            }
            """;
        await VerifyCompositeFix.VerifyCodeFixAsync(
            [Model, Service],
            [Model.Replace("b.HasIndex(\"TeamId\");", "b.HasIndex(\"TeamId\", \"Text\");", System.StringComparison.Ordinal), Service.Replace("{|TSA2002:ToList()|}", "ToList()", System.StringComparison.Ordinal)],
            ef,
            "root = true\n\n[*.cs]\ntenant_safety.hot_entities = Note\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_filter_fix_compares_EF_Property(EfCoreVersion ef)
    {
        var withTenant = Model.Replace("public class NotesDb : DbContext\n{\n", "public class NotesDb : DbContext\n{\n    public Guid CurrentTeamId { get; set; }\n\n", System.StringComparison.Ordinal);
        await VerifyFilterFix.VerifyCodeFixAsync(
            withTenant.Replace("public class Note\n", "public class {|TSA1007:Note|}\n", System.StringComparison.Ordinal),
            withTenant.Replace("b.HasIndex(\"TeamId\");", "b.HasIndex(\"TeamId\");\n            b.HasQueryFilter(e => EF.Property<Guid>(e, \"TeamId\") == CurrentTeamId);", System.StringComparison.Ordinal),
            ef,
            "root = true\n\n[*.cs]\ndotnet_diagnostic.TSA1007.severity = suggestion\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_shadow_key_declared_with_typeof_or_a_nullable_type_counts_too(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public class Note { public Guid Id { get; set; } }
            public class Tag { public Guid Id { get; set; } }

            public class NotesDb : DbContext
            {
                public DbSet<Note> Notes { get; set; } = null!;
                public DbSet<Tag> Tags { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity(typeof(Note)).Property(typeof(Guid), "OrganizationId");
                    modelBuilder.Entity<Tag>().Property<Guid?>("OrganizationId");
                }
            }

            public sealed class Service(NotesDb db)
            {
                public object Notes() => db.Notes.{|TSA1001:ToList()|};
                public object Tags() => db.Tags.{|TSA1001:ToList()|};
                public object ScopedTags(Guid organizationId) => db.Tags.Where(t => EF.Property<Guid?>(t, "OrganizationId") == organizationId).ToList();
            }
            """,
            ef);
    }
}
