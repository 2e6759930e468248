using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1002: aggregates, existence checks and groupings over a tenant entity without a tenant predicate.
/// Each violation is marked with TSA1002 only: the verifier fails on any other diagnostic, so these tests
/// also prove "one finding per problem" (no TSA1001 next to the TSA1002).
/// </summary>
public sealed class TSA1002CrossTenantAggregateTests
{
    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        "db.Leads.{|TSA1002:Count()|}",
        "db.Leads.{|TSA1002:Count(l => l.Status == \"new\")|}",
        "db.Leads.{|TSA1002:LongCount()|}",
        "db.Leads.{|TSA1002:CountAsync()|}",
        "db.Leads.{|TSA1002:LongCountAsync(l => l.Status == \"new\")|}",
        "db.Leads.{|TSA1002:Any()|}",
        "db.Leads.{|TSA1002:Any(l => l.Email == email)|}",
        "db.Leads.{|TSA1002:AnyAsync(l => l.Email == email)|}",
        "db.Leads.{|TSA1002:All(l => l.Status != \"lost\")|}",
        "db.Leads.{|TSA1002:AllAsync(l => l.Status != \"lost\")|}",
        "db.Leads.{|TSA1002:Contains(lead)|}",
        "db.Leads.{|TSA1002:Sum(l => l.Status.Length)|}",
        "db.Leads.{|TSA1002:SumAsync(l => l.Status.Length)|}",
        "db.Leads.{|TSA1002:Average(l => l.Status.Length)|}",
        "db.Leads.{|TSA1002:Min(l => l.CreatedAt)|}",
        "db.Leads.{|TSA1002:Max(l => l.CreatedAt)|}",
        "db.Leads.{|TSA1002:MaxAsync(l => l.CreatedAt)|}",
        "db.Leads.Select(l => l.Status.Length).{|TSA1002:Sum()|}",
        "db.Leads.Select(l => l.Email).Distinct().{|TSA1002:Count()|}",
        "db.Leads.Where(l => l.Status == \"new\").{|TSA1002:Count()|}",
        "db.Messages.{|TSA1002:Count()|}",
        "(from l in db.Leads where l.Status == \"new\" select l).{|TSA1002:Count()|}",
        // Not tenant predicates: inequality, under ||, under !, a comparison with another column of the row.
        "db.Leads.Where(l => l.TeamId != teamId).{|TSA1002:Count()|}",
        "db.Leads.{|TSA1002:Any(l => l.TeamId == teamId || l.Status == \"new\")|}",
        "db.Leads.{|TSA1002:Count(l => !(l.TeamId == teamId))|}",
        "db.Messages.{|TSA1002:Count(m => m.TeamId == m.Lead!.TeamId)|}",
        // GroupBy whose key lacks the tenant key: reported at the GroupBy, once, not again at the execution point.
        "db.Leads.{|TSA1002:GroupBy(l => l.Status)|}.Select(g => g.Count()).ToList()",
        "db.Leads.{|TSA1002:GroupBy(l => l.Status)|}.Select(g => new { g.Key, Count = g.Count() }).ToListAsync()",
        "db.Messages.{|TSA1002:GroupBy(m => new { m.LeadId, m.Status })|}.Select(g => g.Count()).ToList()");

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        "db.Leads.Where(l => l.TeamId == teamId).Count()",
        "db.Leads.Count(l => l.TeamId == teamId)",
        "db.Leads.Count(l => teamId == l.TeamId)",
        "db.Leads.LongCountAsync(l => l.TeamId == teamId && l.Status == \"new\")",
        "db.Leads.AnyAsync(l => l.TeamId == teamId && l.Email == email)",
        "db.Leads.Any(l => l.Email == email && l.TeamId.Equals(teamId))",
        "db.Leads.Where(l => l.TeamId == teamId).All(l => l.Status != \"lost\")",
        "db.Leads.Where(l => l.TeamId == teamId).Contains(lead)",
        "db.Leads.Where(l => l.TeamId == teamId).Sum(l => l.Status.Length)",
        "db.Leads.Where(l => l.TeamId == teamId).MaxAsync(l => l.CreatedAt)",
        "db.Leads.Where(l => teamIds.Contains(l.TeamId)).Count()",
        "db.Leads.Where(l => l.Status == \"new\").Where(l => l.TeamId == teamId).Count()",
        "db.Leads.Where(l => EF.Property<Guid>(l, \"TeamId\") == teamId).Count()",
        "db.Messages.Count(m => m.Lead!.TeamId == teamId)",
        "(from l in db.Leads where l.TeamId == teamId select l).Count()",
        // Groups per tenant, and groups of an already scoped query.
        "db.Leads.GroupBy(l => l.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToList()",
        "db.Leads.GroupBy(l => new { l.TeamId, l.Status }).Select(g => g.Count()).ToList()",
        "db.Leads.Where(l => l.TeamId == teamId).GroupBy(l => l.Status).Select(g => g.Count()).ToList()",
        // Not tenant entities, or not a database query.
        "db.Countries.Count()",
        "db.Countries.GroupBy(c => c.Name).Select(g => g.Count()).ToList()",
        "db.Teams.Any(t => t.Name == email)",
        "new List<Lead> { lead }.Count(l => l.Status == \"new\")");

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Unscoped_aggregate_is_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression), ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Scoped_or_per_tenant_aggregate_is_not_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Reported_with_the_operator_entity_and_key_in_the_message_and_the_query_root_as_additional_location(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("{|#1:db.Leads|}.{|#0:AnyAsync(l => l.Email == email)|}"),
            ef,
            Verify.Diagnostic("TSA1002").WithLocation(0).WithLocation(1).WithArguments("Lead", "TeamId", "AnyAsync", "team", ""));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Query_built_in_locals_is_judged_at_the_aggregate(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        var unscoped = db.Leads.Where(l => l.Status == "new");
                        var scoped = db.Leads.Where(l => l.Status == "new");
                        scoped = scoped.Where(l => l.TeamId == teamId);
                        return unscoped.{|TSA1002:Count()|} + scoped.Count();
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
                        var query = db.Leads.AsQueryable();
                        if (flag)
                        {
                            query = query.Where(l => l.TeamId == teamId);
                        }

                        return query.{|TSA1002:Count()|};
                """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Scoping_helper_in_the_same_compilation_scopes_the_aggregate(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TestModel.Entities + """
            public static class LeadQueries
            {
                public static IQueryable<Lead> ForTeam(this IQueryable<Lead> leads, Guid teamId) => leads.Where(l => l.TeamId == teamId);
            }

            public sealed class Service(AppDbContext db)
            {
                public int Scoped(Guid teamId) => db.Leads.ForTeam(teamId).Count(l => l.Status == "new");

                public int Unscoped() => db.Leads.{|TSA1002:Count(l => l.Status == "new")|};
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
    public async Task Entity_with_a_tenant_filter_is_scoped(string model, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        _ = fdb.Notes.AnyAsync(n => n.Status == "new");
                        _ = fdb.Notes.GroupBy(n => n.Status).Select(g => g.Count()).ToList();
                        return fdb.Notes.Count();
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
                        _ = fdb.Notes.{|TSA1002:AnyAsync(n => n.Status == "new")|};
                        _ = fdb.Notes.{|TSA1002:GroupBy(n => n.Status)|}.Select(g => g.Count()).ToList();
                        return fdb.Notes.{|TSA1002:Count()|};
                """, FilteredModels.SoftDeleteFilterOnly),
            ef);
    }

    [Fact]
    public async Task Unscoped_count_is_not_also_reported_as_an_unscoped_read()
    {
        // Spelled out: the only expected diagnostic is TSA1002; a TSA1001 at the same call would fail the test.
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("{|#1:db.Leads|}.{|#0:Count()|}"),
            Verify.Diagnostic(RuleIdentifiers.CrossTenantAggregate).WithLocation(0).WithLocation(1).WithArguments("Lead", "TeamId", "Count", "team", ""));
    }
}
