using System.Collections.Immutable;
using System.Linq;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>Compares what two compilations hold by identity: the IDE keeps the same objects for what did not change.</summary>
internal static class ObjectSequences
{
    public static bool Same<T>(ImmutableArray<T> first, ImmutableArray<T> second)
        where T : class =>
        first.Length == second.Length && first.Zip(second, (a, b) => ReferenceEquals(a, b)).All(same => same);
}
