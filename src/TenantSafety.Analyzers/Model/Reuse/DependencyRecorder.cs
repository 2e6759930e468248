using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// Collects the <see cref="DeclarationShape"/> of each source type a reading depends on (a type, the types of its
/// properties and their type arguments), and whether all of them could be named for a later compilation.
/// </summary>
internal sealed class DependencyRecorder
{
    private readonly Dictionary<TypeReference, DeclarationShape> _shapes = new();
    private readonly TypeResolver _types;

    public DependencyRecorder(TypeResolver types)
    {
        _types = types;
    }

    public IReadOnlyDictionary<TypeReference, DeclarationShape> Shapes => _shapes;

    /// <summary>False when a type did not bind (half-typed code) or cannot be named: what was read must not be kept.</summary>
    public bool IsComplete { get; private set; } = true;

    public void MarkIncomplete() => IsComplete = false;

    /// <summary>Takes over what other readings recorded (the last shape of a type wins, as they were read in one compilation).</summary>
    public void AddAll(IEnumerable<KeyValuePair<TypeReference, DeclarationShape>> shapes)
    {
        foreach (var pair in shapes)
        {
            _shapes[pair.Key] = pair.Value;
        }
    }

    /// <summary>Records that the reading depends on how <paramref name="type"/> (and its type arguments) is declared.</summary>
    public void Depend(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                Depend(array.ElementType);
                break;
            case INamedTypeSymbol { TypeKind: TypeKind.Error }:
                IsComplete = false;
                break;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    Depend(argument);
                }

                var definition = named.OriginalDefinition;
                if (!definition.DeclaringSyntaxReferences.IsEmpty && TypeReference.From(definition) is { } reference && !_shapes.ContainsKey(reference))
                {
                    // Metadata types cannot change while the references are the same objects.
                    if (_types.ShapeOf(reference) is { } shape)
                    {
                        _shapes.Add(reference, shape);
                    }
                    else
                    {
                        IsComplete = false;
                    }
                }

                break;
        }
    }
}
