namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// How far a predicate confines rows to a tenant. Ordered: <c>&amp;&amp;</c> keeps the stronger side, <c>||</c> the weaker.
/// </summary>
internal enum TenantScope
{
    /// <summary>Rows of any tenant can match.</summary>
    None = 0,

    /// <summary>
    /// One tenant's rows and rows of no tenant (<c>x.TeamId == teamId || x.TeamId == null</c>, or only the shared rows,
    /// <c>x.TeamId == null</c>). Shared rows belong to no other tenant, so a read is scoped; a bulk write is not: it
    /// changes rows every tenant sees.
    /// </summary>
    OwnOrShared = 1,

    /// <summary>Only one tenant's rows (<c>x.TeamId == teamId</c>).</summary>
    Own = 2,
}
