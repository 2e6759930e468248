using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>The kinds of class-level mapping attribute the model reads.</summary>
internal enum EntityTypeAttributeKind
{
    Index,
    Table,
    PrimaryKey,
    Keyless,
    Owned,
}

/// <summary>
/// One class-level mapping attribute as the model reads it (<c>[Index]</c>, <c>[Table]</c>, <c>[PrimaryKey]</c>,
/// <c>[Keyless]</c>, <c>[Owned]</c>/<c>[ComplexType]</c>), its arguments already evaluated, so that it can be applied in
/// a later compilation without binding the attribute again.
/// </summary>
/// <param name="Kind">Which attribute it is.</param>
/// <param name="Index">The index of an <c>[Index]</c>, the key of a <c>[PrimaryKey]</c>.</param>
/// <param name="TableName">The name a <c>[Table]</c> gives; null when it gives none.</param>
internal sealed record EntityTypeAttribute(EntityTypeAttributeKind Kind, IndexDefinition? Index = null, string? TableName = null)
{
    /// <summary>The attribute as the model reads it; null for any other attribute, and for an <c>[Index]</c> or <c>[PrimaryKey]</c> without columns.</summary>
    public static EntityTypeAttribute? Read(AttributeData attribute, EfSymbols symbols)
    {
        var attributeClass = attribute.AttributeClass;
        if (attributeClass.IsDefinitionOf(symbols.IndexAttribute))
        {
            var columns = AttributeArguments.ConstructorStrings(attribute);
            if (columns.IsDefaultOrEmpty)
            {
                return null;
            }

            var named = attribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value, System.StringComparer.Ordinal);
            ImmutableArray<bool>? descending = named.TryGetValue("AllDescending", out var all) && all.Value is true
                ? columns.Select(_ => true).ToImmutableArray()
                : named.TryGetValue("IsDescending", out var flags) && flags.Kind == TypedConstantKind.Array
                    ? flags.Values.Select(v => v.Value is true).ToImmutableArray()
                    : null;
            return new EntityTypeAttribute(EntityTypeAttributeKind.Index, Index: IndexDefinition.Declared(new IndexDeclaration(
                columns,
                attribute.ApplicationSyntaxReference,
                isAttribute: true,
                indexName: named.TryGetValue("Name", out var name) ? name.Value as string : null,
                isUnique: named.TryGetValue("IsUnique", out var unique) && unique.Value is bool flag ? flag : null,
                descending: descending)));
        }

        if (attributeClass.IsDefinitionOf(symbols.TableAttribute))
        {
            return new EntityTypeAttribute(EntityTypeAttributeKind.Table, TableName: attribute.ConstructorArguments.FirstOrDefault().Value as string);
        }

        if (attributeClass.IsDefinitionOf(symbols.PrimaryKeyAttribute))
        {
            var columns = AttributeArguments.ConstructorStrings(attribute);
            return columns.IsDefaultOrEmpty
                ? null
                : new EntityTypeAttribute(EntityTypeAttributeKind.PrimaryKey, Index: new IndexDefinition(columns, IndexOrigin.PrimaryKey, attribute.ApplicationSyntaxReference));
        }

        if (attributeClass.IsDefinitionOf(symbols.KeylessAttribute))
        {
            return new EntityTypeAttribute(EntityTypeAttributeKind.Keyless);
        }

        return attributeClass.IsDefinitionOf(symbols.OwnedAttribute) || attributeClass.IsDefinitionOf(symbols.ComplexTypeAttribute)
            ? new EntityTypeAttribute(EntityTypeAttributeKind.Owned)
            : null;
    }
}
