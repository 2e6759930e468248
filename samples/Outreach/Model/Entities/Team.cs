namespace Outreach.Model;

/// <summary>The tenant itself: the teams table is not a tenant table.</summary>
public class Team
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Slug { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<TeamMember> Members { get; set; } = [];

    public ICollection<TeamInvitation> Invitations { get; set; } = [];

    public ICollection<TeamSetting> Settings { get; set; } = [];

    public ICollection<ApiKey> ApiKeys { get; set; } = [];
}
