using Microsoft.CodeAnalysis;

namespace TenantSafety.Cli.Analysis;

/// <summary>
/// The EF Core database providers a project references, by assembly identity: the report's SQL is PostgreSQL's, and a
/// project on another database must be told so rather than read a header that says PostgreSQL.
/// </summary>
internal static class DatabaseProviders
{
    public const string PostgreSql = "PostgreSQL";

    /// <summary>Provider assemblies and the database each one talks to; the in-memory provider is a test double, not a database.</summary>
    private static readonly (string Assembly, string Database)[] s_known =
    [
        ("Npgsql.EntityFrameworkCore.PostgreSQL", PostgreSql),
        ("Microsoft.EntityFrameworkCore.SqlServer", "SQL Server"),
        ("Microsoft.EntityFrameworkCore.Sqlite", "SQLite"),
        ("Pomelo.EntityFrameworkCore.MySql", "MySQL"),
        ("MySql.EntityFrameworkCore", "MySQL"),
        ("Oracle.EntityFrameworkCore", "Oracle"),
        ("Microsoft.EntityFrameworkCore.Cosmos", "Azure Cosmos DB"),
    ];

    /// <summary>The databases <paramref name="compilation"/>'s referenced providers talk to, each once, in the order above.</summary>
    public static IReadOnlyList<string> Of(Compilation compilation)
    {
        var referenced = new HashSet<string>(compilation.ReferencedAssemblyNames.Select(identity => identity.Name), StringComparer.OrdinalIgnoreCase);
        return s_known.Where(provider => referenced.Contains(provider.Assembly)).Select(provider => provider.Database).Distinct(StringComparer.Ordinal).ToList();
    }
}
