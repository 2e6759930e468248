using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>The <see cref="EntityDeclaration"/>s one model build reads: each looked up once, from the previous compilation's when still current.</summary>
internal sealed class EntityDeclarations
{
    private readonly Dictionary<ITypeSymbol, EntityDeclaration> _byType = new(SymbolEqualityComparer.Default);
    private readonly EfSymbols _symbols;

    public EntityDeclarations(EfSymbols symbols, TypeResolver types)
    {
        _symbols = symbols;
        Types = types;
    }

    /// <summary>Resolves the types the declarations name in this compilation.</summary>
    public TypeResolver Types { get; }

    public EntityDeclaration Of(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        if (!_byType.TryGetValue(definition, out var declaration))
        {
            declaration = DeclarationFactCache<EntityDeclaration>.GetOrRead(definition, Types, () => EntityDeclaration.Read(definition, _symbols, Types));
            _byType.Add(definition, declaration);
        }

        return declaration;
    }

    /// <summary>The declarations read so far, by type: what a model snapshot depends on.</summary>
    public IReadOnlyDictionary<ITypeSymbol, EntityDeclaration> Read => _byType;
}
