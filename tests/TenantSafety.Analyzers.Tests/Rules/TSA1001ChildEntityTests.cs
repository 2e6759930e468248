using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A child entity (a <c>Card</c> with no tenant key of its own and a required <c>BoardId</c> to a <c>Board</c> keyed by
/// <c>TeamId</c>) holds one team's rows through its parent: a query of it by a caller's board id, its own id, or nothing at
/// all reads every team's cards. It is scoped through the navigation (<c>c.Board.TeamId == teamId</c>), by a board loaded
/// or checked for the team first, by a navigation of a scoped board, or by a query filter through the navigation.
/// </summary>
public sealed class TSA1001ChildEntityTests
{
    private static string Source(string members, string boardId = "Guid", string cardFilter = "") => $$"""
        public class Team
        {
            public Guid Id { get; set; }
        }

        public class Project
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class Board
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid? ProjectId { get; set; }
            public Project? Project { get; set; }
            public List<Card> Cards { get; set; } = new();
        }

        public class Card
        {
            public Guid Id { get; set; }
            public {{boardId}} BoardId { get; set; }
            public Board Board { get; set; } = null!;
            public string Text { get; set; } = "";
        }

        public class KanbanDb(DbContextOptions<KanbanDb> options) : DbContext(options)
        {
            public DbSet<Team> Teams => Set<Team>();
            public DbSet<Board> Boards => Set<Board>();
            public DbSet<Card> Cards => Set<Card>();
            public DbSet<Project> Projects => Set<Project>();
            public Guid CurrentTeamId { get; set; }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Board>().HasIndex(b => b.TeamId);
                modelBuilder.Entity<Project>().HasIndex(p => p.TeamId);
                {{cardFilter}}
            }
        }

        public class CardService(KanbanDb db)
        {
            {{members}}
        }
        """;

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "public List<Card> ByBoard(Guid boardId) => db.Cards.Where(c => c.BoardId == boardId).{|TSA1001:ToList()|};",
        "public Card ById(Guid id) => db.Cards.{|TSA1001:Single(c => c.Id == id)|};",
        "public List<Card> OtherTeams(Guid teamId) => db.Cards.Where(c => c.Board.TeamId != teamId).{|TSA1001:ToList()|};",
        "public List<Board> Parents(Guid id) => db.Cards.Where(c => c.Id == id).Select(c => c.Board).{|TSA1001:ToList()|};",
        "public List<Card> WithBoards(Guid boardId) => db.Cards.Include(c => c.Board).Where(c => c.BoardId == boardId).{|TSA1001:ToList()|};",
        """
        public List<Card> Optional(Guid teamId, bool all)
        {
            var cards = db.Cards.AsQueryable();
            if (!all)
            {
                cards = cards.Where(c => c.Board.TeamId == teamId);
            }

            return cards.{|TSA1001:ToList()|};
        }
        """,
        "public int Count() => db.Cards.{|TSA1002:Count()|};",
        "public bool Exists(string text) => db.Cards.{|TSA1002:Any(c => c.Text == text)|};",
        "public int Delete(Guid boardId) => db.Cards.Where(c => c.BoardId == boardId).{|TSA1003:ExecuteDelete()|};",
        "public bool InProject(Guid projectId) => db.Cards.{|TSA1002:Any(c => c.Board.ProjectId == projectId)|};",
        "public int Rename(Guid boardId, string text) => db.Cards.Where(c => c.BoardId == boardId).{|TSA1003:ExecuteUpdate(s => s.SetProperty(c => c.Text, text))|};");

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "public List<Card> Team(Guid teamId, Guid boardId) => db.Cards.Where(c => c.BoardId == boardId && c.Board.TeamId == teamId).ToList();",
        "public int CountForTeam(Guid teamId) => db.Cards.Count(c => c.Board.TeamId == teamId);",
        "public int DeleteForTeam(Guid teamId, Guid boardId) => db.Cards.Where(c => c.Board.TeamId == teamId && c.BoardId == boardId).ExecuteDelete();",

        // A board loaded for the team, its navigation, a board checked for the team before the delete.
        "public List<Card> OfLoadedBoard(Guid teamId, Guid boardId) { var board = db.Boards.Single(b => b.Id == boardId && b.TeamId == teamId); return db.Cards.Where(c => c.BoardId == board.Id).ToList(); }",
        "public List<Card> OfScopedBoards(Guid teamId) => db.Boards.Where(b => b.TeamId == teamId).SelectMany(b => b.Cards).ToList();",
        // Tied through the navigation to a row loaded for the team: the cards of the project's boards.
        "public bool InLoadedProject(Guid teamId, Guid projectId) { var project = db.Projects.Single(p => p.Id == projectId && p.TeamId == teamId); return db.Cards.Any(c => c.Board.ProjectId == project.Id); }",
        """
        public async Task<int> DeleteChecked(Guid teamId, Guid boardId)
        {
            if (!await db.Boards.AnyAsync(b => b.Id == boardId && b.TeamId == teamId))
            {
                return 0;
            }

            return await db.Cards.Where(c => c.BoardId == boardId).ExecuteDeleteAsync();
        }
        """);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task A_query_of_a_child_entity_not_scoped_through_its_parent_is_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task A_query_of_a_child_entity_scoped_through_its_parent_is_not_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task The_message_names_the_key_through_the_navigation(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source("public Card ById(Guid id) => db.Cards.{|#0:Single(c => c.Id == id)|};"),
            ef,
            Verify.Diagnostic("TSA1001").WithLocation(0)
                .WithArguments("Card", "Board.TeamId", "Single", "team", "", RuleDescriptors.FindsAnyRowByKey("Id", "team")));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_query_filter_through_the_navigation_scopes_the_child(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source(
                "public Card ById(Guid id) => db.Cards.Single(c => c.Id == id);",
                cardFilter: "modelBuilder.Entity<Card>().HasQueryFilter(c => c.Board.TeamId == CurrentTeamId);"),
            ef);

    private const string BoardFilter = "modelBuilder.Entity<Board>().HasQueryFilter(b => b.TeamId == CurrentTeamId);";

    /// <summary>
    /// Queries of cards that yield only their boards' rows, with the boards filtered: EF Core joins the navigation through
    /// Board's filter, so only the team's boards come out (a card of another team's board drops out of the inner join).
    /// </summary>
    public static TheoryData<string, EfCoreVersion> ProjectedToFilteredParent => RuleSources.WithEachEf(
        "public List<Board> Parents(string text) => db.Cards.Where(c => c.Text == text).Select(c => c.Board).ToList();",
        "public List<Guid?> Projects(string text) => db.Cards.Where(c => c.Text == text).Select(c => c.Board.ProjectId).Distinct().ToList();",
        "public int Boards(string text) => db.Cards.Where(c => c.Text == text).Select(c => c.Board).Distinct().Count();",
        "public Board? First(string text) => db.Cards.Where(c => c.Text == text).Select(c => c.Board).OrderBy(b => b.TeamId).FirstOrDefault();",
        "public List<Guid> Teams(string text) => db.Cards.Where(c => c.Text == text).Select(c => c.Board).Select(b => b.TeamId).ToList();",
        "public List<object> Pairs(string text) => db.Cards.Where(c => c.Text == text).Select(c => (object)new { c.Board.TeamId, c.Board.ProjectId }).ToList();");

    [Theory]
    [MemberData(nameof(ProjectedToFilteredParent))]
    public Task A_query_of_a_child_that_yields_only_its_filtered_parents_rows_is_not_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members, cardFilter: BoardFilter), ef);

    /// <summary>The same boards filtered, but the cards' own columns come out, the boards' keys (which the foreign key holds), or the filter is off.</summary>
    public static TheoryData<string, EfCoreVersion> ProjectedBesideTheParent => RuleSources.WithEachEf(
        "public List<object> WithText(string text) => db.Cards.Where(c => c.Text == text).Select(c => (object)new { c.Text, c.Board.TeamId }).{|TSA1001:ToList()|};",
        "public List<Guid> BoardIds(string text) => db.Cards.Where(c => c.Text == text).Select(c => c.Board.Id).{|TSA1001:ToList()|};",
        "public List<Card> Whole(string text) => db.Cards.Where(c => c.Text == text).Select(c => c).{|TSA1001:ToList()|};",
        "public List<Board> Unfiltered(string text) => db.Cards.IgnoreQueryFilters().Where(c => c.Text == text).Select(c => c.Board).{|TSA1001:ToList()|};",
        "public List<Board> Then(string text) => db.Cards.Select(c => new { c.Board, c.Text }).Where(x => x.Text == text).Select(x => x.Board).{|TSA1001:ToList()|};");

    [Theory]
    [MemberData(nameof(ProjectedBesideTheParent))]
    public Task A_query_of_a_child_that_yields_more_than_its_filtered_parents_rows_is_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members, cardFilter: BoardFilter), ef);

    /// <summary>
    /// A link of a shared employee to a team, filtered through the employee's memberships: the filter keeps the links of the
    /// organization's employees, in any organization's teams (an employee of two organizations shows the other's teams).
    /// </summary>
    private const string MembershipFilteredLinks = """
        public class Team { public Guid Id { get; set; } public Guid OrganizationId { get; set; } }
        public class Membership { public Guid Id { get; set; } public Guid EmployeeId { get; set; } public Guid OrganizationId { get; set; } }
        public class Employee { public Guid Id { get; set; } public List<Membership> Memberships { get; set; } = new(); }

        public class EmployeeTeam
        {
            public Guid Id { get; set; }
            public Guid EmployeeId { get; set; }
            public Employee Employee { get; set; } = null!;
            public Guid TeamId { get; set; }
            public Team Team { get; set; } = null!;
        }

        public class StaffDb(DbContextOptions<StaffDb> options) : DbContext(options)
        {
            public DbSet<Team> Teams => Set<Team>();
            public DbSet<Membership> Memberships => Set<Membership>();
            public DbSet<Employee> Employees => Set<Employee>();
            public DbSet<EmployeeTeam> EmployeeTeams => Set<EmployeeTeam>();
            public Guid CurrentOrganizationId { get; set; }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Team>().HasQueryFilter(t => t.OrganizationId == CurrentOrganizationId).HasIndex(t => t.OrganizationId);
                modelBuilder.Entity<Membership>().HasQueryFilter(m => m.OrganizationId == CurrentOrganizationId).HasIndex(m => m.OrganizationId);
                modelBuilder.Entity<EmployeeTeam>().HasQueryFilter(et => et.Employee.Memberships.Any(m => m.OrganizationId == CurrentOrganizationId));
            }
        }

        public class TeamMembers(StaffDb db)
        {
            public List<Guid> Of(Guid teamId) => db.EmployeeTeams.Where(et => et.TeamId == teamId).Select(et => et.EmployeeId).{|#0:ToList()|};
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_filter_through_another_row_is_named_in_the_message(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            MembershipFilteredLinks,
            ef,
            Verify.Diagnostic("TSA1001").WithLocation(0)
                .WithArguments("EmployeeTeam", "Team.OrganizationId", "ToList", "organization", RuleDescriptors.FilterNotThroughParent("Team.OrganizationId", "organization"), RuleDescriptors.ReadsEveryRow("organization")));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_child_named_in_global_types_is_not_judged(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            [Source("public Card ById(Guid id) => db.Cards.Single(c => c.Id == id);")],
            ef,
            "root = true\n[*.cs]\ntenant_safety.global_types = Card\n");

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_child_with_an_optional_parent_is_not_judged(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source("public Card ById(Guid id) => db.Cards.Single(c => c.Id == id);", boardId: "Guid?"), ef);
}
