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

    /// <summary>The end of the <c>HasQueryFilter</c> call in its syntax tree: a call has run once its span has been passed.</summary>
    public int Position { get; }
}
