using System;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A helper read with a given number of helper levels still allowed below it. A fact is a function of both: the
/// same helper read nearer the depth limit may see less, so each budget has its own entry and no answer depends on
/// which call the concurrent analysis reached first.
/// </summary>
internal readonly struct HelperKey : IEquatable<HelperKey>
{
    public HelperKey(IMethodSymbol method, int budget)
    {
        Method = method;
        Budget = budget;
    }

    public IMethodSymbol Method { get; }

    public int Budget { get; }

    public bool Equals(HelperKey other) => Budget == other.Budget && SymbolEqualityComparer.Default.Equals(Method, other.Method);

    public override bool Equals(object? obj) => obj is HelperKey other && Equals(other);

    public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + Budget;
}
