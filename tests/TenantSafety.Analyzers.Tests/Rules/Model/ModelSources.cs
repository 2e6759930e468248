namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// Builds model-rule test sources: a <c>Team</c> (not a tenant entity), a tenant entity <c>Message</c> whose class
/// name is written as the caller's markup, and an <c>AppDbContext</c> exposing <c>DbSet&lt;Message&gt;</c> with the
/// given <c>OnModelCreating</c> body. <c>Message</c> has no navigation to <c>Team</c>, so nothing indexes
/// <c>TeamId</c> unless the test's configuration does.
/// </summary>
internal static class ModelSources
{
    public const string Usings = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        """;

    public const string Team = """
        public class Team
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        """;

    /// <param name="name">The class name as written, with markup: <c>{|TSA2001:Message|}</c> or <c>Message</c>.</param>
    /// <param name="onModelCreating">Statements of <c>OnModelCreating(ModelBuilder modelBuilder)</c>; null for no override.</param>
    /// <param name="attributes">Attributes of the <c>Message</c> class.</param>
    /// <param name="members">More members of <c>Message</c>.</param>
    /// <param name="types">More types.</param>
    /// <param name="dbSets">The context's DbSet properties.</param>
    /// <param name="team">The <c>Team</c> class.</param>
    /// <param name="bases">The base list of <c>Message</c>, e.g. <c> : ITeamOwned</c>.</param>
    public static string Model(string name = "Message", string? onModelCreating = "", string attributes = "", string members = "", string types = "", string dbSets = "public DbSet<Message> Messages => Set<Message>();", string bases = "", string team = Team)
    {
        var onModelCreatingOverride = onModelCreating is null
            ? string.Empty
            : $$"""

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
            {{onModelCreating}}
                }
            """;
        return Usings + team + $$"""
            {{attributes}}
            public class {{name}}{{bases}}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public Guid? OwnerTeamId { get; set; }
                public string Status { get; set; } = "";
                public DateTime CreatedAt { get; set; }
                public int Number { get; set; }
            {{members}}
            }

            {{types}}
            public class AppDbContext : DbContext
            {
                {{dbSets}}
            {{onModelCreatingOverride}}
            }

            """;
    }
}
