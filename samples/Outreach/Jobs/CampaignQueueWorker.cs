using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Jobs;

/// <summary>Drains the campaign send queue, one team at a time.</summary>
public class CampaignQueueWorker(OutreachDbContext db)
{
    // Scoped. TSA2002: campaign_queue is hot and read by (team_id, priority DESC, scheduled_at ASC).
    public Task<List<CampaignQueueItem>> NextBatchAsync(Guid teamId, int size) =>
        db.CampaignQueue
            .Where(q => q.TeamId == teamId)
            .OrderByDescending(q => q.Priority)
            .ThenBy(q => q.ScheduledAt)
            .Take(size)
            .ToListAsync();

    // Fine: a scoped bulk update.
    public Task<int> MarkSendingAsync(Guid teamId, IReadOnlyCollection<Guid> ids) =>
        db.CampaignQueue
            .Where(q => q.TeamId == teamId && ids.Contains(q.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, "sending").SetProperty(q => q.UpdatedAt, DateTimeOffset.UtcNow));

    // TSA1003: requeues every team's stuck items in one statement.
    public Task<int> RequeueStuckAsync(DateTimeOffset before) =>
        db.CampaignQueue
            .Where(q => q.Status == "sending" && q.UpdatedAt < before)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, "queued"));

    // Fine: campaign_events is scoped through its campaign.
    public Task AddEventAsync(Guid campaignId, string type)
    {
        db.CampaignEvents.Add(new CampaignEvent { Id = Guid.NewGuid(), CampaignId = campaignId, Type = type, CreatedAt = DateTimeOffset.UtcNow });
        return db.SaveChangesAsync();
    }
}
