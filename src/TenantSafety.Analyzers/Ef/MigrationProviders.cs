using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Which database a migration is written for, as its own code says: EF Core scaffolds provider annotations
/// (<c>"SqlServer:Identity"</c>, <c>"Npgsql:ValueGenerationStrategy"</c>) and store types (<c>"nvarchar(200)"</c>,
/// <c>"uniqueidentifier"</c>) into a migration and its designer file. A project may ship migrations for several providers
/// (a SQL Server set beside the PostgreSQL one) while referencing Npgsql through a shared project.
/// </summary>
internal static class MigrationProviders
{
    private static readonly string[] s_otherAnnotationPrefixes = ["SqlServer:", "Sqlite:", "MySql:", "Oracle:"];

    // Store types PostgreSQL does not have, which EF Core's SQL Server provider scaffolds for common CLR types.
    private static readonly string[] s_sqlServerStoreTypes = ["nvarchar", "uniqueidentifier", "datetime2", "datetimeoffset"];

    /// <summary>Whether <paramref name="migration"/>'s code names another provider's annotations or store types and nothing of Npgsql's.</summary>
    public static bool IsForAnotherProvider(INamedTypeSymbol migration, CancellationToken cancellationToken)
    {
        var other = false;
        foreach (var reference in migration.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken) || token.ValueText is not { Length: > 0 } text)
                {
                    continue;
                }

                if (text.StartsWith("Npgsql:", StringComparison.Ordinal))
                {
                    return false;
                }

                other |= s_otherAnnotationPrefixes.Any(prefix => text.StartsWith(prefix, StringComparison.Ordinal))
                    || s_sqlServerStoreTypes.Any(type => text.StartsWith(type, StringComparison.OrdinalIgnoreCase) && (text.Length == type.Length || text[type.Length] == '('));
            }
        }

        return other;
    }
}
