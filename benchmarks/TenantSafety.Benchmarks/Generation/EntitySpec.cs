namespace TenantSafety.Benchmarks.Generation;

/// <summary>How an entity carries the tenant key (or does not).</summary>
internal enum TenantStyle
{
    /// <summary>A lookup or global table: no tenant key.</summary>
    None,

    /// <summary>Declares <c>public Guid TeamId</c> itself and nothing else.</summary>
    OwnProperty,

    /// <summary>Declares <c>TeamId</c> and implements <c>ITeamOwned</c> (so <c>ForTeam</c> applies).</summary>
    Interface,

    /// <summary>Inherits <c>Id</c>, <c>TeamId</c> and timestamps from <c>TeamOwnedEntity</c>.</summary>
    BaseClass,
}

/// <summary>Where the entity's mapping lives.</summary>
internal enum ConfigStyle
{
    /// <summary><c>[Table]</c>, <c>[Index]</c> on the class; the rest by convention.</summary>
    Attributes,

    /// <summary><c>modelBuilder.Entity&lt;T&gt;(e =&gt; { … })</c> in an area method of the DbContext.</summary>
    ModelBuilderLambda,

    /// <summary><c>modelBuilder.Entity&lt;T&gt;().ToTable(…).HasQueryFilter(…)</c> chains.</summary>
    ModelBuilderChain,

    /// <summary>An <c>IEntityTypeConfiguration&lt;T&gt;</c> class found by <c>ApplyConfigurationsFromAssembly</c>.</summary>
    ConfigurationClass,
}

/// <summary>The global query filter the entity has, if any.</summary>
internal enum FilterStyle
{
    None,
    Tenant,

    /// <summary>EF Core 10 named filter: <c>HasQueryFilter("Tenant", …)</c>.</summary>
    NamedTenant,

    /// <summary>A filter that does not mention the tenant key.</summary>
    SoftDelete,
}

/// <summary>One generated entity: its names, tenant key, mapping style, filter and parent relationship.</summary>
internal sealed record EntitySpec(
    int Index,
    string Name,
    string Area,
    TenantStyle Tenant,
    ConfigStyle Config,
    FilterStyle Filter,
    EntitySpec? Parent,
    bool IsHot)
{
    public bool IsTenant => Tenant != TenantStyle.None;

    /// <summary><c>ForTeam</c> is constrained to <c>ITeamOwned</c>.</summary>
    public bool IsTeamOwned => Tenant is TenantStyle.Interface or TenantStyle.BaseClass;

    public bool HasSoftDelete => Filter == FilterStyle.SoftDelete;

    public bool HasTenantFilter => Filter is FilterStyle.Tenant or FilterStyle.NamedTenant;

    public string SetName => Naming.Plural(Name);

    public string TableName => Naming.SnakeCase(SetName);

    public string Namespace => $"Acme.Outreach.Domain.{Area}";
}
