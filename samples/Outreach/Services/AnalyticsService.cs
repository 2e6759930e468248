using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>Dashboard numbers.</summary>
public class AnalyticsService(OutreachDbContext db)
{
    // TSA1002: counts every team's sent messages.
    public Task<int> MessagesSentAsync() => db.Messages.CountAsync(m => m.Status == "sent");

    // Fine: one number per team.
    public Task<Dictionary<Guid, int>> MessagesSentPerTeamAsync() =>
        db.Messages.Where(m => m.Status == "sent").GroupBy(m => m.TeamId).ToDictionaryAsync(g => g.Key, g => g.Count());

    // TSA1002: the average over every team's leads.
    public Task<double> AverageLeadScoreAsync() => db.Leads.AverageAsync(l => l.Score);

    // TSA1002: tells whether any team has suppressed this number.
    public Task<bool> IsSuppressedAnywhereAsync(string phone) => db.SuppressionList.AnyAsync(s => s.Value == phone);

    // Scoped. TSA2002: intelligence_log is hot and filtered by (team_id, event_type).
    public Task<int> EventCountAsync(Guid teamId, string eventType) =>
        db.IntelligenceLog.CountAsync(e => e.TeamId == teamId && e.EventType == eventType);

    // Scoped: the lead_funnel view, filtered by team.
    public Task<List<LeadFunnelRow>> FunnelAsync(Guid teamId) =>
        db.LeadFunnel.Where(f => f.TeamId == teamId).ToListAsync();
}
