using Microsoft.EntityFrameworkCore;

namespace Outreach.Model;

// The AI SDR workforce: avatars, voice and personality settings, phone numbers and work sessions.
// Only worker_phone_assignments has a team_id index.

public class AiSdrAvatar : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string ImageUrl { get; set; } = "";
}

public class SdrSession : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid AvatarId { get; set; }

    public AiSdrAvatar? Avatar { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

public class WorkerVoiceConfig : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Voice { get; set; } = "";

    public decimal Speed { get; set; } = 1m;
}

public class WorkerPersonality : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Traits { get; set; } = "";
}

[Index(nameof(TeamId))]
public class WorkerPhoneAssignment : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string PhoneNumber { get; set; } = "";

    public Guid AvatarId { get; set; }

    public AiSdrAvatar? Avatar { get; set; }
}

public class Prompt : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Text { get; set; } = "";

    public int Version { get; set; }
}
