using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// One definition of a local: the local and where the graph found its assignment (none for a local's only definition,
/// read from its declaration). The graph is compared by reference: two graphs never share a position.
/// </summary>
internal readonly struct DefinitionKey : IEquatable<DefinitionKey>
{
    private readonly ILocalSymbol _local;
    private readonly FlowGraphIndex? _graph;
    private readonly int _block;
    private readonly int _index;

    public DefinitionKey(ILocalSymbol local, FlowPosition? position)
    {
        _local = local;
        _graph = position?.Graph;
        _block = position?.Block ?? -1;
        _index = position?.Index ?? -1;
    }

    public bool Equals(DefinitionKey other) =>
        ReferenceEquals(_graph, other._graph) && _block == other._block && _index == other._index
        && SymbolEqualityComparer.Default.Equals(_local, other._local);

    public override bool Equals(object? obj) => obj is DefinitionKey other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = SymbolEqualityComparer.Default.GetHashCode(_local);
            hash = (hash * 31) + (_graph is null ? 0 : RuntimeHelpers.GetHashCode(_graph));
            return (((hash * 31) + _block) * 31) + _index;
        }
    }
}
