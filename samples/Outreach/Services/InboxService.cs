using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

public static class TenantQueryExtensions
{
    /// <summary>The canonical scoping helper: TenantSafety sees through it.</summary>
    public static IQueryable<T> ForTeam<T>(this IQueryable<T> query, Guid teamId) where T : ITeamOwned =>
        query.Where(x => x.TeamId == teamId);
}

public class InboxService(OutreachDbContext db, ITenantContext tenant)
{
    // Scoped through the helper.
    public Task<List<Message>> PendingAsync() =>
        db.Messages.ForTeam(tenant.TeamId).Where(m => m.Status == "pending").OrderBy(m => m.CreatedAt).ToListAsync();

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

    // Fine: campaigns have a tenant query filter.
    public List<Campaign> Campaigns() => db.Campaigns.ToList();

    // TSA1005: switches the tenant filter off without scoping itself.
    public List<Campaign> AllCampaigns() => db.Campaigns.IgnoreQueryFilters().ToList();

    // TSA1006: a bulk update that moves messages to another team.
    public Task<int> MoveAsync(Guid teamId, Guid otherTeamId) =>
        db.Messages.Where(m => m.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TeamId, otherTeamId));
}
