using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// What one configuration body (an <c>OnModelCreating</c>, a <c>Configure</c>, a helper) says, recorded as writes to a
/// <typeparamref name="TTarget"/> (the entity model's registry, the tenant-filter index) that name types by
/// <see cref="TypeReference"/> only. Reading a body means binding it, the expensive step; the record is replayed into
/// each new compilation while the body's syntax tree is unchanged (<see cref="ConfigurationFactCache{TTarget}"/>).
/// The writes must not capture symbols.
/// </summary>
internal sealed class ConfigurationFacts<TTarget>
{
    private readonly List<Action<TTarget, TypeResolver>> _writes = new();

    /// <summary>The resolver of the compilation the body is read in; let go once the record is kept for later compilations.</summary>
    private TypeResolver? _types;

    /// <summary>The <see cref="DeclarationShape"/> of every type the body named, when it was read.</summary>
    private readonly Dictionary<TypeReference, DeclarationShape> _shapes = new();

    /// <summary>Another assembly whose configuration classes the body applies, by a type it declares, with what they were.</summary>
    private readonly List<(TypeReference Marker, string Configurations)> _otherAssemblies = new();

    /// <summary>The declarations of the compilation the body was read in.</summary>
    private readonly DeclarationsVersion? _version;

    /// <param name="types">The resolver of the compilation the body is read in, which computes each type's shape once.</param>
    public ConfigurationFacts(TypeResolver types)
    {
        _types = types;
        _version = types.Version;
    }

    private TypeResolver Reading => _types ?? throw new InvalidOperationException("The record was already kept: it is read in one compilation only.");

    /// <summary>
    /// Ends the reading: the record no longer holds the compilation it was read in, which the IDE's next compilations
    /// would otherwise keep alive for as long as the file is unchanged.
    /// </summary>
    public void FinishReading() => _types = null;

    /// <summary>
    /// False when the body did not bind cleanly (a half-typed line, a type or member that does not exist yet) or says
    /// something a record cannot hold: it is read again in the next compilation rather than reused.
    /// </summary>
    public bool IsReusable { get; private set; } = true;

    public void MarkNotReusable() => IsReusable = false;

    /// <summary>A reference to <paramref name="type"/> for a write, remembering the shape the body was read against.</summary>
    public TypeReference? Reference(ITypeSymbol? type)
    {
        var reference = TypeReference.From(type);
        if (reference is not null && !_shapes.ContainsKey(reference))
        {
            _shapes.Add(reference, Reading.ShapeOf(reference) ?? DeclarationShape.Of((INamedTypeSymbol)type!));
        }

        return reference;
    }

    /// <summary>
    /// Whether this record still says what the body says in the compilation of <paramref name="types"/>: every type it
    /// named still exists with the same declared shape. False sends the body to be bound and read again. A compilation of
    /// the same <see cref="DeclarationsVersion"/> (the IDE after a keystroke in a body or a comment) has the same
    /// declarations and the same references, so the same shapes and the same other assemblies, without resolving a type.
    /// </summary>
    public bool IsCurrentFor(TypeResolver types) =>
        (_version is not null && ReferenceEquals(_version, types.Version))
        || (types.HasShapes(_shapes) && _otherAssemblies.TrueForAll(other => types.ConfigurationsAlongside(other.Marker) == other.Configurations));

    /// <summary>
    /// Records that the body applies every configuration class of the assembly that declares <paramref name="marker"/>
    /// (<c>ApplyConfigurationsFromAssembly(typeof(X).Assembly)</c>): the record holds while that assembly declares the same
    /// ones, which a type's shape cannot tell when the other project adds a class.
    /// </summary>
    public void DependOnConfigurationsAlongside(ITypeSymbol marker)
    {
        if (Reference(marker) is { } reference && Reading.ConfigurationsAlongside(reference) is { } configurations)
        {
            _otherAssemblies.Add((reference, configurations));
        }
        else
        {
            MarkNotReusable();
        }
    }

    /// <summary>The types the body named, with the shape each had when it was read.</summary>
    public IReadOnlyDictionary<TypeReference, DeclarationShape> Shapes => _shapes;

    public void Add(Action<TTarget, TypeResolver> write) => _writes.Add(write);

    public void ReplayInto(TTarget target, TypeResolver types)
    {
        foreach (var write in _writes)
        {
            write(target, types);
        }
    }
}
