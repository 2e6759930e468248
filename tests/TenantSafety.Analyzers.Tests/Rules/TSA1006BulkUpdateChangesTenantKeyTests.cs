using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.TenantKeyBulkUpdateAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1006: <c>SetProperty(x => x.TeamId, …)</c> in <c>ExecuteUpdate</c> moves rows between tenants, whether
/// or not the update is scoped. Reported at that <c>SetProperty</c> call. EF Core 8 (<c>SetPropertyCalls</c>)
/// and EF Core 10 (<c>UpdateSettersBuilder</c>) both.
/// </summary>
public sealed class TSA1006BulkUpdateChangesTenantKeyTests
{
    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.{|TSA1006:SetProperty(l => l.TeamId, newTeamId)|})",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdateAsync(s => s.{|TSA1006:SetProperty(l => l.TeamId, newTeamId)|})",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.{|TSA1006:SetProperty(l => l.TeamId, l => newTeamId)|})",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(l => l.Status, \"moved\").{|TSA1006:SetProperty(l => l.TeamId, newTeamId)|})",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.{|TSA1006:SetProperty(l => l.TeamId, newTeamId)|}.SetProperty(l => l.Status, \"moved\"))",
        "db.Messages.Where(m => m.LeadId == lead.Id && m.TeamId == teamId).ExecuteUpdateAsync(s => s.{|TSA1006:SetProperty(m => m.TeamId, lead.TeamId)|})");

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(l => l.Status, \"x\"))",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, l => l.Status + \"!\"))",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(l => l.Status, \"x\").SetProperty(l => l.Email, \"\"))",
        "db.Messages.Where(m => m.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(m => m.LeadId, lead.Id))",
        // A tenant key used as the value, not as the target, does not move rows.
        "db.Messages.Where(m => m.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(m => m.Body, m => m.TeamId.ToString()))",
        // This analyzer leaves scoping to TSA1003: an unscoped update of another column is not TSA1006.
        "db.Leads.ExecuteUpdate(s => s.SetProperty(l => l.Status, \"x\"))",
        "db.Teams.ExecuteUpdate(s => s.SetProperty(t => t.Name, \"x\"))");

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Setting_the_tenant_key_is_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression), ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Setting_other_columns_is_not_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Tenant_key_selected_with_EF_Property_is_reported(EfCoreVersion ef)
    {
        // EF.Property<T>(x, "TeamId") reads the tenant key like x.TeamId does; as a SetProperty target it sets the key.
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.{|TSA1006:SetProperty(l => EF.Property<Guid>(l, \"TeamId\"), newTeamId)|})"),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Reported_with_entity_and_key_in_the_message(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("db.Messages.Where(m => m.TeamId == teamId).ExecuteUpdate(s => s.{|#0:SetProperty(m => m.TeamId, newTeamId)|})"),
            ef,
            Verify.Diagnostic("TSA1006").WithLocation(0).WithArguments("Message", "TeamId", "team"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Generic_code_over_a_tenant_interface(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TestModel.Entities + """
            public sealed class Repository<T>(AppDbContext db) where T : class, ITeamOwned
            {
                public int Move(Guid from, Guid to) =>
                    db.Set<T>().Where(x => x.TeamId == from).ExecuteUpdate(s => s.{|TSA1006:SetProperty(x => x.TeamId, to)|});
            }

            public interface IOwnedRow
            {
                Guid TeamId { get; set; }
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Configured_tenant_key_replaces_the_default(EfCoreVersion ef)
    {
        const string source = """
            public class Invoice
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
                public Guid TeamId { get; set; }
            }

            public class BillingDbContext : DbContext
            {
                public DbSet<Invoice> Invoices { get; set; } = null!;
            }

            public sealed class Billing(BillingDbContext db)
            {
                public int MoveTenant(Guid tenantId, Guid other) =>
                    db.Invoices.Where(i => i.TenantId == tenantId).ExecuteUpdate(s => s.{|TSA1006:SetProperty(i => i.TenantId, other)|});

                public int MoveTeam(Guid tenantId, Guid other) =>
                    db.Invoices.Where(i => i.TenantId == tenantId).ExecuteUpdate(s => s.SetProperty(i => i.TeamId, other));
            }
            """;
        await Verify.VerifyAnalyzerAsync([source], ef, "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Unscoped_update_of_the_tenant_key_gets_both_TSA1003_and_TSA1006(EfCoreVersion ef)
    {
        // Two problems, two findings: the update runs over every tenant (TSA1003) and moves rows (TSA1006).
        var test = new WithQueryAnalyzerTest(ef)
        {
            TestCode = RuleSources.Returning(
                "db.Leads.{|TSA1003:ExecuteUpdate(s => s.{|TSA1006:SetProperty(l => l.TeamId, newTeamId)|})|}"),
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Scoped_update_of_the_tenant_key_gets_only_TSA1006(EfCoreVersion ef)
    {
        var test = new WithQueryAnalyzerTest(ef)
        {
            TestCode = RuleSources.Returning(
                "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdateAsync(s => s.{|TSA1006:SetProperty(l => l.TeamId, newTeamId)|})"),
        };
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs <see cref="TenantKeyBulkUpdateAnalyzer"/> together with <see cref="UnscopedTenantQueryAnalyzer"/>.</summary>
    private sealed class WithQueryAnalyzerTest : CSharpAnalyzerTest<TenantKeyBulkUpdateAnalyzer, DefaultVerifier>
    {
        public WithQueryAnalyzerTest(EfCoreVersion ef) => VerifierConfiguration.Configure(this, ef);

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            [new TenantKeyBulkUpdateAnalyzer(), new UnscopedTenantQueryAnalyzer()];

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            VerifierConfiguration.AddGlobalUsings(TestState);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
