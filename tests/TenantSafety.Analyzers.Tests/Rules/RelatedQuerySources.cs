namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A model with relationships for the query rules: the tenant principal <c>Team</c> (whose <c>Id</c> the tenant keys
/// reference) with its <c>Leads</c>; <c>Lead</c> with its <c>Notes</c>; <c>Template</c>, owned by a team or shared
/// (<c>TeamId</c> null); <c>Membership</c>, keyed by <c>(UserId, TeamId)</c>; <c>User</c>, not a tenant entity.
/// </summary>
internal static class RelatedQuerySources
{
    public const string Model = """
        public interface ITeamOwned
        {
            Guid TeamId { get; }
        }

        public class Team
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
            public List<Lead> Leads { get; set; } = new();
        }

        public class Lead : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Team? Team { get; set; }
            public Guid OwnerId { get; set; }
            public string Status { get; set; } = "";
            public bool Closed { get; set; }
            public DateTime CreatedAt { get; set; }
            public List<Note> Notes { get; set; } = new();
        }

        public class Note : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid LeadId { get; set; }
            public Lead? Lead { get; set; }
            public bool Pinned { get; set; }
            public bool Flagged { get; set; }
        }

        public class Template
        {
            public Guid Id { get; set; }
            public Guid? TeamId { get; set; }
            public string Name { get; set; } = "";
        }

        public class Membership
        {
            public Guid UserId { get; set; }
            public Guid TeamId { get; set; }
        }

        public class User
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Team> Teams { get; set; } = null!;
            public DbSet<Lead> Leads { get; set; } = null!;
            public DbSet<Note> Notes { get; set; } = null!;
            public DbSet<Template> Templates { get; set; } = null!;
            public DbSet<Membership> Memberships { get; set; } = null!;
            public DbSet<User> Users { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Membership>().HasKey(m => new { m.UserId, m.TeamId });
        }

        """;

    /// <summary>
    /// The model, <paramref name="types"/>, and a service over <c>AppDbContext db</c> whose method <c>Run</c> has
    /// <c>teamId</c>, <c>id</c>, <c>userId</c>, <c>status</c>, <c>flag</c> and <c>ids</c> in scope and the statements <paramref name="body"/>.
    /// </summary>
    public static string InService(string body, string types = "", string members = "") => Model + types + $$"""
        public class LeadService(AppDbContext db)
        {
            {{members}}

            public async Task Run(Guid teamId, Guid id, Guid userId, string status, bool flag, List<Guid>? ids)
            {
                {{body}}
                await Task.CompletedTask;
            }
        }
        """;
}
