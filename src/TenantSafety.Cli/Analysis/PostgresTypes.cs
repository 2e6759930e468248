using Microsoft.CodeAnalysis;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Analysis;

/// <summary>The PostgreSQL type Npgsql maps a property to: for the cast in row-level-security policies, and the width of index keys.</summary>
internal static class PostgresTypes
{
    public static string Of(ITypeSymbol type) => Storage(type).TypeName switch
    {
        "smallint" or "integer" or "bigint" or "uuid" => Storage(type).TypeName,
        _ => "text",
    };

    /// <summary>
    /// The type's name, on-disk width and alignment, as an index key stores it. Strings are <c>text</c>, assumed to
    /// hold 15 bytes on average (a short varlena: a 1-byte header, unaligned); enums are <c>integer</c>, EF Core's default.
    /// </summary>
    public static ColumnStorage Storage(ITypeSymbol type)
    {
        var underlying = type is INamedTypeSymbol { ConstructedFrom.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        if (underlying.TypeKind == TypeKind.Enum)
        {
            return new ColumnStorage("integer", 4, 4);
        }

        return underlying.SpecialType switch
        {
            SpecialType.System_Boolean => new ColumnStorage("boolean", 1, 1),
            SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 => new ColumnStorage("smallint", 2, 2),
            SpecialType.System_Int32 or SpecialType.System_UInt16 => new ColumnStorage("integer", 4, 4),
            SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => new ColumnStorage("bigint", 8, 8),
            SpecialType.System_Single => new ColumnStorage("real", 4, 4),
            SpecialType.System_Double => new ColumnStorage("double precision", 8, 8),
            SpecialType.System_Decimal => new ColumnStorage("numeric", 12, 4),
            SpecialType.System_DateTime => new ColumnStorage("timestamp with time zone", 8, 8),
            SpecialType.System_String => new ColumnStorage("text", ColumnStorage.AverageTextBytes, 1),
            _ => underlying.ToDisplayString() switch
            {
                "System.Guid" => new ColumnStorage("uuid", 16, 1),
                "System.DateTimeOffset" => new ColumnStorage("timestamp with time zone", 8, 8),
                "System.DateOnly" => new ColumnStorage("date", 4, 4),
                "System.TimeOnly" or "System.TimeSpan" => new ColumnStorage("time", 8, 8),
                _ => new ColumnStorage("text", ColumnStorage.AverageTextBytes, 1),
            },
        };
    }
}
