using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>The conversation inbox: messages, buckets and labels of the signed-in user's team.</summary>
public class InboxService(OutreachDbContext db, ITenantContext tenant)
{
    // Scoped through the helper. TSA2002: messages is hot and filtered by (team_id, status).
    public Task<List<Message>> PendingAsync() =>
        db.Messages.ForTeam(tenant.TeamId).Where(m => m.Status == "pending").ToListAsync();

    // TSA1001: every team's messages, enumerated.
    public async Task<int> ReplayAsync()
    {
        var replayed = 0;
        await foreach (var message in db.Messages.Where(m => m.Status == "failed").AsAsyncEnumerable())
        {
            replayed++;
        }

        return replayed;
    }

    // Scoped. TSA2002: inbox_items is hot and filtered by (team_id, current_bucket).
    public Task<List<InboxItem>> BucketAsync(string bucket) =>
        db.InboxItems.Where(i => i.TeamId == tenant.TeamId && i.CurrentBucket == bucket).Take(100).ToListAsync();

    // TSA1001: opens any team's conversation by id (an insecure direct object reference).
    public Task<InboxItem?> OpenAsync(Guid id) =>
        db.InboxItems.Include(i => i.Labels).FirstOrDefaultAsync(i => i.Id == id);

    // Fine: the tenant predicate is built step by step, on every path.
    public Task<List<ConversationLabel>> LabelsAsync(Guid inboxItemId, string? label)
    {
        var query = db.ConversationLabels.Where(l => l.TeamId == tenant.TeamId && l.InboxItemId == inboxItemId);
        if (label is not null)
        {
            query = query.Where(l => l.Label == label);
        }

        return query.ToListAsync();
    }

    // TSA1006: a bulk update that moves messages to another team.
    public Task<int> MoveAsync(Guid teamId, Guid otherTeamId) =>
        db.Messages.Where(m => m.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TeamId, otherTeamId));
}
