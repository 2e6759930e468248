namespace Outreach.Model;

/// <summary>Every tenant table carries team_id (the seed's tenant key).</summary>
public interface ITeamOwned
{
    Guid TeamId { get; }
}

public class Team
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";
}

public class Lead : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Status { get; set; } = "";

    public string Email { get; set; } = "";
}

public class Message : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid LeadId { get; set; }

    public Lead? Lead { get; set; }

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

public class Campaign : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";
}

public interface ITenantContext
{
    Guid TeamId { get; }
}
