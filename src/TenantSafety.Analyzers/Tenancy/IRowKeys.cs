using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>The atoms of a predicate over a row, for <see cref="TenantPredicate.ScopeOf(IOperation, IRowKeys)"/>.</summary>
internal interface IRowKeys
{
    /// <summary>Whether <paramref name="operand"/> (unwrapped) reads the key that places the row in a tenant.</summary>
    bool IsScopingKey(IOperation operand);

    /// <summary>Whether <paramref name="value"/> is the same for every row: a parameter, a field, a constant.</summary>
    bool IsIndependent(IOperation value);

    /// <summary>
    /// Whether comparing <paramref name="key"/> with <paramref name="value"/> confines the rows to one tenant although
    /// <paramref name="key"/> is no tenant key: a relationship key compared with a value read from a row already loaded.
    /// </summary>
    bool IsTiedToLoadedRow(IOperation key, IOperation value);
}
