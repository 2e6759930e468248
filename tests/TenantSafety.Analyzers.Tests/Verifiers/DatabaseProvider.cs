namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>A database provider a test source references besides EF Core itself (opt-in: the default is none).</summary>
public enum DatabaseProvider
{
    /// <summary>EF Core and EF Core Relational only.</summary>
    None,

    /// <summary>Also Npgsql.EntityFrameworkCore.PostgreSQL (and Npgsql) of the same generation as the EF Core version.</summary>
    Npgsql,
}
