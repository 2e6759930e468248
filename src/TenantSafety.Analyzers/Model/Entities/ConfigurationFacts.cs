using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Entities;

/// <summary>
/// What one configuration body (an <c>OnModelCreating</c>, a <c>Configure</c>, a helper) says about the model, recorded
/// as writes to a <see cref="ModelRegistry"/> that name types by <see cref="TypeReference"/> only. Reading a body means
/// binding it, the model's one expensive step; the record is replayed into each new compilation's model while the
/// body's syntax tree is unchanged (<see cref="ConfigurationFactCache"/>). The writes must not capture symbols.
/// </summary>
internal sealed class ConfigurationFacts
{
    private readonly List<Action<ModelRegistry, TypeResolver>> _writes = new();

    /// <summary>The <see cref="DeclarationShape"/> of every type the body named, when it was read.</summary>
    private readonly Dictionary<TypeReference, string> _shapes = new();

    /// <summary>
    /// False when the body did not bind cleanly (a half-typed line, a type or member that does not exist yet): what it
    /// says may change when another file changes, so it is read again in the next compilation rather than reused.
    /// </summary>
    public bool IsReusable { get; private set; } = true;

    public void MarkNotReusable() => IsReusable = false;

    /// <summary>A reference to <paramref name="type"/> for a write, remembering the shape the body was read against.</summary>
    public TypeReference? Reference(ITypeSymbol? type)
    {
        var reference = TypeReference.From(type);
        if (reference is not null && !_shapes.ContainsKey(reference))
        {
            _shapes.Add(reference, DeclarationShape.Of((INamedTypeSymbol)type!));
        }

        return reference;
    }

    /// <summary>
    /// Whether this record still says what the body says in the compilation of <paramref name="types"/>: every type it
    /// named still exists with the same members. False sends the body to be bound and read again.
    /// </summary>
    public bool IsCurrentFor(TypeResolver types) =>
        _shapes.All(pair => types.Resolve(pair.Key) is { } type && DeclarationShape.Of(type) == pair.Value);

    /// <summary>A write to the registry as a whole (flags, owned and ignored types, relationships).</summary>
    public void Add(Action<ModelRegistry, TypeResolver> write) => _writes.Add(write);

    /// <summary>Maps <paramref name="type"/> as an entity and, when given, writes to it; nothing when it is not a named type.</summary>
    public void Entity(ITypeSymbol? type, Action<EntityInfo, ModelRegistry, TypeResolver>? write = null)
    {
        if (Reference(type) is not { } reference)
        {
            return;
        }

        _writes.Add((registry, types) =>
        {
            if (types.Resolve(reference) is { } resolved)
            {
                var entity = registry.GetOrAdd(resolved);
                write?.Invoke(entity, registry, types);
            }
        });
    }

    public void ReplayInto(ModelRegistry registry, TypeResolver types)
    {
        foreach (var write in _writes)
        {
            write(registry, types);
        }
    }
}
