using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The entities a generic configuration base class is written for: <c>InvoiceConfig : TenantConfig&lt;Invoice&gt;</c>
/// gives <c>TenantConfig&lt;T&gt;</c>'s <c>T</c> the entity <c>Invoice</c>. What its <c>Configure</c> says of <c>T</c>
/// (an index, a query filter) holds for those entities only, not for every type its constraint admits.
/// </summary>
internal static class ClosedConfigurations
{
    /// <summary>The type arguments <paramref name="type"/>'s base classes receive, each with the type parameter it fills.</summary>
    public static IEnumerable<(ITypeParameterSymbol Parameter, ITypeSymbol Argument)> BaseTypeArguments(INamedTypeSymbol type)
    {
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (!baseType.IsGenericType)
            {
                continue;
            }

            var parameters = baseType.OriginalDefinition.TypeParameters;
            for (var i = 0; i < parameters.Length && i < baseType.TypeArguments.Length; i++)
            {
                if (baseType.TypeArguments[i] is not ITypeParameterSymbol)
                {
                    yield return (parameters[i], baseType.TypeArguments[i]);
                }
            }
        }
    }

    /// <summary>
    /// The entities the classes of <paramref name="assembly"/> that derive from <paramref name="parameter"/>'s class give
    /// it; empty when the parameter is a method's, or no class derives from its class with a type argument for it.
    /// </summary>
    public static ImmutableArray<ITypeSymbol> Of(ITypeParameterSymbol parameter, IAssemblySymbol assembly)
    {
        if (parameter.TypeParameterKind != TypeParameterKind.Type || parameter.DeclaringType is null)
        {
            return ImmutableArray<ITypeSymbol>.Empty;
        }

        var definition = (ITypeParameterSymbol)parameter.OriginalDefinition;
        return SourceTypes.DeclaredIn(assembly)
            .Where(type => type is { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false })
            .SelectMany(BaseTypeArguments)
            .Where(pair => SymbolEqualityComparer.Default.Equals(pair.Parameter, definition))
            .Select(pair => pair.Argument)
            .Distinct<ITypeSymbol>(SymbolEqualityComparer.Default)
            .ToImmutableArray();
    }
}
