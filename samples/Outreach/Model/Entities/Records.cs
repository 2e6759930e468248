namespace Outreach.Model;

// Public-records research: property searches, owners found, and skip-trace jobs that look up their
// phone numbers. None of these tables has a team_id index.

public class PropertySearch : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string CriteriaJson { get; set; } = "{}";

    public int ResultCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public class PropertyOwner : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string OwnerName { get; set; } = "";

    public string ParcelNumber { get; set; } = "";

    public string MailingAddress { get; set; } = "";
}

public class BusinessOwner : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string BusinessName { get; set; } = "";

    public string OwnerName { get; set; } = "";

    public string? RegistrationNumber { get; set; }
}

public class SkiptraceJob : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Status { get; set; } = "queued";

    public int RecordCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<SkiptraceResult> Results { get; set; } = [];
}

public class SkiptraceResult : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid JobId { get; set; }

    public SkiptraceJob? Job { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public decimal Confidence { get; set; }
}
