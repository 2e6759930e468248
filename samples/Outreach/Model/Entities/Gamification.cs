namespace Outreach.Model;

// Leaderboards and achievements for the sales team. None of these tables has a team_id index.

public class LeaderboardSnapshot : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public DateOnly Day { get; set; }

    public string RankingsJson { get; set; } = "[]";
}

public class UserAchievement : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid UserId { get; set; }

    public string Achievement { get; set; } = "";

    public DateTimeOffset EarnedAt { get; set; }
}

public class UserStats : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid UserId { get; set; }

    public int MessagesSent { get; set; }

    public int AppointmentsBooked { get; set; }
}

public class AchievementNotification : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid UserId { get; set; }

    public string Achievement { get; set; } = "";

    public bool IsSeen { get; set; }
}
