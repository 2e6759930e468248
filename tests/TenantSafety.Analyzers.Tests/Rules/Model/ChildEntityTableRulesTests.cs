using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using FilterVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantFilterAnalyzer>;
using IndexVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;
using QueryVerify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// A child entity's table (a <c>Card</c> under a required <c>Board</c> keyed by <c>TeamId</c>) has no tenant column: no
/// rule asks for an index (TSA2001) or a filter (TSA1007) on one, and SQL that names it (TSA1004) is not judged, while
/// its parent's table still is.
/// </summary>
public sealed class ChildEntityTableRulesTests
{
    private static string Source(string body = "") => $$"""
        public class Board
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Card
        {
            public Guid Id { get; set; }
            public Guid BoardId { get; set; }
            public Board Board { get; set; } = null!;
        }

        public class {|TSA1007:{|TSA2001:Column|}|}
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class KanbanDb(DbContextOptions<KanbanDb> options) : DbContext(options)
        {
            public DbSet<Board> Boards => Set<Board>();
            public DbSet<Card> Cards => Set<Card>();
            public DbSet<Column> Columns => Set<Column>();
            public Guid CurrentTeamId { get; set; }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Board>().HasIndex(b => b.TeamId);
                modelBuilder.Entity<Board>().HasQueryFilter(b => b.TeamId == CurrentTeamId);
            }
        }

        public class CardService(KanbanDb db)
        {
            public void Run(Guid boardId)
            {
                {{body}}
            }
        }
        """;

    private const string Enabled = "root = true\n[*.cs]\ndotnet_diagnostic.TSA1007.severity = suggestion\n";

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_child_table_needs_no_tenant_key_index(EfCoreVersion ef) =>
        IndexVerify.VerifyAnalyzerAsync(Source().Replace("{|TSA1007:", "").Replace("|}|}", "|}"), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_child_table_needs_no_tenant_filter_of_its_own(EfCoreVersion ef) =>
        FilterVerify.VerifyAnalyzerAsync([Source().Replace("{|TSA2001:", "").Replace("|}|}", "|}")], ef, Enabled);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Sql_on_a_child_table_is_not_judged_and_sql_on_its_parent_is(EfCoreVersion ef) =>
        QueryVerify.VerifyAnalyzerAsync(
            Source(
                """
                db.Database.ExecuteSqlRaw("DELETE FROM \"Cards\" WHERE \"BoardId\" = {0}", boardId);
                db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM \"Boards\" WHERE \"Id\" = {0}"|}, boardId);
                """).Replace("{|TSA1007:{|TSA2001:Column|}|}", "Column"),
            ef);
}
