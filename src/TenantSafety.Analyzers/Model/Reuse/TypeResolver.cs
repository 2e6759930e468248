using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// Resolves <see cref="TypeReference"/>s in one compilation (its own source first, then a unique referenced type) and
/// computes their <see cref="DeclarationShape"/> once. One per compilation, shared by the model and the filter index.
/// </summary>
internal sealed class TypeResolver
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _resolved = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeclarationShape?> _shapes = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IAssemblySymbol, string> _configurationsByAssembly = new(SymbolEqualityComparer.Default);
    private readonly System.Lazy<INamedTypeSymbol?> _configurationInterface;
    private readonly System.Func<DeclarationsVersion>? _version;

    /// <param name="compilation">The compilation whose types are resolved.</param>
    /// <param name="version">The compilation's <see cref="DeclarationsVersion"/>, asked when a reading is recorded or checked; none: kept readings are always checked type by type.</param>
    public TypeResolver(Compilation compilation, System.Func<DeclarationsVersion>? version = null)
    {
        _compilation = compilation;
        _version = version;
        _configurationInterface = new(() => EfSymbols.TypeNamed(compilation, EfSymbols.EntityTypeConfigurationOfTName));
    }

    /// <summary>How many types' shapes were computed here: for tests of what a kept reading costs to check.</summary>
    internal int ShapesComputed => _shapes.Count;

    /// <summary>What every declaration of the compilation says; null when the resolver was made without it.</summary>
    public DeclarationsVersion? Version => _version?.Invoke();

    /// <summary>The assembly the compilation builds: the entities it declares are the ones with source here.</summary>
    public IAssemblySymbol Assembly => _compilation.Assembly;

    public INamedTypeSymbol? Resolve(TypeReference? reference)
    {
        if (reference is null)
        {
            return null;
        }

        return _resolved.GetOrAdd(
            reference.MetadataName,
            name => EfSymbols.TypeNamed(_compilation, name));
    }

    /// <summary>The referenced type, or <c>Nullable&lt;T&gt;</c> of it when <paramref name="nullable"/> (a <see cref="TypeReference"/> names definitions only).</summary>
    public ITypeSymbol? Resolve(TypeReference? reference, bool nullable) =>
        Resolve(reference) is { } type && nullable
            ? _compilation.GetSpecialType(SpecialType.System_Nullable_T).Construct(type)
            : Resolve(reference);

    /// <summary>Whether every type in <paramref name="shapes"/> still exists here with the shape recorded: what every kept reading checks before it is reused.</summary>
    public bool HasShapes(IReadOnlyDictionary<TypeReference, DeclarationShape> shapes) =>
        shapes.All(pair => pair.Value.Equals(ShapeOf(pair.Key)));

    /// <summary>The shape of the referenced type in this compilation; null when it does not exist.</summary>
    public DeclarationShape? ShapeOf(TypeReference reference) =>
        _shapes.GetOrAdd(reference.MetadataName, _ => Resolve(reference) is { } type ? DeclarationShape.Of(type) : null);

    /// <summary>
    /// The <see cref="OtherAssemblyConfigurations.Fingerprint"/> of the assembly that declares <paramref name="marker"/>,
    /// once per assembly; null when the type does not resolve here.
    /// </summary>
    public string? ConfigurationsAlongside(TypeReference marker) =>
        Resolve(marker)?.ContainingAssembly is { } assembly
            ? _configurationsByAssembly.GetOrAdd(assembly, a => OtherAssemblyConfigurations.Fingerprint(a, _configurationInterface.Value))
            : null;
}
