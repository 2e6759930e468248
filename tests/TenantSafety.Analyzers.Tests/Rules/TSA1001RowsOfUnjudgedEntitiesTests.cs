using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A row of an entity no rule judges (a <c>Card</c> with no tenant key and an optional board, found by a caller's id)
/// stands for no tenant: the tenant rows its keys lead to (its <c>Board</c>) are any team's, and the query that reads them
/// is reported, since the lookup that loaded the card carries no finding. A card looked up through its board's key, or
/// filtered by a query filter on that key, stands for the team it was scoped to, as does the tenant principal. A card
/// whose board is required is a child entity (<see cref="TSA1001ChildEntityTests"/>): its own lookup carries the finding.
/// </summary>
public sealed class TSA1001RowsOfUnjudgedEntitiesTests
{
    private static string Source(string body, string cardFilter = "", string boardId = "Guid?") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        public class Team
        {
            public Guid Id { get; set; }
            public string Slug { get; set; } = "";
            public Guid DefaultBoardId { get; set; }
        }

        public class Board
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Title { get; set; } = "";
        }

        public class Card
        {
            public Guid Id { get; set; }
            public {{boardId}} BoardId { get; set; }
            public Board? Board { get; set; }
            public string Text { get; set; } = "";
        }

        public class KanbanDb(DbContextOptions<KanbanDb> options) : DbContext(options)
        {
            public DbSet<Team> Teams => Set<Team>();
            public DbSet<Board> Boards => Set<Board>();
            public DbSet<Card> Cards => Set<Card>();
            public Guid CurrentTeamId { get; set; }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Board>().HasOne<Team>().WithMany().HasForeignKey(b => b.TeamId);
                {{cardFilter}}
            }
        }

        public class CardService(KanbanDb db)
        {
            public async Task<object?> Run(Guid teamId, Guid cardId, string text)
            {
                {{body}}
                return null;
            }
        }
        """;

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "var card = await db.Cards.FirstOrDefaultAsync(c => c.Id == cardId) ?? throw new KeyNotFoundException();\n        return await db.Boards.{|TSA1001:FirstAsync(b => b.Id == card.BoardId)|};",
        "var card = await db.Cards.FindAsync(cardId);\n        return await db.Boards.{|TSA1001:FirstOrDefaultAsync(b => b.Id == card!.BoardId)|};",
        "var boardId = await db.Cards.Where(c => c.Id == cardId).Select(c => c.BoardId).FirstOrDefaultAsync();\n        return await db.Boards.{|TSA1001:FirstOrDefaultAsync(b => b.Id == boardId)|};",
        "var cards = await db.Cards.Where(c => c.Text == text).ToListAsync();\n        var boardIds = cards.Select(c => c.BoardId).ToList();\n        return await db.Boards.Where(b => boardIds.Contains(b.Id)).{|TSA1001:ToListAsync()|};",
        "foreach (var card in await db.Cards.Where(c => c.Text == text).ToListAsync())\n        {\n            await db.Boards.{|TSA1001:FirstAsync(b => b.Id == card.BoardId)|};\n        }");

    // The same lookups of a card whose board is required: a child entity, whose lookup by any id is reported itself.
    public static TheoryData<string, EfCoreVersion> ChildLookups => RuleSources.WithEachEf(
        "var card = await db.Cards.{|TSA1001:FirstOrDefaultAsync(c => c.Id == cardId)|} ?? throw new KeyNotFoundException();\n        return await db.Boards.FirstAsync(b => b.Id == card.BoardId);",
        "var boardId = await db.Cards.Where(c => c.Id == cardId).Select(c => c.BoardId).{|TSA1001:FirstOrDefaultAsync()|};\n        return await db.Boards.FirstOrDefaultAsync(b => b.Id == boardId);",
        "var cards = await db.Cards.Where(c => c.Text == text).{|TSA1001:ToListAsync()|};\n        var boardIds = cards.Select(c => c.BoardId).ToList();\n        return await db.Boards.Where(b => boardIds.Contains(b.Id)).ToListAsync();",
        "foreach (var card in await db.Cards.Where(c => c.Text == text).{|TSA1001:ToListAsync()|})\n        {\n            await db.Boards.FirstAsync(b => b.Id == card.BoardId);\n        }");

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        // The card was looked up through its board's tenant key.
        "var card = await db.Cards.FirstAsync(c => c.Id == cardId && c.Board!.TeamId == teamId);\n        return await db.Boards.FirstAsync(b => b.Id == card.BoardId);",
        "var boardId = await db.Cards.Where(c => c.Id == cardId && c.Board!.TeamId == teamId).Select(c => c.BoardId).FirstAsync();\n        return await db.Boards.FindAsync(boardId);",
        // The board query scopes itself.
        "var card = await db.Cards.FirstAsync(c => c.Id == cardId);\n        return await db.Boards.FirstAsync(b => b.Id == card.BoardId && b.TeamId == teamId);",
        // The tenant principal, however it was found, stands for its own team (as b.TeamId == team.Id would).
        "var team = await db.Teams.FirstAsync(t => t.Id == teamId);\n        return await db.Boards.FirstAsync(b => b.Id == team.DefaultBoardId);",
        "var team = await db.Teams.FirstAsync(t => t.Slug == text);\n        return await db.Boards.FirstAsync(b => b.Id == team.DefaultBoardId);");

    [Theory]
    [MemberData(nameof(Unscoped))]
    public async Task Tenant_rows_reached_through_an_unjudged_row_found_by_any_id_are_reported(string body, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(body), ef);
    }

    [Theory]
    [MemberData(nameof(ChildLookups))]
    public async Task A_child_entity_s_lookup_by_any_id_carries_the_finding(string body, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(body, boardId: "Guid"), ef);
    }

    [Theory]
    [MemberData(nameof(Scoped))]
    public async Task Tenant_rows_reached_through_a_row_scoped_to_a_team_are_not_reported(string body, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Source(body), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_card_a_query_filter_scopes_through_its_board_stands_for_that_team(EfCoreVersion ef)
    {
        var source = Source(
            "var card = await db.Cards.FirstAsync(c => c.Id == cardId);\n        return await db.Boards.FirstAsync(b => b.Id == card.BoardId);",
            cardFilter: "modelBuilder.Entity<Card>().HasQueryFilter(c => c.Board!.TeamId == CurrentTeamId);");
        await Verify.VerifyAnalyzerAsync(source, ef);
    }
}
