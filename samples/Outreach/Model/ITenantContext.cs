namespace Outreach.Model;

/// <summary>The team of the current request, resolved from the signed-in user.</summary>
public interface ITenantContext
{
    Guid TeamId { get; }
}
