namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Where an unnamed query filter is set: the member whose body sets it, and where the call ends in that body's tree.
/// Unnamed filters replace each other, so when two bodies set one on the same entity, the one that runs last is the
/// entity's filter (<see cref="ConfigurationRunOrder"/>).
/// </summary>
internal sealed class FilterOrigin
{
    public FilterOrigin(ConfigurationMember body, int position)
    {
        Body = body;
        Position = position;
    }

    public ConfigurationMember Body { get; }

    /// <summary>Where the <c>HasQueryFilter</c> call has run in its body's tree (<see cref="ConfigurationRunOrder.PositionOf"/>).</summary>
    public int Position { get; }
}
