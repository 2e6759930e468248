using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace Outreach.Model;

// Leads and what the app learns about them. leads, lead_labels, integrations and saved_searches have
// team_id indexes; the rest of these tables do not.

public class Integration : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Provider { get; set; } = "";

    public string Status { get; set; } = "connected";

    public string CredentialsJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}

public class Lead : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid? IntegrationId { get; set; }

    public Integration? Integration { get; set; }

    public string? ExternalId { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string Email { get; set; } = "";

    public string? Phone { get; set; }

    public string Status { get; set; } = "new";

    public string Source { get; set; } = "";

    public int Score { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public class LeadLabel : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Category { get; set; } = "";

    public string Color { get; set; } = "";
}

/// <summary>The lead timeline: append-only and hot.</summary>
public class LeadActivity : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid LeadId { get; set; }

    public Lead? Lead { get; set; }

    public string Type { get; set; } = "";

    public string Description { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The merged view of a lead shown on the lead card.</summary>
public class UnifiedLeadCard : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid LeadId { get; set; }

    public Lead? Lead { get; set; }

    public string Summary { get; set; } = "";

    public int Score { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

[Index(nameof(TeamId))]
public class SavedSearch : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string QueryJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Numbers and addresses a team must never contact again.</summary>
[Table("suppression_list")]
public class SuppressionEntry : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Channel { get; set; } = "";

    public string Value { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
