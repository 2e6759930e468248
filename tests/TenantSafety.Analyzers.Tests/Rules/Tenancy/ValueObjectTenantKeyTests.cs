using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A tenant key held in a value object (a strongly-typed id: a class or record struct wrapping one <c>Value</c>, stored
/// as a column through <c>HasConversion</c>): <c>x.TenantId.Value == current</c> is the key compared, as
/// <c>x.TenantId == key</c> is; the wrapper's <c>Value</c> is never the key, and the wrapper is never an entity.
/// </summary>
public sealed class ValueObjectTenantKeyTests
{
    private const string ClassKey = """
        public sealed class TenantKey : IEquatable<TenantKey>
        {
            private TenantKey(Guid value) => Value = value;

            public Guid Value { get; }

            public static TenantKey Of(Guid value) => new(value);

            public bool Equals(TenantKey? other) => other is not null && other.Value == Value;

            public override bool Equals(object? obj) => Equals(obj as TenantKey);

            public override int GetHashCode() => Value.GetHashCode();
        }

        """;

    private const string App = """
        public sealed class EmailAddress
        {
            public string Value { get; set; } = "";
        }

        public interface ICurrentTenant
        {
            Guid TenantId { get; }

            bool IsResolved { get; }
        }

        public class Member
        {
            public Guid Id { get; set; }
            public TenantKey TenantId { get; set; }
            public EmailAddress Email { get; set; } = null!;
            public bool IsDeleted { get; set; }
        }

        public class Team
        {
            public Guid Id { get; set; }
            public TenantKey TenantId { get; set; }
            public string Name { get; set; } = "";
            public bool IsBuiltIn { get; set; }
        }

        public class AppDb(DbContextOptions<AppDb> options, ICurrentTenant tenant) : DbContext(options)
        {
            public DbSet<Member> Members => Set<Member>();
            public DbSet<Team> Teams => Set<Team>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Member>(b =>
                {
                    b.Property(m => m.TenantId).HasConversion(k => k.Value, v => TenantKey.Of(v));
                    b.Property(m => m.Email).HasConversion(e => e.Value, v => new EmailAddress { Value = v });
                    b.HasIndex(m => m.TenantId);
                    b.HasQueryFilter(m => !m.IsDeleted && (!tenant.IsResolved || m.TenantId.Value == tenant.TenantId));
                });
                modelBuilder.Entity<Team>(b =>
                {
                    b.Property(t => t.TenantId).HasConversion(k => k.Value, v => TenantKey.Of(v));
                    b.HasIndex(t => t.TenantId);
                    b.HasQueryFilter(t => t.TenantId.Value == tenant.TenantId || t.IsBuiltIn);
                });
            }
        }

        public sealed class Directory(AppDb db)
        {
            public Member? Member(Guid id) => db.Members.FirstOrDefault(m => m.Id == id);
            public Team? Team(Guid id) => db.Teams.FirstOrDefault(t => t.Id == id);
            public List<Team> TeamsOf(Guid tenantId) => db.Teams.Where(t => t.TenantId.Value == tenantId).ToList();
            public List<Team> TeamsOfKey(TenantKey key) => db.Teams.Where(t => t.TenantId == key).ToList();
        }

        """;

    private const string RecordStructKey = """
        public readonly record struct TenantKey(Guid Value)
        {
            public static TenantKey Of(Guid value) => new(value);
        }

        """;

    public static TheoryData<string, EfCoreVersion> Keys => RuleSources.WithEachEf(ClassKey, RecordStructKey);

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task The_wrapped_key_is_the_tenant_key_configured_or_not(string key, EfCoreVersion ef)
    {
        var source = key + App;
        var teamLookup = "Query on 'Team' has no condition on TenantId that keeps it to one tenant; it finds the row with the Id it is given, whichever tenant's it is; "
            + "its query filter's condition on TenantId is joined by || to one that lets other tenants' rows through";
        var expected = new[] { $"TSA1001 /0/Test0.cs:{LineOf(source, "public Team? Team(Guid id)")}: {teamLookup}" };

        // Only the lookup of a team, whose filter lets every tenant's built-in teams through; nothing names Value, and
        // neither TenantKey nor EmailAddress is an entity.
        Assert.Equal(expected, await AllRules.RunAsync(ef, options: null, source));
        Assert.Equal(expected, await AllRules.RunAsync(ef, AllRules.Options(("tenant_safety.tenant_property", "TenantId")), source));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Predicates_on_the_wrapped_value_scope_and_others_do_not(string key, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            key + App.Replace("db.Teams.FirstOrDefault(t => t.Id == id)", "db.Teams.{|TSA1001:FirstOrDefault(t => t.Id == id)|}", System.StringComparison.Ordinal) + """
            public sealed class Reports(AppDb db)
            {
                public int Mine(Guid tenantId) => db.Teams.Count(t => t.TenantId.Value.Equals(tenantId));
                public bool Any(List<Guid> tenantIds) => db.Teams.Any(t => tenantIds.Contains(t.TenantId.Value));
                public int Others(Guid tenantId) => db.Teams.{|TSA1002:Count(t => t.TenantId.Value != tenantId)|};
                public int Named(string name) => db.Teams.{|TSA1002:Count(t => t.Name == name)|};
            }
            """,
            ef);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Fix_compares_the_wrapped_value_with_the_tenant_in_scope(string key, EfCoreVersion ef)
    {
        var app = key + App.Replace("    public Team? Team(Guid id) => db.Teams.FirstOrDefault(t => t.Id == id);\n", "", System.StringComparison.Ordinal);
        await VerifyFix.VerifyCodeFixAsync(
            app + """
            public sealed class Lookups(AppDb db)
            {
                public Team? Find(Guid tenantId, Guid id) => db.Teams.{|TSA1001:FirstOrDefault(t => t.Id == id)|};
            }
            """,
            app + """
            public sealed class Lookups(AppDb db)
            {
                public Team? Find(Guid tenantId, Guid id) => db.Teams.Where(x => x.TenantId.Value == tenantId).FirstOrDefault(t => t.Id == id);
            }
            """,
            ef);
    }

    private static int LineOf(string source, string text) =>
        source[..source.IndexOf(text, System.StringComparison.Ordinal)].Split('\n').Length;
}
