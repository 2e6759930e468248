namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>The EF Core version a test source is compiled against.</summary>
public enum EfCoreVersion
{
    /// <summary>EF Core 8 (LTS) on the .NET 8 reference assemblies, compiled as C# 12.</summary>
    Ef8,

    /// <summary>EF Core 10 (LTS) on the .NET 10 reference assemblies, compiled as the latest C# the test compiler knows.</summary>
    Ef10,
}
