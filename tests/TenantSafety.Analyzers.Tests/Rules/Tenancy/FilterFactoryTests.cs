using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// A tenant filter a generic method builds and returns, made generic by reflection for each entity a loop over the model
/// reaches and set with the non-generic <c>HasQueryFilter(LambdaExpression)</c> or <c>SetQueryFilter</c>: the entities the
/// loop and the method's constraints let through are filtered by it, so their queries are scoped and switching the filter
/// off is TSA1005. Until the returned lambda was read, every query of such an app was a TSA1001 (a real SaaS starter's
/// 13 wrong findings), with no hint that a loop was not understood.
/// </summary>
public sealed class FilterFactoryTests
{
    private const string Loop = """
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (!typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType)) continue;
                    var filter = GetType().GetMethod(nameof(TeamFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                        .MakeGenericMethod(entityType.ClrType).Invoke(this, null);
                    modelBuilder.Entity(entityType.ClrType).HasQueryFilter((LambdaExpression)filter!);
                }
        """;

    private const string TeamFilter =
        "private LambdaExpression TeamFilter<T>() where T : class, ITeamOwned => (Expression<Func<T, bool>>)(e => e.TeamId == CurrentTeamId);";

    private const string Reads = """
        public class Reader(FilteredContext db)
        {
            public Lead? Find(Guid id) => db.Leads.FirstOrDefault(l => l.Id == id);

            public int Count() => db.Messages.Count();
        }
        """;

    public static TheoryData<string, string, EfCoreVersion> Filtered => RuleSources.WithEachEf(
        // The loop and method as a SaaS starter writes them.
        (Loop, TeamFilter),
        // SetQueryFilter on the entity type; the method typed Expression<Func<T, bool>>, with a block body through a local.
        (Loop.Replace("modelBuilder.Entity(entityType.ClrType).HasQueryFilter((LambdaExpression)filter!);", "entityType.SetQueryFilter((LambdaExpression?)filter);"),
            "private Expression<Func<T, bool>> TeamFilter<T>() where T : class, ITeamOwned { Expression<Func<T, bool>> filter = e => e.TeamId == CurrentTeamId && !e.IsDeletedSomewhere(); return filter; }"),
        // Tenant and soft-delete together; looked up on a named type with a string; a method constrained to class only,
        // the loop's guard deciding which entities reach it.
        (Loop.Replace("GetType().GetMethod(nameof(TeamFilter)", "typeof(FilteredContext).GetMethod(\"TeamFilter\""),
            "private LambdaExpression TeamFilter<T>() where T : class => (Expression<Func<T, bool>>)(e => EF.Property<Guid>(e, \"TeamId\") == CurrentTeamId);"),
        // Each step held by a local, as apps often write it: the method made generic, and the lookup before the loop.
        (Loop.Replace("var filter = GetType()", "var method = GetType()").Replace(".MakeGenericMethod(entityType.ClrType).Invoke(this, null);", ".MakeGenericMethod(entityType.ClrType); var filter = method.Invoke(this, null);"), TeamFilter),
        ("var lookup = GetType().GetMethod(nameof(TeamFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;\n        "
            + Loop.Replace("GetType().GetMethod(nameof(TeamFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!", "lookup"), TeamFilter),
        // The MethodInfo kept in a field.
        (Loop.Replace("GetType().GetMethod(nameof(TeamFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!", "FilterMethod"),
            "private static readonly System.Reflection.MethodInfo FilterMethod = typeof(FilteredContext).GetMethod(nameof(TeamFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!; " + TeamFilter));

    public static TheoryData<string, string, EfCoreVersion> NotFiltered => RuleSources.WithEachEf(
        // The method's filter does not scope by the tenant key.
        (Loop, "private LambdaExpression TeamFilter<T>() where T : class, ITeamOwned => (Expression<Func<T, bool>>)(e => e.TeamId != Guid.Empty);"),
        // A guard that lets no tenant entity through.
        (Loop.Replace("if (!typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType)) continue;", "if (!typeof(Team).IsAssignableFrom(entityType.ClrType)) continue;"),
            "private LambdaExpression TeamFilter<T>() where T : class => (Expression<Func<T, bool>>)(e => EF.Property<Guid>(e, \"TeamId\") == CurrentTeamId);"),
        // A method with two returns: which lambda is set is not read.
        (Loop, "private LambdaExpression TeamFilter<T>() where T : class, ITeamOwned { if (CurrentTeamId == Guid.Empty) return (Expression<Func<T, bool>>)(e => true); return (Expression<Func<T, bool>>)(e => e.TeamId == CurrentTeamId); }"));

    [Theory]
    [MemberData(nameof(Filtered))]
    public Task Queries_of_entities_the_returned_filter_reaches_are_scoped(string onModelCreating, string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Context(onModelCreating, members) + Reads, ef);

    [Theory]
    [MemberData(nameof(NotFiltered))]
    public Task A_returned_filter_that_does_not_scope_or_reach_leaves_queries_reported(string onModelCreating, string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Context(onModelCreating, members) + Reads
                .Replace("db.Leads.FirstOrDefault(l => l.Id == id)", "db.Leads.{|TSA1001:FirstOrDefault(l => l.Id == id)|}")
                .Replace("db.Messages.Count()", "db.Messages.{|TSA1002:Count()|}"),
            ef);

    /// <summary>Switching the returned filter off is TSA1005, as for a filter written in <c>HasQueryFilter</c>.</summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Ignoring_the_returned_filter_is_TSA1005(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Context(Loop, TeamFilter) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> All() => db.Leads.{|TSA1005:IgnoreQueryFilters()|}.ToList();
            }
            """,
            ef);

    private static string Context(string onModelCreating, string members) =>
        TSA1001UnscopedTenantQueryTests.FilteredContext(onModelCreating, members) + """
        public class Team
        {
            public Guid Id { get; set; }
        }

        public static class LeadChecks
        {
            public static bool IsDeletedSomewhere(this ITeamOwned row) => false;
        }

        """;
}
