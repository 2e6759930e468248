using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Reads the mapping attributes of every entity (<c>[Table]</c>, <c>[Index]</c>, <c>[PrimaryKey]</c>, <c>[Keyless]</c>,
/// <c>[Owned]</c>, <c>[Key]</c>, <c>[Column]</c>, <c>[ForeignKey]</c>, <c>[NotMapped]</c>) and follows its navigations to
/// the entities EF Core discovers through them, collecting the relationships whose foreign key a convention names.
/// </summary>
internal sealed class AttributeAndNavigationReader
{
    private readonly EfSymbols _symbols;
    private readonly ModelRegistry _registry;
    private readonly List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)> _relationships;

    public AttributeAndNavigationReader(EfSymbols symbols, ModelRegistry registry, List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)> relationships)
    {
        _symbols = symbols;
        _registry = registry;
        _relationships = relationships;
    }

    /// <param name="onlyContext">The compilation's single DbContext, which then maps entities known only from configuration classes.</param>
    public void Read(INamedTypeSymbol? onlyContext)
    {
        var pending = new Queue<EntityInfo>(_registry.Entities.Values);
        var seen = new HashSet<ITypeSymbol>(_registry.Entities.Keys, SymbolEqualityComparer.Default);
        while (pending.Count > 0)
        {
            var entity = pending.Dequeue();
            if (entity.Contexts.Count == 0 && onlyContext is not null)
            {
                entity.AddContext(onlyContext);
            }

            ReadTypeAttributes(entity);
            foreach (var property in MappedProperties(entity.Type))
            {
                foreach (var discovered in ReadProperty(entity, property))
                {
                    if (seen.Add(discovered.Type))
                    {
                        foreach (var context in entity.Contexts)
                        {
                            discovered.AddContext(context);
                        }

                        pending.Enqueue(discovered);
                    }
                }
            }
        }
    }

    private void ReadTypeAttributes(EntityInfo entity)
    {
        foreach (var type in entity.Type.SelfAndBaseClasses())
        {
            // A base class that is an entity itself carries its own attributes (its table is shared, TPH).
            var isOwnType = SymbolEqualityComparer.Default.Equals(type, entity.Type);
            if (!isOwnType && _registry.Entities.ContainsKey(type.OriginalDefinition))
            {
                break;
            }

            foreach (var attribute in type.GetAttributes())
            {
                ReadTypeAttribute(entity, attribute, isOwnType);
            }
        }
    }

    private void ReadTypeAttribute(EntityInfo entity, AttributeData attribute, bool isOwnType)
    {
        var attributeClass = attribute.AttributeClass;
        if (attributeClass.IsDefinitionOf(_symbols.IndexAttribute))
        {
            var columns = ConstructorStrings(attribute);
            if (!columns.IsDefaultOrEmpty)
            {
                var named = attribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
                ImmutableArray<bool>? descending = named.TryGetValue("AllDescending", out var all) && all.Value is true
                    ? columns.Select(_ => true).ToImmutableArray()
                    : named.TryGetValue("IsDescending", out var flags) && flags.Kind == TypedConstantKind.Array
                        ? flags.Values.Select(v => v.Value is true).ToImmutableArray()
                        : null;
                entity.AddIndex(IndexDefinition.Declared(new IndexDeclaration(
                    columns,
                    attribute.ApplicationSyntaxReference,
                    isAttribute: true,
                    indexName: named.TryGetValue("Name", out var name) ? name.Value as string : null,
                    isUnique: named.TryGetValue("IsUnique", out var unique) && unique.Value is bool flag ? flag : null,
                    descending: descending)));
            }
        }
        else if (!isOwnType)
        {
            return;
        }
        else if (attributeClass.IsDefinitionOf(_symbols.TableAttribute))
        {
            entity.TableName ??= attribute.ConstructorArguments.FirstOrDefault().Value as string;
        }
        else if (attributeClass.IsDefinitionOf(_symbols.PrimaryKeyAttribute) && !_registry.ExplicitPrimaryKeys.Contains(entity.Type))
        {
            var columns = ConstructorStrings(attribute);
            if (!columns.IsDefaultOrEmpty)
            {
                entity.ClearPrimaryKey();
                entity.AddIndex(new IndexDefinition(columns, IndexOrigin.PrimaryKey, attribute.ApplicationSyntaxReference));
                _registry.ExplicitPrimaryKeys.Add(entity.Type);
            }
        }
        else if (attributeClass.IsDefinitionOf(_symbols.KeylessAttribute))
        {
            entity.IsKeyless = true;
        }
        else if (attributeClass.IsDefinitionOf(_symbols.OwnedAttribute) || attributeClass.IsDefinitionOf(_symbols.ComplexTypeAttribute))
        {
            _registry.Owned.Add(entity.Type);
        }
    }

    /// <summary>Reads one property's attributes; returns the entities its navigation leads to.</summary>
    private IEnumerable<EntityInfo> ReadProperty(EntityInfo entity, IPropertySymbol property)
    {
        string? foreignKeyAttribute = null;
        foreach (var attribute in property.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass.IsDefinitionOf(_symbols.ColumnAttribute) && attribute.ConstructorArguments.FirstOrDefault().Value is string column)
            {
                entity.SetColumnName(property.Name, column);
            }
            else if (attributeClass.IsDefinitionOf(_symbols.ForeignKeyAttribute))
            {
                foreignKeyAttribute = attribute.ConstructorArguments.FirstOrDefault().Value as string;
            }
            else if (attributeClass.IsDefinitionOf(_symbols.KeyAttribute) && !_registry.ExplicitPrimaryKeys.Contains(entity.Type))
            {
                entity.ClearPrimaryKey();
                entity.AddIndex(new IndexDefinition(ImmutableArray.Create(property.Name), IndexOrigin.PrimaryKey, attribute.ApplicationSyntaxReference));
                _registry.ExplicitPrimaryKeys.Add(entity.Type);
            }
        }

        if (ReferenceTarget(property.Type) is { } principal)
        {
            if (foreignKeyAttribute is not null)
            {
                _registry.ConfiguredNavigations.Add((entity.Type, property.Name));
                entity.AddForeignKey(new ForeignKeyDefinition(SplitNames(foreignKeyAttribute), principal));
            }
            else
            {
                _relationships.Add((entity.Type, principal.OriginalDefinition, property.Name));
            }

            yield return _registry.GetOrAdd(principal);
        }
        else if (CollectionTarget(property.Type) is { } dependent)
        {
            // The dependent's own reference navigation, if any, yields the same relationship from its side.
            if (!MappedProperties(dependent).Any(p => SymbolEqualityComparer.Default.Equals(ReferenceTarget(p.Type), entity.Type)))
            {
                _relationships.Add((dependent.OriginalDefinition, entity.Type, null));
            }

            yield return _registry.GetOrAdd(dependent);
        }
        else if (foreignKeyAttribute is not null)
        {
            // [ForeignKey("Team")] on TeamId names the navigation this property is the key of.
            _registry.ConfiguredNavigations.Add((entity.Type, foreignKeyAttribute));
            var principalType = MappedProperties(entity.Type).FirstOrDefault(p => p.Name == foreignKeyAttribute)?.Type;
            entity.AddForeignKey(new ForeignKeyDefinition(ImmutableArray.Create(property.Name), principalType));
        }
    }

    /// <summary>The entity a reference navigation of this type points to: a class of this compilation that is not owned.</summary>
    private INamedTypeSymbol? ReferenceTarget(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named
        && !IsCollection(named)
        && IsMappableClass(named)
            ? named
            : null;

    private INamedTypeSymbol? CollectionTarget(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }

        var enumerable = named.IsDefinitionOf(_symbols.EnumerableOfT)
            ? named
            : named.AllInterfaces.FirstOrDefault(i => i.IsDefinitionOf(_symbols.EnumerableOfT));
        return enumerable?.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Class } element && IsMappableClass(element) ? element : null;
    }

    private bool IsCollection(INamedTypeSymbol type) =>
        type.IsDefinitionOf(_symbols.EnumerableOfT) || type.AllInterfaces.Any(i => i.IsDefinitionOf(_symbols.EnumerableOfT));

    private bool IsMappableClass(INamedTypeSymbol type) =>
        type.Locations.Any(l => l.IsInSource)
        && !type.IsStatic
        && !_symbols.IsDbContext(type)
        && !_registry.Owned.Contains(type.OriginalDefinition)
        && !type.GetAttributes().Any(a => a.AttributeClass.IsDefinitionOf(_symbols.OwnedAttribute) || a.AttributeClass.IsDefinitionOf(_symbols.ComplexTypeAttribute));

    private IEnumerable<IPropertySymbol> MappedProperties(ITypeSymbol type) => Ef.MappedProperties.Of(type, _symbols.NotMappedAttribute);

    private static ImmutableArray<string> ConstructorStrings(AttributeData attribute)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
            {
                names.AddRange(argument.Values.Select(v => v.Value as string).Where(v => v is not null)!);
            }
            else if (argument.Value is string name)
            {
                names.Add(name);
            }
        }

        return names.ToImmutable();
    }

    private static ImmutableArray<string> SplitNames(string names) =>
        names.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToImmutableArray();
}
