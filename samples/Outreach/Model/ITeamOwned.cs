namespace Outreach.Model;

/// <summary>Every tenant table carries team_id (the audit's tenant key).</summary>
public interface ITeamOwned
{
    Guid TeamId { get; }
}
