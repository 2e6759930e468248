namespace Outreach.Model;

// Team administration. Each of these tables has a team_id index in the audited database, and each is
// related to Team (the relationship is what an admin screen navigates).

public class TeamMember : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public Guid UserId { get; set; }

    public string Role { get; set; } = "member";

    public DateTimeOffset JoinedAt { get; set; }
}

public class TeamInvitation : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public string Email { get; set; } = "";

    public string Role { get; set; } = "member";

    public string Token { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}

public class TeamSetting : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public string Name { get; set; } = "";

    public string Scope { get; set; } = "team";

    public string Value { get; set; } = "";
}

public class ApiKey : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public string Name { get; set; } = "";

    public string Prefix { get; set; } = "";

    public string KeyHash { get; set; } = "";

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
