using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Whether a query run looks up one row by its primary key alone (<c>FindAsync(id)</c>, <c>FirstOrDefaultAsync(x =&gt;
/// x.Id == id)</c>, <c>Where(x =&gt; x.Id == id).SingleAsync()</c>): such a finding is an insecure direct object
/// reference, and its message says so instead of "reads every team's rows". Wording only: it never decides a finding.
/// </summary>
internal static class KeyLookup
{
    /// <summary>Whether <paramref name="run"/> (the operator that runs the query) finds one row by <paramref name="primaryKey"/>.</summary>
    public static bool IsByKey(IInvocationOperation run, ImmutableArray<string> primaryKey, EfSymbols symbols)
    {
        var name = run.TargetMethod.Name;
        if (name is "Find" or "FindAsync")
        {
            return true;
        }

        if (!ReturnsOneRow(name) || primaryKey.Length != 1)
        {
            return false;
        }

        // Back along the operators of the query (Where, Include, AsNoTracking …) to its root.
        for (var call = run; call is not null && symbols.IsQueryOperatorClass(call.TargetMethod.ContainingType); call = call.Receiver() as IInvocationOperation)
        {
            foreach (var argument in call.Arguments)
            {
                if ((call.TargetMethod.Name == "Where" || call == run)
                    && argument.Value.AsLambda() is { Symbol.Parameters.Length: 1 } lambda
                    && lambda.ReturnedValue() is { } body
                    && EquatesKey(body, lambda.Symbol.Parameters[0], primaryKey[0]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ReturnsOneRow(string name) =>
        name.StartsWith("First", System.StringComparison.Ordinal)
        || name.StartsWith("Single", System.StringComparison.Ordinal)
        || name.StartsWith("Last", System.StringComparison.Ordinal);

    /// <summary>Whether <paramref name="condition"/> requires <c>row.Key == value</c>: the comparison itself, or one side of an <c>&amp;&amp;</c>.</summary>
    private static bool EquatesKey(IOperation condition, IParameterSymbol row, string key) => condition.Unwrap() switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and =>
            EquatesKey(and.LeftOperand, row, key) || EquatesKey(and.RightOperand, row, key),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
            (IsKeyOf(equals.LeftOperand, row, key) && !ReadsRow(equals.RightOperand, row))
            || (IsKeyOf(equals.RightOperand, row, key) && !ReadsRow(equals.LeftOperand, row)),
        _ => false,
    };

    private static bool IsKeyOf(IOperation operand, IParameterSymbol row, string key) =>
        operand.WithoutKeyValue() is IPropertyReferenceOperation { Instance: var instance, Property.Name: var name }
        && name == key
        && instance?.Unwrap() is IParameterReferenceOperation { Parameter: var parameter }
        && SymbolEqualityComparer.Default.Equals(parameter, row);

    private static bool ReadsRow(IOperation operand, IParameterSymbol row)
    {
        foreach (var reference in operand.DescendantsAndSelf())
        {
            if (reference is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter, row))
            {
                return true;
            }
        }

        return false;
    }
}
