using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// A named type by metadata name, independent of any compilation: what lets configuration read in one compilation be
/// applied in the next (the IDE makes a new compilation after every keystroke) without holding the old symbols.
/// </summary>
internal sealed class TypeReference
{
    /// <summary>Each definition's reference, made once: the model's readers ask for the same few types thousands of times.</summary>
    private static readonly ConditionalWeakTable<INamedTypeSymbol, TypeReference> s_references = new();
    private static readonly ConditionalWeakTable<INamedTypeSymbol, TypeReference>.CreateValueCallback s_create = Create;

    private TypeReference(string metadataName)
    {
        MetadataName = metadataName;
    }

    /// <summary><c>Namespace.Outer+Inner`1</c>: the form <see cref="Ef.EfSymbols.TypeNamed"/> takes.</summary>
    public string MetadataName { get; }

    /// <summary>The reference to <paramref name="type"/>'s definition; null for type parameters, arrays and unresolved types.</summary>
    public static TypeReference? From(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: not TypeKind.Error } named || named.IsAnonymousType)
        {
            return null;
        }

        return s_references.GetValue(named.OriginalDefinition, s_create);
    }

    private static TypeReference Create(INamedTypeSymbol definition)
    {
        var name = new StringBuilder(definition.MetadataName);
        for (var container = definition.ContainingType; container is not null; container = container.ContainingType)
        {
            name.Insert(0, container.MetadataName + "+");
        }

        if (definition.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            name.Insert(0, ns.ToDisplayString() + ".");
        }

        return new TypeReference(name.ToString());
    }

    public override bool Equals(object? obj) => obj is TypeReference other && other.MetadataName == MetadataName;

    public override int GetHashCode() => MetadataName.GetHashCode();

    public override string ToString() => MetadataName;
}
