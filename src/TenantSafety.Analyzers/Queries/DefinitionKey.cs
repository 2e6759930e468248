using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// One definition of a local (or of a reassigned parameter): the variable and where the graph found its assignment, or, for a definition read without the
/// graph (<see cref="SingleDefinition"/>, <see cref="StructuredDefinitions"/>), the syntax of its value. The graph is
/// compared by reference: two graphs never share a position.
/// </summary>
internal readonly struct DefinitionKey : IEquatable<DefinitionKey>
{
    private readonly ISymbol _local;
    private readonly FlowGraphIndex? _graph;
    private readonly int _block;
    private readonly int _index;
    private readonly SyntaxNode? _value;

    public DefinitionKey(ISymbol local, Definition definition)
    {
        _local = local;
        var position = definition.Position;
        _graph = position?.Graph;
        _block = position?.Block ?? -1;
        _index = position?.Index ?? -1;
        _value = position is null ? definition.Value?.Syntax : null;
    }

    public bool Equals(DefinitionKey other) =>
        ReferenceEquals(_graph, other._graph) && _block == other._block && _index == other._index && _value == other._value
        && SymbolEqualityComparer.Default.Equals(_local, other._local);

    public override bool Equals(object? obj) => obj is DefinitionKey other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = SymbolEqualityComparer.Default.GetHashCode(_local);
            hash = (hash * 31) + (_graph is null ? 0 : RuntimeHelpers.GetHashCode(_graph));
            hash = (hash * 31) + (_value is null ? 0 : RuntimeHelpers.GetHashCode(_value));
            return (((hash * 31) + _block) * 31) + _index;
        }
    }
}
