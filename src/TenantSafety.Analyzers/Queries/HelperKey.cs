using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A helper read with a given number of helper levels still allowed below it. A fact is a function of both: the
/// same helper read nearer the depth limit may see less, so each budget has its own entry and no answer depends on
/// which call the concurrent analysis reached first. A helper read for what one call passes (<see cref="ArgumentNullness"/>)
/// has its own entry too.
/// </summary>
internal readonly record struct HelperKey(IMethodSymbol Method, int Budget, ArgumentNullness Nullness = default)
{
    public bool Equals(HelperKey other) =>
        Budget == other.Budget && Nullness == other.Nullness && SymbolEqualityComparer.Default.Equals(Method, other.Method);

    public override int GetHashCode() => (((SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + Budget) * 31) + Nullness.GetHashCode();
}
