using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>The atoms of a predicate over a row, for <see cref="TenantPredicate.ScopeOf(IOperation, IRowKeys)"/>.</summary>
internal interface IRowKeys
{
    /// <summary>Whether <paramref name="operand"/> (unwrapped) reads the key that places the row in a tenant.</summary>
    bool IsScopingKey(IOperation operand);

    /// <summary>Whether <paramref name="value"/> is the same for every row: a parameter, a field, a constant.</summary>
    bool IsIndependent(IOperation value);
}
