using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>One mapped property of an <see cref="EntityDeclaration"/>: its mapping attributes and where its type leads.</summary>
internal sealed class EntityPropertyDeclaration
{
    private EntityPropertyDeclaration(
        string name,
        string? columnName,
        string? foreignKeyAttribute,
        IndexDefinition? key,
        TypeReference? type,
        TypeReference? referenceTarget,
        TypeReference? collectionTarget)
    {
        Name = name;
        ColumnName = columnName;
        ForeignKeyAttribute = foreignKeyAttribute;
        Key = key;
        Type = type;
        ReferenceTarget = referenceTarget;
        CollectionTarget = collectionTarget;
    }

    public string Name { get; }

    /// <summary>The column <c>[Column("name")]</c> maps it to.</summary>
    public string? ColumnName { get; }

    /// <summary>The text of its <c>[ForeignKey]</c>: the key properties of a navigation, or the navigation of a key property.</summary>
    public string? ForeignKeyAttribute { get; }

    /// <summary>The primary key a <c>[Key]</c> on it declares.</summary>
    public IndexDefinition? Key { get; }

    /// <summary>The definition of its type, when it is a named type.</summary>
    public TypeReference? Type { get; }

    /// <summary>The class a reference navigation leads to (<see cref="EntityDeclaration.IsMappable"/>); null for any other property.</summary>
    public TypeReference? ReferenceTarget { get; }

    /// <summary>The element class of a collection navigation; null for any other property.</summary>
    public TypeReference? CollectionTarget { get; }

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
            TypeReference.From(ReferenceTargetOf(property.Type, symbols)),
            TypeReference.From(CollectionTargetOf(property.Type, symbols)));
    }

    private static INamedTypeSymbol? ReferenceTargetOf(ITypeSymbol type, EfSymbols symbols) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named
        && !IsCollection(named, symbols)
        && EntityDeclaration.IsMappable(named, symbols)
            ? named
            : null;

    private static INamedTypeSymbol? CollectionTargetOf(ITypeSymbol type, EfSymbols symbols)
    {
        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }

        var enumerable = named.IsDefinitionOf(symbols.EnumerableOfT)
            ? named
            : named.AllInterfaces.FirstOrDefault(i => i.IsDefinitionOf(symbols.EnumerableOfT));
        return enumerable?.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Class } element && EntityDeclaration.IsMappable(element, symbols) ? element : null;
    }

    private static bool IsCollection(INamedTypeSymbol type, EfSymbols symbols) =>
        type.IsDefinitionOf(symbols.EnumerableOfT) || type.AllInterfaces.Any(i => i.IsDefinitionOf(symbols.EnumerableOfT));
}
