using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>Lead search and the lead card.</summary>
public class LeadService(OutreachDbContext db, ITenantContext tenant)
{
    // TSA1001: an insecure direct object reference — any team's lead by id.
    public Task<Lead?> GetAsync(Guid id) => db.Leads.FirstOrDefaultAsync(l => l.Id == id);

    // Scoped: the tenant predicate comes first.
    public Task<Lead?> GetForTeamAsync(Guid teamId, Guid id) =>
        db.Leads.Where(l => l.TeamId == teamId).FirstOrDefaultAsync(l => l.Id == id);

    // TSA1001: Find looks the key up in every team's rows.
    public ValueTask<Lead?> FindAsync(Guid id) => db.Leads.FindAsync(id);

    // TSA1001 on one path only: the predicate is added inside the if.
    public List<Lead> Search(string? status, bool mine)
    {
        var query = db.Leads.AsQueryable();
        if (mine)
        {
            query = query.Where(l => l.TeamId == tenant.TeamId);
        }

        if (status is not null)
        {
            query = query.Where(l => l.Status == status);
        }

        return query.ToList();
    }

    // Scoped: the audit's "leads by team and status" filter.
    public Task<List<Lead>> ByStatusAsync(Guid teamId, string status) =>
        db.Leads.Where(l => l.TeamId == teamId && l.Status == status).ToListAsync();

    // Scoped, in query syntax.
    public List<Lead> Hot(Guid teamId) =>
        (from lead in db.Leads
         where lead.TeamId == teamId && lead.Score >= 80
         orderby lead.Score descending
         select lead).ToList();

    // TSA1002: a cross-tenant statistic.
    public int CountNew() => db.Leads.Count(l => l.Status == "new");

    // Fine: grouped per tenant.
    public object CountPerTeam() => db.Leads.GroupBy(l => l.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToList();

    // Scoped. TSA2002: lead_activities is hot and filtered by (team_id, lead_id).
    public Task<List<LeadActivity>> TimelineAsync(Guid teamId, Guid leadId) =>
        db.LeadActivities.Where(a => a.TeamId == teamId && a.LeadId == leadId).ToListAsync();

    // TSA1001: the lead card by lead id, from any team.
    public Task<UnifiedLeadCard?> CardAsync(Guid leadId) =>
        db.UnifiedLeadCards.SingleOrDefaultAsync(c => c.LeadId == leadId);
}
