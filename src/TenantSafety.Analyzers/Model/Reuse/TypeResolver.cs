using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>Resolves <see cref="TypeReference"/>s in one compilation: its own source first, then a unique referenced type. Single-threaded.</summary>
internal sealed class TypeResolver
{
    private readonly Compilation _compilation;
    private readonly Dictionary<string, INamedTypeSymbol?> _resolved = new(System.StringComparer.Ordinal);

    public TypeResolver(Compilation compilation)
    {
        _compilation = compilation;
    }

    public INamedTypeSymbol? Resolve(TypeReference? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (!_resolved.TryGetValue(reference.MetadataName, out var type))
        {
            type = _compilation.Assembly.GetTypeByMetadataName(reference.MetadataName) ?? _compilation.GetTypeByMetadataName(reference.MetadataName);
            _resolved.Add(reference.MetadataName, type);
        }

        return type;
    }
}
