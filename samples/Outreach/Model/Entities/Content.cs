using Microsoft.EntityFrameworkCore;

namespace Outreach.Model;

// The content library: both tables have a team_id index.

[Index(nameof(TeamId))]
public class ContentCategory : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public ICollection<ContentItem> Items { get; set; } = [];
}

[Index(nameof(TeamId))]
public class ContentItem : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid CategoryId { get; set; }

    public ContentCategory? Category { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";
}
