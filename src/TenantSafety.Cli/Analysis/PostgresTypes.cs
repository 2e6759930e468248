using Microsoft.CodeAnalysis;

namespace TenantSafety.Cli.Analysis;

/// <summary>The PostgreSQL type Npgsql maps a tenant key to, for the cast in row-level-security policies.</summary>
internal static class PostgresTypes
{
    public static string Of(ITypeSymbol type)
    {
        var underlying = type is INamedTypeSymbol { ConstructedFrom.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        return underlying.SpecialType switch
        {
            SpecialType.System_Int16 => "smallint",
            SpecialType.System_Int32 => "integer",
            SpecialType.System_Int64 => "bigint",
            SpecialType.System_String => "text",
            _ when underlying.ToDisplayString() == "System.Guid" => "uuid",
            _ => "text",
        };
    }
}
