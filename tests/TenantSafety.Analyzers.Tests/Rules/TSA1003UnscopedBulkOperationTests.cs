using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1003: <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> (+<c>Async</c>) over a tenant entity without a tenant
/// predicate or tenant filter. The update setter <c>s => s.SetProperty(x => x.Status, "x")</c> is the same
/// text in EF Core 8 (<c>SetPropertyCalls</c> expression) and 10 (<c>UpdateSettersBuilder</c> action):
/// every case runs against both.
/// </summary>
public sealed class TSA1003UnscopedBulkOperationTests
{
    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        "db.Leads.{|TSA1003:ExecuteDelete()|}",
        "db.Leads.{|TSA1003:ExecuteDeleteAsync()|}",
        "db.Leads.{|TSA1003:ExecuteDeleteAsync(CancellationToken.None)|}",
        "db.Leads.{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, \"x\"))|}",
        "db.Leads.{|TSA1003:ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, \"x\"))|}",
        "db.Leads.{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, x => x.Status + \"!\").SetProperty(x => x.Email, \"\"))|}",
        "db.Leads.Where(l => l.Status == \"old\").{|TSA1003:ExecuteDelete()|}",
        "db.Leads.Where(l => l.Status == \"old\").OrderBy(l => l.CreatedAt).Take(10).{|TSA1003:ExecuteDelete()|}",
        "db.Messages.Where(m => m.LeadId == lead.Id).{|TSA1003:ExecuteDeleteAsync()|}",
        "db.Leads.Where(l => l.Id == lead.Id).{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, \"x\"))|}",
        "(from l in db.Leads where l.Status == \"old\" select l).{|TSA1003:ExecuteDelete()|}",
        // Not tenant predicates.
        "db.Leads.Where(l => l.TeamId != teamId).{|TSA1003:ExecuteDelete()|}",
        "db.Leads.Where(l => l.TeamId == teamId || l.Status == \"old\").{|TSA1003:ExecuteDelete()|}",
        "db.Leads.Where(l => !(l.TeamId == teamId)).{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, \"x\"))|}",
        "db.Messages.Where(m => m.TeamId == m.Lead!.TeamId).{|TSA1003:ExecuteDelete()|}");

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteDelete()",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteDeleteAsync()",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(x => x.Status, \"x\"))",
        "db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, \"x\"))",
        "db.Leads.Where(l => teamId == l.TeamId && l.Status == \"old\").ExecuteDelete()",
        "db.Leads.Where(l => l.Status == \"old\").Where(l => l.TeamId.Equals(teamId)).ExecuteDelete()",
        "db.Leads.Where(l => teamIds.Contains(l.TeamId)).ExecuteDelete()",
        "db.Leads.Where(l => EF.Property<Guid>(l, \"TeamId\") == teamId).ExecuteDelete()",
        "db.Messages.Where(m => m.Lead!.TeamId == teamId).ExecuteDeleteAsync()",
        "(from l in db.Leads where l.TeamId == teamId select l).ExecuteDelete()",
        // Not tenant entities.
        "db.Countries.ExecuteDelete()",
        "db.Teams.Where(t => t.Name == \"\").ExecuteUpdate(s => s.SetProperty(x => x.Name, \"x\"))");

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Unscoped_bulk_operation_is_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression), ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Scoped_bulk_operation_is_not_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Reported_as_an_error_with_the_operator_in_the_message(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("{|#1:db.Leads|}.{|#0:ExecuteDeleteAsync()|}"),
            ef,
            Verify.Diagnostic("TSA1003").WithLocation(0).WithLocation(1).WithSeverity(DiagnosticSeverity.Error)
                .WithArguments("Lead", "TeamId", "ExecuteDeleteAsync", "team", ""));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Awaited_bulk_operations_in_an_async_method(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TestModel.Entities + """
            public sealed class Cleanup(AppDbContext db)
            {
                public async Task<int> Run(Guid teamId, CancellationToken ct)
                {
                    var deleted = await db.Leads.Where(l => l.Status == "lost").{|TSA1003:ExecuteDeleteAsync(ct)|};
                    deleted += await db.Leads.Where(l => l.TeamId == teamId && l.Status == "lost").ExecuteDeleteAsync(ct);
                    deleted += await db.Leads.{|TSA1003:ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, "x"), ct)|};
                    return deleted;
                }
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Query_built_in_locals_is_judged_at_the_bulk_operation(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        var stale = db.Leads.Where(l => l.Status == "old");
                        var mine = stale.Where(l => l.TeamId == teamId);
                        return mine.ExecuteDelete() + stale.{|TSA1003:ExecuteDelete()|};
                """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Predicate_added_on_one_path_only_leaves_the_other_unscoped(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        var query = db.Leads.Where(l => l.Status == "old");
                        if (flag)
                        {
                            query = query.Where(l => l.TeamId == teamId);
                        }

                        return query.{|TSA1003:ExecuteDelete()|};
                """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Predicate_added_on_every_path_scopes_the_bulk_operation(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        var query = db.Leads.Where(l => l.Status == "old");
                        if (flag)
                        {
                            query = query.Where(l => l.TeamId == teamId);
                        }
                        else
                        {
                            query = query.Where(l => l.TeamId == newTeamId);
                        }

                        return query.ExecuteDelete();
                """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Generic_repository_over_a_tenant_interface(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TestModel.Entities + """
            public sealed class Repository<T>(AppDbContext db) where T : class, ITeamOwned
            {
                public int DeleteAll() => db.Set<T>().{|TSA1003:ExecuteDelete()|};

                public int DeleteForTeam(Guid teamId) => db.Set<T>().Where(x => x.TeamId == teamId).ExecuteDelete();
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(nameof(FilteredModels.TenantFilterInOnModelCreating), EfCoreVersion.Ef8)]
    [InlineData(nameof(FilteredModels.TenantFilterInOnModelCreating), EfCoreVersion.Ef10)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityTypeConfiguration), EfCoreVersion.Ef8)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityTypeConfiguration), EfCoreVersion.Ef10)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityLambda), EfCoreVersion.Ef8)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityLambda), EfCoreVersion.Ef10)]
    [InlineData(nameof(FilteredModels.NamedFilters), EfCoreVersion.Ef10)]
    public async Task Entity_with_a_tenant_filter_is_scoped_because_bulk_operations_apply_filters(string model, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        _ = fdb.Notes.Where(n => n.IsDeleted).ExecuteDeleteAsync();
                        _ = fdb.Notes.ExecuteUpdate(s => s.SetProperty(x => x.Status, "x"));
                        return fdb.Notes.ExecuteDelete();
                """, FilteredModels.Get(model)),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Soft_delete_filter_is_not_a_tenant_filter(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        _ = fdb.Notes.Where(n => n.Status == "old").{|TSA1003:ExecuteDeleteAsync()|};
                        _ = fdb.Notes.{|TSA1003:ExecuteUpdate(s => s.SetProperty(x => x.Status, "x"))|};
                        return fdb.Notes.Where(n => n.TeamId == teamId).ExecuteDelete();
                """, FilteredModels.SoftDeleteFilterOnly),
            ef);
    }
}
