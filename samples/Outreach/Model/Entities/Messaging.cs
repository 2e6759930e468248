using Microsoft.EntityFrameworkCore;

namespace Outreach.Model;

// Conversations: messages, the inbox and the schedule. messages, inbox_items, scheduled_events and
// outreach_logs are the audit's tier-1 hot tables; none of these tables has a team_id index.

/// <summary>One SMS, email or call note. Written once; only its delivery status moves.</summary>
public class Message : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid LeadId { get; set; }

    public Lead? Lead { get; set; }

    public Guid? CampaignId { get; set; }

    public string Channel { get; set; } = "sms";

    public string Direction { get; set; } = "outbound";

    public string Body { get; set; } = "";

    public string Status { get; set; } = "queued";

    public DateTimeOffset CreatedAt { get; set; }
}

public class MessageTemplate : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string Body { get; set; } = "";

    public string Channel { get; set; } = "sms";
}

/// <summary>A conversation in the inbox, sorted into a response bucket.</summary>
public class InboxItem : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid LeadId { get; set; }

    public Lead? Lead { get; set; }

    public string CurrentBucket { get; set; } = "new";

    public bool IsRead { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ICollection<ConversationLabel> Labels { get; set; } = [];
}

public class ResponseBucket : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }
}

public class ConversationLabel : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid InboxItemId { get; set; }

    public InboxItem? InboxItem { get; set; }

    public string Label { get; set; } = "";
}

/// <summary>The first message a new lead receives, per source.</summary>
public class InitialMessage : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Source { get; set; } = "";

    public string Body { get; set; } = "";
}

[Index(nameof(Token), IsUnique = true)]
public class SharedLink : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Token { get; set; } = "";

    public string TargetUrl { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

public class Appointment : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid LeadId { get; set; }

    public Lead? Lead { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public string Status { get; set; } = "booked";
}

/// <summary>Follow-ups, reminders and retries the scheduler picks up when due.</summary>
public class ScheduledEvent : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Type { get; set; } = "";

    public string Status { get; set; } = "pending";

    public DateTimeOffset RunAt { get; set; }

    public string PayloadJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Audit trail of every outreach attempt: append-only.</summary>
public class OutreachLog : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid? LeadId { get; set; }

    public string Channel { get; set; } = "";

    public string Event { get; set; } = "";

    public string Detail { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
