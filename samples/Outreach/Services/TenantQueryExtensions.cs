using Outreach.Model;

namespace Outreach.Services;

public static class TenantQueryExtensions
{
    /// <summary>The canonical scoping helper: TenantSafety sees through it.</summary>
    public static IQueryable<T> ForTeam<T>(this IQueryable<T> query, Guid teamId) where T : ITeamOwned =>
        query.Where(x => x.TeamId == teamId);
}
