using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA1005: <c>IgnoreQueryFilters</c> switches the tenant filter off and the query adds no tenant predicate of
/// its own. Reported at the <c>IgnoreQueryFilters</c> call and instead of TSA1001/1002/1003 (one finding per
/// problem: each violation is marked with TSA1005 only, so any other diagnostic fails the test).
/// </summary>
public sealed class TSA1005IgnoredTenantFilterTests
{
    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ToList()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ToListAsync()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Where(n => n.Status == \"new\").FirstOrDefault()",
        "fdb.Notes.Where(n => n.IsDeleted).{|TSA1005:IgnoreQueryFilters()|}.ToArray()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.FirstOrDefaultAsync(n => n.Id == lead.Id)",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.AsNoTracking().ToList()",
        "(from n in fdb.Notes.{|TSA1005:IgnoreQueryFilters()|} where n.IsDeleted select n).ToList()",
        // Instead of TSA1002 / TSA1003 at the execution point.
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Count()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.AnyAsync(n => n.Status == \"new\")",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.GroupBy(n => n.Status).Select(g => g.Count()).ToList()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ExecuteDelete()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, \"x\"))",
        // Not tenant predicates.
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Where(n => n.TeamId != teamId).ToList()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Where(n => n.TeamId == teamId || n.IsDeleted).ToList()",
        "fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.Where(n => !(n.TeamId == teamId)).ToList()");

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        "fdb.Notes.IgnoreQueryFilters().Where(n => n.TeamId == teamId).ToList()",
        "fdb.Notes.Where(n => n.TeamId == teamId).IgnoreQueryFilters().ToList()",
        "fdb.Notes.IgnoreQueryFilters().Where(n => n.IsDeleted && n.TeamId == teamId).ToListAsync()",
        "fdb.Notes.IgnoreQueryFilters().FirstOrDefault(n => n.TeamId == teamId && n.Id == lead.Id)",
        "fdb.Notes.IgnoreQueryFilters().Count(n => teamId == n.TeamId)",
        "fdb.Notes.IgnoreQueryFilters().Where(n => teamIds.Contains(n.TeamId)).ToList()",
        "fdb.Notes.IgnoreQueryFilters().Where(n => n.TeamId == teamId).ExecuteDelete()",
        "(from n in fdb.Notes.IgnoreQueryFilters() where n.TeamId == teamId select n).ToList()",
        // The filter left on.
        "fdb.Notes.Where(n => n.Status == \"new\").ToList()");

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Ignoring_the_tenant_filter_without_a_predicate_is_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression, FilteredModels.TenantFilterInOnModelCreating), ef);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Ignoring_the_tenant_filter_with_an_own_predicate_is_not_reported(string expression, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression, FilteredModels.TenantFilterInOnModelCreating), ef);
    }

    [Theory]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityTypeConfiguration), EfCoreVersion.Ef8)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityTypeConfiguration), EfCoreVersion.Ef10)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityLambda), EfCoreVersion.Ef8)]
    [InlineData(nameof(FilteredModels.TenantFilterInEntityLambda), EfCoreVersion.Ef10)]
    public async Task Tenant_filter_declared_anywhere_in_the_model(string model, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        _ = fdb.Notes.IgnoreQueryFilters().Where(n => n.TeamId == teamId).ToList();
                        return fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ToList();
                """, FilteredModels.Get(model)),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Reported_with_entity_and_key_in_the_message_and_the_query_root_as_additional_location(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("{|#1:fdb.Notes|}.{|#0:IgnoreQueryFilters()|}.ToList()", FilteredModels.TenantFilterInOnModelCreating),
            ef,
            Verify.Diagnostic("TSA1005").WithLocation(0).WithLocation(1).WithArguments("Note", "TeamId", "ToList", "team", "", RuleDescriptors.ReadsEveryRow("team")));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_lookup_by_primary_key_says_it_finds_any_teams_row(EfCoreVersion ef)
    {
        // The key's Where, then a projection before the run: still one row, whichever team's, not every team's rows.
        await Verify.VerifyAnalyzerAsync(
            RuleSources.Returning("{|#1:fdb.Notes|}.{|#0:IgnoreQueryFilters()|}.Where(n => n.Id == newTeamId).Select(n => n.Status).FirstOrDefault()", FilteredModels.TenantFilterInOnModelCreating),
            ef,
            Verify.Diagnostic("TSA1005").WithLocation(0).WithLocation(1).WithArguments("Note", "TeamId", "FirstOrDefault", "team", "", RuleDescriptors.FindsAnyRowByKey("Id", "team")));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Query_built_in_locals_is_reported_once_at_the_IgnoreQueryFilters_call(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        var all = fdb.Notes.{|TSA1005:IgnoreQueryFilters()|};
                        var deleted = all.Where(n => n.IsDeleted);
                        var count = deleted.Count();
                        foreach (var note in deleted)
                        {
                            count++;
                        }

                        return deleted.ToList().Count + count;
                """, FilteredModels.TenantFilterInOnModelCreating),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task IgnoreQueryFilters_on_an_entity_without_filters_still_needs_a_predicate(EfCoreVersion ef)
    {
        // No tenant filter is switched off, so the finding is the unscoped query's (TSA1001), not TSA1005's.
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        _ = db.Leads.IgnoreQueryFilters().Where(l => l.TeamId == teamId).ToList();
                        _ = db.Countries.IgnoreQueryFilters().ToList();
                        _ = db.Leads.IgnoreQueryFilters().{|TSA1002:Count()|};
                        return db.Leads.IgnoreQueryFilters().{|TSA1001:ToList()|};
                """),
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task IgnoreQueryFilters_with_only_a_soft_delete_filter_still_needs_a_predicate(EfCoreVersion ef)
    {
        // Only the soft-delete filter is switched off: the query was never scoped to a team, and TSA1001 says so.
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        _ = fdb.Notes.IgnoreQueryFilters().Where(n => n.TeamId == teamId).ToList();
                        return fdb.Notes.IgnoreQueryFilters().Where(n => n.IsDeleted).{|TSA1001:ToList()|};
                """, FilteredModels.SoftDeleteFilterOnly),
            ef);
    }

    // EF Core 10 named filters: IgnoreQueryFilters(string[]) does not exist in EF Core 8.
    [Theory]
    [InlineData("fdb.Notes.IgnoreQueryFilters([\"SoftDelete\"]).ToList()")]
    [InlineData("fdb.Notes.IgnoreQueryFilters(new[] { \"SoftDelete\" }).Count()")]
    [InlineData("fdb.Notes.IgnoreQueryFilters([\"SoftDelete\"]).ExecuteDelete()")]
    [InlineData("fdb.Notes.IgnoreQueryFilters([\"Tenant\"]).Where(n => n.TeamId == teamId).ToList()")]
    [InlineData("fdb.Notes.IgnoreQueryFilters().Where(n => n.TeamId == teamId).ToList()")]
    [InlineData("fdb.Notes.ToList()")]
    public async Task Named_filters_keeping_the_tenant_filter_or_adding_a_predicate_are_not_reported(string expression)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression, FilteredModels.NamedFilters), EfCoreVersion.Ef10);
    }

    [Theory]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters([\"Tenant\"])|}.ToList()")]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters([\"SoftDelete\", \"Tenant\"])|}.ToList()")]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters(new[] { \"Tenant\" })|}.Count()")]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.ToList()")]
    [InlineData("fdb.Notes.{|TSA1005:IgnoreQueryFilters([\"Tenant\"])|}.ExecuteDelete()")]
    public async Task Named_filters_switching_off_the_tenant_filter_are_reported(string expression)
    {
        await Verify.VerifyAnalyzerAsync(RuleSources.Returning(expression, FilteredModels.NamedFilters), EfCoreVersion.Ef10);
    }

    private const string InterfaceRepository = FilteredModels.TenantFilterInOnModelCreating + """
        public interface IRepository<T> where T : class
        {
            Task<List<T>> AllIgnoringFiltersAsync(System.Linq.Expressions.Expression<Func<T, bool>> predicate);
        }

        public class Repository<T>(FilteredDbContext db) : IRepository<T> where T : class
        {
            public Task<List<T>> AllIgnoringFiltersAsync(System.Linq.Expressions.Expression<Func<T, bool>> predicate) =>
                db.Set<T>().IgnoreQueryFilters().Where(predicate).ToListAsync();
        }

        """;

    /// <summary>
    /// A generic repository called through its interface, as real apps call it: the one implementation in source runs,
    /// and the caller's predicate decides. Reported at the caller's lambda, never inside the repository.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Through_an_interface_the_callers_predicate_is_judged(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod(
                """
                        IRepository<Note> notes = new Repository<Note>(fdb);
                        var mine = notes.AllIgnoringFiltersAsync(n => n.TeamId == teamId && n.IsDeleted);
                        return notes.AllIgnoringFiltersAsync({|TSA1005:n => n.Status == "new"|});
                """,
                InterfaceRepository),
            ef);
    }

    private const string OptionalPredicateRepository = FilteredModels.TenantFilterInOnModelCreating + """
        public interface IStore<T> where T : class
        {
            Task<List<T>> AllIgnoringFiltersAsync(System.Linq.Expressions.Expression<Func<T, bool>>? predicate = null);
        }

        public class Store<T>(FilteredDbContext db) : IStore<T> where T : class
        {
            public async Task<List<T>> AllIgnoringFiltersAsync(System.Linq.Expressions.Expression<Func<T, bool>>? predicate = null)
            {
                var query = db.Set<T>().IgnoreQueryFilters();
                if (predicate is not null)
                {
                    query = query.Where(predicate);
                }

                return await query.ToListAsync();
            }
        }

        """;

    /// <summary>
    /// A store whose predicate is optional, with the filters off: a caller that passes a tenant predicate keeps its rows
    /// to one team; one that passes another predicate, or none, reads every team's.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_optional_predicate_with_the_filters_off_is_the_callers_to_scope(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod(
                """
                        IStore<Note> notes = new Store<Note>(fdb);
                        var mine = notes.AllIgnoringFiltersAsync(n => n.TeamId == teamId && n.IsDeleted);
                        var all = notes.{|TSA1005:AllIgnoringFiltersAsync()|};
                        return notes.AllIgnoringFiltersAsync({|TSA1005:n => n.Status == "new"|});
                """,
                OptionalPredicateRepository),
            ef);
    }

    /// <summary>
    /// A deleted note looked up by id with the filters off, and let through only when its team is the caller's: no other
    /// team's note goes past the guard. A guard on another column proves nothing.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_lookup_guarded_by_its_tenant_key_with_the_filters_off_is_not_reported(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod(
                """
                        var note = fdb.Notes.IgnoreQueryFilters().FirstOrDefault(n => n.Id == lead.Id);
                        if (note is null || note.TeamId != teamId) return "not found";
                        var other = fdb.Notes.{|TSA1005:IgnoreQueryFilters()|}.FirstOrDefault(n => n.Id == lead.Id);
                        if (other is null || other.Status != email) return "not found";
                        return note.Status + other.Status;
                """,
                FilteredModels.TenantFilterInOnModelCreating),
            ef);
    }

    /// <summary>
    /// Rows keyed by a user the method loaded through the tenant filter, and left when none came back, belong to that
    /// user's team: the same key reaches them with the filter off. Without the check, the key may be another team's user.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Rows_keyed_by_a_user_loaded_through_the_filter_are_that_users_team(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public class Member
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class MemberRole
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public Guid MemberId { get; set; }
                public Member? Member { get; set; }
                public bool Revoked { get; set; }
            }

            public class MembersDb : DbContext
            {
                public Guid CurrentTeamId { get; set; }
                public DbSet<Member> Members { get; set; } = null!;
                public DbSet<MemberRole> MemberRoles { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Member>().HasQueryFilter(m => m.TeamId == CurrentTeamId);
                    modelBuilder.Entity<MemberRole>().HasQueryFilter(r => r.TeamId == CurrentTeamId && !r.Revoked);
                }
            }

            public sealed class Roles(MembersDb db)
            {
                public async Task<List<MemberRole>> AllOf(Guid memberId)
                {
                    var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId);
                    if (member is null)
                    {
                        return new List<MemberRole>();
                    }

                    return await db.MemberRoles.IgnoreQueryFilters().Where(r => r.MemberId == memberId).ToListAsync();
                }

                public async Task<List<MemberRole>> AllOfUnchecked(Guid memberId)
                {
                    var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId);
                    return await db.MemberRoles.{|TSA1005:IgnoreQueryFilters()|}.Where(r => r.MemberId == memberId).ToListAsync();
                }
            }
            """,
            ef);
    }
}
