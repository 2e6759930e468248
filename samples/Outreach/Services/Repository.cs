using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>A generic repository over team-owned entities, as many apps have one.</summary>
public class Repository<T>(OutreachDbContext db) where T : class, ITeamOwned
{
    // Scoped: generic code over ITeamOwned counts as tenant code.
    public Task<List<T>> ListAsync(Guid teamId) => db.Set<T>().Where(x => x.TeamId == teamId).ToListAsync();

    // TSA1001: Find by key ignores the team.
    public ValueTask<T?> FindAsync(Guid id) => db.Set<T>().FindAsync(id);
}
