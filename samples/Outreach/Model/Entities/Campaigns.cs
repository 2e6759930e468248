using System.ComponentModel.DataAnnotations.Schema;

namespace Outreach.Model;

// Campaigns and their machinery. Only workflows has a team_id index. Executions and events belong to a
// campaign and are scoped through it: they have no team_id of their own.

public class Campaign : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Status { get; set; } = "draft";

    public string Channel { get; set; } = "sms";

    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<CampaignExecution> Executions { get; set; } = [];

    public ICollection<CampaignEvent> Events { get; set; } = [];
}

/// <summary>One run of a campaign step for one lead: scoped through <see cref="Campaign"/>.</summary>
public class CampaignExecution
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public Guid LeadId { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Opens, replies, bounces of a campaign: scoped through <see cref="Campaign"/>.</summary>
public class CampaignEvent
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public string Type { get; set; } = "";

    public string PayloadJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The send queue the campaign worker drains, highest priority and earliest first.</summary>
[Table("campaign_queue")]
public class CampaignQueueItem : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public Guid LeadId { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    public string Status { get; set; } = "queued";

    public int Attempts { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public class CampaignCadence : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public int StepNumber { get; set; }

    public int DelayHours { get; set; }
}

public class CampaignInitialMessage : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public string Body { get; set; } = "";
}

public class CadenceTemplate : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string StepsJson { get; set; } = "[]";
}

public class SdrCampaignConfig : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public string SettingsJson { get; set; } = "{}";
}

public class AutomationPlay : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Trigger { get; set; } = "";

    public bool IsEnabled { get; set; }
}

public class Workflow : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string DefinitionJson { get; set; } = "{}";

    public bool IsActive { get; set; }
}
