using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>One mapped property of an <see cref="EntityDeclaration"/>: its mapping attributes and where its type leads.</summary>
/// <param name="Name">The property's name.</param>
/// <param name="ColumnName">The column <c>[Column("name")]</c> maps it to.</param>
/// <param name="ForeignKeyAttribute">The text of its <c>[ForeignKey]</c>: the key properties of a navigation, or the navigation of a key property.</param>
/// <param name="Key">The primary key a <c>[Key]</c> on it declares.</param>
/// <param name="Type">The definition of its type, when it is a named type.</param>
/// <param name="ReferenceTarget">The class a reference navigation leads to (<see cref="EntityDeclaration.IsMappable"/>); null for any other property.</param>
/// <param name="CollectionTarget">The element class of a collection navigation; null for any other property.</param>
internal sealed record EntityPropertyDeclaration(
    string Name,
    string? ColumnName,
    string? ForeignKeyAttribute,
    IndexDefinition? Key,
    TypeReference? Type,
    TypeReference? ReferenceTarget,
    TypeReference? CollectionTarget)
{
    public static EntityPropertyDeclaration Read(IPropertySymbol property, EfSymbols symbols)
    {
        string? columnName = null;
        string? foreignKey = null;
        IndexDefinition? key = null;
        foreach (var attribute in property.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass.IsDefinitionOf(symbols.ColumnAttribute) && attribute.ConstructorArguments.FirstOrDefault().Value is string column)
            {
                columnName = column;
            }
            else if (attributeClass.IsDefinitionOf(symbols.ForeignKeyAttribute))
            {
                foreignKey = attribute.ConstructorArguments.FirstOrDefault().Value as string;
            }
            else if (attributeClass.IsDefinitionOf(symbols.KeyAttribute))
            {
                key ??= new IndexDefinition(ImmutableArray.Create(property.Name), IndexOrigin.PrimaryKey, attribute.ApplicationSyntaxReference);
            }
        }

        return new EntityPropertyDeclaration(
            property.Name,
            columnName,
            foreignKey,
            key,
            TypeReference.From(property.Type),
            TypeReference.From(ReferenceTargetOf(property.Type, property.ContainingType, symbols)),
            TypeReference.From(CollectionTargetOf(property.Type, property.ContainingType, symbols)));
    }

    private static INamedTypeSymbol? ReferenceTargetOf(ITypeSymbol type, INamedTypeSymbol declaringType, EfSymbols symbols) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named
        && !IsCollection(named, symbols)
        && EntityDeclaration.IsMappable(named, declaringType, symbols)
            ? named
            : null;

    private static INamedTypeSymbol? CollectionTargetOf(ITypeSymbol type, INamedTypeSymbol declaringType, EfSymbols symbols)
    {
        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }

        var enumerable = named.IsDefinitionOf(symbols.EnumerableOfT)
            ? named
            : named.AllInterfaces.FirstOrDefault(i => i.IsDefinitionOf(symbols.EnumerableOfT));
        return enumerable?.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Class } element && EntityDeclaration.IsMappable(element, declaringType, symbols) ? element : null;
    }

    private static bool IsCollection(INamedTypeSymbol type, EfSymbols symbols) =>
        type.IsDefinitionOf(symbols.EnumerableOfT) || type.AllInterfaces.Any(i => i.IsDefinitionOf(symbols.EnumerableOfT));
}
