using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The <c>.editorconfig</c> keys of docs/configuration.md: <c>tenant_safety.tenant_property</c> (which property names
/// are the tenant key; when set, only those count) and <c>tenant_safety.tenant_value</c> (the expression the
/// fix uses when no <c>teamId</c> and no injected tenant context is in scope).
/// </summary>
public sealed class ConfigurationTests
{
    /// <summary>
    /// <c>Lead</c> and <c>Campaign</c> have <c>TeamId</c>; <c>Invoice</c> has only <c>TenantId</c>; <c>Subscription</c> has both.
    /// Unconfigured, the key is the conventional name most entities carry: <c>TeamId</c> (three against two).
    /// </summary>
    private const string Model = """
        public class Lead
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
        }

        public class Campaign
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Invoice
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public decimal Amount { get; set; }
        }

        public class Subscription
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid TeamId { get; set; }
        }

        public class BillingDbContext : DbContext
        {
            public DbSet<Lead> Leads { get; set; } = null!;
            public DbSet<Invoice> Invoices { get; set; } = null!;
            public DbSet<Subscription> Subscriptions { get; set; } = null!;
            public DbSet<Campaign> Campaigns { get; set; } = null!;
        }

        """;

    private static string EditorConfig(string settings) => "root = true\n\n[*.cs]\n" + settings + "\n";

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Unconfigured_the_conventional_name_most_entities_carry_is_the_only_key(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [Model, """
            public sealed class Service(BillingDbContext db)
            {
                public object Leads() => db.Leads.{|TSA1001:ToList()|};

                public object Invoices() => db.Invoices.ToList();
            }
            """],
            ef,
            editorConfig: null);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Configured_TenantId_replaces_TeamId(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [Model, """
            public sealed class Service(BillingDbContext db)
            {
                public object Invoices() => db.Invoices.{|TSA1001:ToList()|};

                public object ScopedInvoices(Guid tenantId) => db.Invoices.Where(i => i.TenantId == tenantId).ToList();

                public object Leads() => db.Leads.ToList();

                public int Total() => db.Invoices.{|TSA1002:Count()|};

                public object ScopedByTheWrongKey(Guid teamId) => db.Subscriptions.Where(s => s.TeamId == teamId).{|TSA1001:ToList()|};

                public object ScopedByTheConfiguredKey(Guid tenantId) => db.Subscriptions.Where(s => s.TenantId == tenantId).ToList();
            }
            """],
            ef,
            EditorConfig("tenant_safety.tenant_property = TenantId"));
    }

    [Theory]
    [InlineData("TeamId, TenantId", EfCoreVersion.Ef8)]
    [InlineData("TeamId, TenantId", EfCoreVersion.Ef10)]
    [InlineData("TenantId,TeamId", EfCoreVersion.Ef10)]
    public async Task Configured_list_makes_every_name_a_tenant_key(string names, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [Model, """
            public sealed class Service(BillingDbContext db)
            {
                public object Invoices() => db.Invoices.{|TSA1001:ToList()|};

                public object Leads() => db.Leads.{|TSA1001:ToList()|};

                public object ScopedInvoices(Guid tenantId) => db.Invoices.Where(i => i.TenantId == tenantId).ToList();

                public object ScopedLeads(Guid teamId) => db.Leads.Where(l => l.TeamId == teamId).ToList();
            }
            """],
            ef,
            EditorConfig("tenant_safety.tenant_property = " + names));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_compares_the_configured_key(EfCoreVersion ef)
    {
        const string source = """
            public sealed class Service(BillingDbContext db)
            {
                public int Total(Guid tenantId) => db.Invoices.{|TSA1002:Count()|};
            }
            """;
        const string fixedSource = """
            public sealed class Service(BillingDbContext db)
            {
                public int Total(Guid tenantId) => db.Invoices.Where(x => x.TenantId == tenantId).Count();
            }
            """;
        await VerifyFix.VerifyCodeFixAsync([Model, source], [Model, fixedSource], ef, EditorConfig("tenant_safety.tenant_property = TenantId"));
    }

    private const string CurrentTeamService = """
        public sealed class CurrentTeam
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public sealed class Service(BillingDbContext db, CurrentTeam currentTeam)
        {
            private readonly CurrentTeam _currentTeam = currentTeam;

            public object Leads() => db.Leads.{|TSA1001:ToList()|};
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_uses_the_configured_tenant_value_when_nothing_else_fits(EfCoreVersion ef)
    {
        var fixedSource = CurrentTeamService.Replace(
            "db.Leads.{|TSA1001:ToList()|}", "db.Leads.Where(x => x.TeamId == _currentTeam.Id).ToList()", System.StringComparison.Ordinal);
        await VerifyFix.VerifyCodeFixAsync([Model, CurrentTeamService], [Model, fixedSource], ef, EditorConfig("tenant_safety.tenant_value = _currentTeam.Id"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task No_fix_when_nothing_fits(EfCoreVersion ef)
    {
        await VerifyFix.VerifyNoFixAsync(Model + CurrentTeamService, ef);
    }

    [Theory]
    [InlineData("tenant_safety.tenant_value = _missing.Id")]
    [InlineData("tenant_safety.tenant_value = _currentTeam.Name")]
    [InlineData("tenant_safety.tenant_value = _currentTeam.Id +")]
    public async Task No_fix_when_the_configured_tenant_value_does_not_compile_here(string setting)
    {
        await VerifyFix.VerifyNoFixAsync(Model + CurrentTeamService, EfCoreVersion.Ef10, EditorConfig(setting));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Parameter_named_like_the_key_comes_before_the_configured_value(EfCoreVersion ef)
    {
        const string source = """
            public sealed class Service(BillingDbContext db)
            {
                private readonly Team _currentTeam = new();

                public object Leads(Guid teamId) => db.Leads.{|TSA1001:ToList()|};
            }

            public sealed class Team
            {
                public Guid Id { get; set; }
            }
            """;
        var fixedSource = source.Replace("db.Leads.{|TSA1001:ToList()|}", "db.Leads.Where(x => x.TeamId == teamId).ToList()", System.StringComparison.Ordinal);
        await VerifyFix.VerifyCodeFixAsync([Model, source], [Model, fixedSource], ef, EditorConfig("tenant_safety.tenant_value = _currentTeam.Id"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Injected_tenant_context_comes_before_the_configured_value(EfCoreVersion ef)
    {
        const string source = """
            public interface ITenantContext
            {
                Guid TeamId { get; }
            }

            public sealed class Service(BillingDbContext db, ITenantContext tenant)
            {
                private readonly Team _currentTeam = new();

                public object Leads() => db.Leads.{|TSA1001:ToList()|};
            }

            public sealed class Team
            {
                public Guid Id { get; set; }
            }
            """;
        var fixedSource = source.Replace("db.Leads.{|TSA1001:ToList()|}", "db.Leads.Where(x => x.TeamId == tenant.TeamId).ToList()", System.StringComparison.Ordinal);
        await VerifyFix.VerifyCodeFixAsync([Model, source], [Model, fixedSource], ef, EditorConfig("tenant_safety.tenant_value = _currentTeam.Id"));
    }
}
