namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// How a tenant key or a tenant entity was declared, in the order the key is chosen when none is configured
/// (docs/configuration.md, "How the tenant key is found").
/// </summary>
internal enum TenantDeclaration
{
    /// <summary><c>tenant_safety.tenant_property</c>.</summary>
    Configured,

    /// <summary><c>tenant_safety.tenant_types</c>: an implementer or subclass of a configured type, with its tenant filter.</summary>
    ConfiguredType,

    /// <summary>A <c>HasQueryFilter</c> comparing a property (or <c>EF.Property(e, "X")</c>) with the current tenant.</summary>
    QueryFilter,

    /// <summary>Finbuckle.MultiTenant: <c>IsMultiTenant()</c>, <c>[MultiTenant]</c>, a Finbuckle DbContext (a shadow <c>string TenantId</c>).</summary>
    Finbuckle,

    /// <summary>ABP's <c>IMultiTenant</c> (<c>Guid? TenantId</c>) and its data filter.</summary>
    Abp,

    /// <summary>A conventional name (TenantId, TeamId, OrganizationId, AccountId, WorkspaceId, CompanyId, OrgId) carried by mapped entities.</summary>
    Convention,
}
