using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

public class LeadService(OutreachDbContext db, ITenantContext tenant)
{
    // TSA1001: an insecure direct object reference — any team's lead by id.
    public Task<Lead?> GetAsync(Guid id) => db.Leads.FirstOrDefaultAsync(l => l.Id == id);

    // Scoped: the tenant predicate comes first.
    public Task<Lead?> GetForTeamAsync(Guid teamId, Guid id) =>
        db.Leads.Where(l => l.TeamId == teamId).FirstOrDefaultAsync(l => l.Id == id);

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

    // TSA1002: a cross-tenant statistic.
    public int CountNew() => db.Leads.Count(l => l.Status == "new");

    // Fine: grouped per tenant.
    public object CountPerTeam() => db.Leads.GroupBy(l => l.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToList();
}
