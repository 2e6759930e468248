namespace Outreach.Model;

// What the app infers: the intelligence log (hot, append-only), metrics rolled up from it, and the
// knowledge base the AI SDR answers from. None of these tables has a team_id index.

public class IntelligenceLogEntry : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid? LeadId { get; set; }

    public string EventType { get; set; } = "";

    public string PayloadJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}

public class IntelligenceMetric : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public DateOnly Day { get; set; }

    public decimal Value { get; set; }
}

public class KnowledgeDocument : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Title { get; set; } = "";

    public string Content { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A row of the lead_funnel database view (keyless): views have no indexes of their own, so it is
/// neither counted as a tenant table nor asked for one.
/// </summary>
public class LeadFunnelRow : ITeamOwned
{
    public Guid TeamId { get; set; }

    public string Status { get; set; } = "";

    public int Leads { get; set; }
}
