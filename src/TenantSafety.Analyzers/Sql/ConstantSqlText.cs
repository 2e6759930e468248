using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// The SQL text the compiler can see in an argument: a literal, a constant, a concatenation of those, or an
/// interpolated string whose holes are values (they become EF Core parameters, written here as <c>{n}</c>).
/// Text built at run time is not guessed at: the reader returns null.
/// </summary>
internal static class ConstantSqlText
{
    /// <param name="operation">The argument: a literal, a constant, a concatenation or an interpolated string.</param>
    /// <param name="holesAreParameters">
    /// True where EF Core turns interpolation holes into parameters (a <c>FormattableString</c> argument). Where the
    /// interpolated string becomes a plain string, a hole of type <c>string</c> may be SQL text itself, so the text is unknown.
    /// </param>
    public static string? Read(IOperation? operation, bool holesAreParameters)
    {
        var builder = new StringBuilder();
        var holes = 0;
        return Append(operation, builder, holesAreParameters, ref holes) ? builder.ToString() : null;
    }

    private static bool Append(IOperation? operation, StringBuilder builder, bool holesAreParameters, ref int holes)
    {
        if (operation is null)
        {
            return false;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            builder.Append(constant);
            return true;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Append(conversion.Operand, builder, holesAreParameters || IsFormattable(conversion.Type), ref holes);

            case IParenthesizedOperation parenthesized:
                return Append(parenthesized.Operand, builder, holesAreParameters, ref holes);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                return Append(concatenation.LeftOperand, builder, holesAreParameters, ref holes)
                    && Append(concatenation.RightOperand, builder, holesAreParameters, ref holes);

            case IInterpolatedStringOperation interpolated:
                var asParameters = holesAreParameters || IsFormattable(interpolated.Type);
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation text:
                            if (text.Text.ConstantValue is not { HasValue: true, Value: string piece })
                            {
                                return false;
                            }

                            builder.Append(piece);
                            break;

                        case IInterpolationOperation hole:
                            if (hole.Expression.ConstantValue is { HasValue: true, Value: string constantHole })
                            {
                                builder.Append(constantHole);
                            }
                            else if (asParameters || !IsStringLike(hole.Expression.Type))
                            {
                                builder.Append('{').Append(holes++).Append('}');
                            }
                            else
                            {
                                return false;
                            }

                            break;

                        default:
                            return false;
                    }
                }

                return true;

            default:
                return false;
        }
    }

    private static bool IsFormattable(ITypeSymbol? type) =>
        type is { Name: "FormattableString", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsStringLike(ITypeSymbol? type) =>
        type is null || type.SpecialType is SpecialType.System_String or SpecialType.System_Object || type.TypeKind == TypeKind.Error;
}
