using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Jobs;

/// <summary>Retention and offboarding: the places raw SQL is written by hand.</summary>
public class PurgeJobs(OutreachDbContext db)
{
    // Fine: the raw SQL constrains team_id (offboarding one team).
    public Task<int> PurgeTeamMessagesAsync(Guid teamId) =>
        db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM messages WHERE team_id = {teamId}");

    // TSA1004: deletes every team's expired shared links.
    public Task<int> PurgeExpiredSharedLinksAsync() =>
        db.Database.ExecuteSqlRawAsync("DELETE FROM shared_links WHERE expires_at < now()");

    // TSA1004: reads every team's stuck queue items.
    public Task<List<CampaignQueueItem>> StuckQueueItemsAsync() =>
        db.CampaignQueue.FromSqlRaw("SELECT * FROM campaign_queue WHERE status = 'sending'").ToListAsync();

    // Fine: a LINQ tenant predicate composed after the raw SQL scopes it.
    public Task<List<Message>> FailedMessagesAsync(Guid teamId) =>
        db.Messages.FromSqlRaw("SELECT * FROM messages WHERE status = 'failed'").Where(m => m.TeamId == teamId).ToListAsync();

    // TSA1004: counts every team's unread conversations.
    public Task<int> UnreadCountAsync() =>
        db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_items WHERE is_read = false").SingleAsync();

    // TSA1003: deletes every team's old outreach logs in one statement.
    public Task<int> PurgeOutreachLogsAsync(DateTimeOffset cutoff) =>
        db.OutreachLogs.Where(l => l.CreatedAt < cutoff).ExecuteDeleteAsync();
}
