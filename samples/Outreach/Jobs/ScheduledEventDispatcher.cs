using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Jobs;

/// <summary>Runs follow-ups and reminders when they are due.</summary>
public class ScheduledEventDispatcher(OutreachDbContext db)
{
    // Scoped. TSA2002: scheduled_events is hot and filtered by (team_id, status).
    public Task<List<ScheduledEvent>> PendingAsync(Guid teamId) =>
        db.ScheduledEvents.Where(e => e.TeamId == teamId && e.Status == "pending").Take(200).ToListAsync();

    // TSA1001: claims any team's event by id.
    public Task<ScheduledEvent?> ClaimAsync(Guid id) => db.ScheduledEvents.FirstOrDefaultAsync(e => e.Id == id);

    // Fine: writes carry the team id.
    public Task ScheduleAsync(Guid teamId, string type, DateTimeOffset runAt)
    {
        db.ScheduledEvents.Add(new ScheduledEvent { Id = Guid.NewGuid(), TeamId = teamId, Type = type, RunAt = runAt, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
        return db.SaveChangesAsync();
    }
}
