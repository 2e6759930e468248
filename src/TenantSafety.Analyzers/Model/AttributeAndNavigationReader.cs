using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Reads the mapping attributes of every entity (<c>[Table]</c>, <c>[Index]</c>, <c>[PrimaryKey]</c>, <c>[Keyless]</c>,
/// <c>[Owned]</c>, <c>[Key]</c>, <c>[Column]</c>, <c>[ForeignKey]</c>, <c>[NotMapped]</c>) and follows its navigations to
/// the entities EF Core discovers through them, collecting the relationships whose foreign key a convention names.
/// </summary>
internal sealed class AttributeAndNavigationReader
{
    private readonly EntityDeclarations _declarations;
    private readonly ModelRegistry _registry;
    private readonly List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)> _relationships;

    public AttributeAndNavigationReader(EntityDeclarations declarations, ModelRegistry registry, List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)> relationships)
    {
        _declarations = declarations;
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

            var declaration = _declarations.Of(entity.Type);
            ReadTypeAttributes(entity, declaration);
            foreach (var property in declaration.Properties)
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

    private void ReadTypeAttributes(EntityInfo entity, EntityDeclaration declaration)
    {
        for (var level = 0; level < declaration.Levels.Length; level++)
        {
            // A base class that is an entity itself carries its own attributes (its table is shared, TPH).
            var isOwnType = level == 0;
            if (!isOwnType && _declarations.Types.Resolve(declaration.Levels[level].Class) is { } baseClass && _registry.Entities.ContainsKey(baseClass))
            {
                break;
            }

            foreach (var attribute in declaration.Levels[level].Attributes)
            {
                ReadTypeAttribute(entity, attribute, isOwnType);
            }
        }
    }

    private void ReadTypeAttribute(EntityInfo entity, EntityTypeAttribute attribute, bool isOwnType)
    {
        if (attribute.Kind == EntityTypeAttributeKind.Index)
        {
            entity.AddIndex(attribute.Index!);
            return;
        }

        if (!isOwnType)
        {
            return;
        }

        switch (attribute.Kind)
        {
            case EntityTypeAttributeKind.Table:
                entity.TableName ??= attribute.TableName;
                break;
            case EntityTypeAttributeKind.PrimaryKey when !_registry.ExplicitPrimaryKeys.Contains(entity.Type):
                entity.ClearPrimaryKey();
                entity.AddIndex(attribute.Index!);
                _registry.ExplicitPrimaryKeys.Add(entity.Type);
                break;
            case EntityTypeAttributeKind.Keyless:
                entity.IsKeyless = true;
                break;
            case EntityTypeAttributeKind.Owned:
                _registry.Owned.Add(entity.Type);
                break;
        }
    }

    /// <summary>Reads one property's attributes; returns the entities its navigation leads to.</summary>
    private IEnumerable<EntityInfo> ReadProperty(EntityInfo entity, EntityPropertyDeclaration property)
    {
        if (property.ColumnName is { } column)
        {
            entity.SetColumnName(property.Name, column);
        }

        if (property.Key is { } key && !_registry.ExplicitPrimaryKeys.Contains(entity.Type))
        {
            entity.ClearPrimaryKey();
            entity.AddIndex(key);
            _registry.ExplicitPrimaryKeys.Add(entity.Type);
        }

        var foreignKeyAttribute = property.ForeignKeyAttribute;
        if (Target(property.ReferenceTarget) is { } principal)
        {
            if (foreignKeyAttribute is not null)
            {
                _registry.ConfiguredNavigations.Add((entity.Type, property.Name));
                entity.AddForeignKey(new ForeignKeyDefinition(SplitNames(foreignKeyAttribute), principal));
            }
            else
            {
                _relationships.Add((entity.Type, principal, property.Name));
            }

            yield return _registry.GetOrAdd(principal);
        }
        else if (Target(property.CollectionTarget) is { } dependent)
        {
            // The dependent's own reference navigation, if any, yields the same relationship from its side.
            var entityReference = _declarations.Of(entity.Type).Levels[0].Class;
            if (!_declarations.Of(dependent).Properties.Any(p => p.ReferenceTarget is { } target && target.Equals(entityReference) && Target(target) is not null))
            {
                _relationships.Add((dependent, entity.Type, null));
            }

            yield return _registry.GetOrAdd(dependent);
        }
        else if (foreignKeyAttribute is not null)
        {
            // [ForeignKey("Team")] on TeamId names the navigation this property is the key of.
            _registry.ConfiguredNavigations.Add((entity.Type, foreignKeyAttribute));
            var principalType = _declarations.Types.Resolve(_declarations.Of(entity.Type).Properties.FirstOrDefault(p => p.Name == foreignKeyAttribute)?.Type);
            entity.AddForeignKey(new ForeignKeyDefinition(ImmutableArray.Create(property.Name), principalType));
        }
    }

    /// <summary>
    /// The entity a navigation leads to in this compilation, unless the fluent API made it an owned type, or EF Core could
    /// find no key for it: a value object (a strongly-typed <c>TenantId</c>, an <c>EmailAddress</c> wrapping one
    /// <c>Value</c>) is stored through a conversion, and EF Core maps no navigation to a class without a key.
    /// </summary>
    private INamedTypeSymbol? Target(TypeReference? reference) =>
        _declarations.Types.Resolve(reference) is { } type && !_registry.Owned.Contains(type) && MayBeEntity(type) ? type : null;

    /// <summary>Whether <paramref name="type"/> is mapped already, or has a key EF Core discovers: <c>Id</c>, <c>&lt;type&gt;Id</c>, <c>[Key]</c> or <c>[PrimaryKey]</c>.</summary>
    private bool MayBeEntity(INamedTypeSymbol type)
    {
        if (_registry.Entities.ContainsKey(type) || _registry.ExplicitPrimaryKeys.Contains(type))
        {
            return true;
        }

        var declaration = _declarations.Of(type);
        return EntityConventions.ConventionalKey(declaration) is not null
            || declaration.Properties.Any(p => p.Key is not null)
            || declaration.Levels.Any(level => level.Attributes.Any(a => a.Kind == EntityTypeAttributeKind.PrimaryKey));
    }

    private static ImmutableArray<string> SplitNames(string names) =>
        names.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToImmutableArray();
}
