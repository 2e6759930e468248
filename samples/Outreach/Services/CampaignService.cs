using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>Campaign screens. Campaigns have a tenant query filter; executions are reached through them.</summary>
public class CampaignService(OutreachDbContext db)
{
    // Fine: campaigns have a tenant query filter.
    public List<Campaign> Campaigns() => db.Campaigns.ToList();

    // TSA1005: switches the tenant filter off without scoping itself.
    public List<Campaign> AllCampaigns() => db.Campaigns.IgnoreQueryFilters().ToList();

    // Fine: campaign_executions has no team_id; it is scoped through its campaign.
    public Task<List<CampaignExecution>> ExecutionsAsync(Guid teamId, Guid campaignId) =>
        db.CampaignExecutions.Where(e => e.CampaignId == campaignId && e.Campaign!.TeamId == teamId).ToListAsync();

    // Fine: scoped bulk delete of a team's cadence steps.
    public Task<int> ClearCadenceAsync(Guid teamId, Guid campaignId) =>
        db.CampaignCadences.Where(c => c.TeamId == teamId && c.CampaignId == campaignId).ExecuteDeleteAsync();
}
