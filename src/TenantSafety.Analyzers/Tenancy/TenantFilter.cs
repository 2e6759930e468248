namespace TenantSafety.Analyzers.Tenancy;

/// <summary>A global query filter whose predicate constrains the tenant key. <see cref="Name"/> is the EF Core 10 filter key, or null.</summary>
internal sealed class TenantFilter
{
    public TenantFilter(string? name)
    {
        Name = name;
    }

    public string? Name { get; }
}
