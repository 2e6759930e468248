using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// EF Core's conventions, applied after attributes and the fluent API: the <c>Id</c> primary key, foreign-key
/// properties found from navigation names, TPH tables shared with the base entity, and the foreign-key index
/// convention (an FK gets an index unless a key or index already starts with its columns).
/// </summary>
internal static class EntityConventions
{
    public static void Apply(ModelRegistry registry, EntityDeclarations declarations, List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)> relationships)
    {
        foreach (var entity in registry.Entities.Values)
        {
            entity.IsOwned |= registry.Owned.Contains(entity.Type);
            if (!registry.ExplicitPrimaryKeys.Contains(entity.Type) && !entity.IsKeyless && ConventionalKey(declarations.Of(entity.Type)) is { } key)
            {
                entity.AddIndex(new IndexDefinition(ImmutableArray.Create(key), IndexOrigin.PrimaryKey));
            }
        }

        foreach (var (dependent, principal, navigation) in relationships)
        {
            if (navigation is not null && registry.ConfiguredNavigations.Contains((dependent, navigation)))
            {
                continue;
            }

            if (registry.Entities.TryGetValue(dependent, out var dependentEntity)
                && registry.Entities.TryGetValue(principal, out var principalEntity)
                && !principalEntity.IsOwned
                && ConventionalForeignKey(declarations.Of(dependentEntity.Type), principalEntity, navigation) is { } foreignKey)
            {
                dependentEntity.AddForeignKey(new ForeignKeyDefinition(ImmutableArray.Create(foreignKey), principal));
            }
        }

        AssignTableRoots(registry);
        ApplySharedIndexes(registry, declarations);
        if (!registry.ForeignKeyIndexConventionRemoved)
        {
            AddForeignKeyIndexes(registry);
        }
    }

    /// <summary>
    /// EF Core's key discovery: a property named <c>Id</c>, declared or inherited, any case; only when there is none,
    /// <c>&lt;type name&gt;Id</c>. So <c>Lead.Id</c> is the key of a <c>Lead</c> that also has a <c>LeadId</c>.
    /// </summary>
    internal static string? ConventionalKey(EntityDeclaration type) =>
        type.KeyCandidateNamed("Id") ?? type.KeyCandidateNamed(type.Name + "Id");

    /// <summary>
    /// The dependent's property EF Core takes as the foreign key: <c>&lt;navigation&gt;&lt;principal key&gt;</c>,
    /// <c>&lt;navigation&gt;Id</c>, <c>&lt;principal type&gt;&lt;principal key&gt;</c>, <c>&lt;principal type&gt;Id</c>, any case.
    /// Null when none exists (EF Core then adds a shadow property, which is no column of ours).
    /// </summary>
    private static string? ConventionalForeignKey(EntityDeclaration dependent, EntityInfo principal, string? navigation)
    {
        var principalKey = principal.Indexes.FirstOrDefault(i => i.Origin == IndexOrigin.PrimaryKey);
        if (principalKey is { Properties.Length: > 1 })
        {
            return null;
        }

        var keyName = principalKey?.Properties[0] ?? "Id";
        var candidates = new List<string>();
        if (navigation is not null)
        {
            candidates.Add(navigation + keyName);
            candidates.Add(navigation + "Id");
        }

        candidates.Add(principal.Type.Name + keyName);
        candidates.Add(principal.Type.Name + "Id");
        if (keyName.StartsWith(principal.Type.Name, StringComparison.OrdinalIgnoreCase))
        {
            candidates.Add(keyName);
        }

        foreach (var candidate in candidates)
        {
            if (dependent.InstancePropertyNames.Contains(candidate))
            {
                return candidate;
            }

            var caseInsensitive = dependent.OwnPropertyNames
                .FirstOrDefault(name => string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase));
            if (caseInsensitive is not null)
            {
                return caseInsensitive;
            }
        }

        return null;
    }

    /// <summary>A derived entity shares its base entity's table (TPH) unless it names a table of its own; its indexes and keys go there.</summary>
    private static void AssignTableRoots(ModelRegistry registry)
    {
        foreach (var entity in registry.Entities.Values)
        {
            EntityInfo? root = null;
            foreach (var type in entity.Type.BaseType?.SelfAndBaseClasses() ?? Enumerable.Empty<INamedTypeSymbol>())
            {
                if (registry.Entities.TryGetValue(type.OriginalDefinition, out var baseEntity) && !registry.Ignored.Contains(baseEntity.Type))
                {
                    root = baseEntity;
                }
            }

            if (root is not null && (entity.TableName is null || entity.TableName == root.TableName))
            {
                entity.TableRoot = root;
            }
        }

        foreach (var entity in registry.Entities.Values.Where(e => e.TableRoot is not null).ToList())
        {
            foreach (var index in entity.Indexes.Where(i => i.Origin != IndexOrigin.PrimaryKey))
            {
                entity.TableRoot!.AddIndex(index);
            }

            foreach (var foreignKey in entity.ForeignKeys)
            {
                entity.TableRoot!.AddForeignKey(foreignKey);
            }
        }
    }

    /// <summary>Indexes from generic helpers and model loops go to every entity that reaches them and has the columns.</summary>
    private static void ApplySharedIndexes(ModelRegistry registry, EntityDeclarations declarations)
    {
        foreach (var shared in registry.SharedIndexes)
        {
            foreach (var entity in registry.Entities.Values)
            {
                if (shared.Reaches(entity, declarations.Of(entity.Type).InstancePropertyNames))
                {
                    entity.AddIndex(shared.Index);
                }
            }
        }
    }

    private static void AddForeignKeyIndexes(ModelRegistry registry)
    {
        foreach (var entity in registry.Entities.Values.Where(e => e.TableRoot is null))
        {
            foreach (var foreignKey in entity.ForeignKeys)
            {
                if (!entity.Indexes.Any(index => !index.IsSpecialized && index.StartsWith(foreignKey.Properties)))
                {
                    entity.AddIndex(new IndexDefinition(foreignKey.Properties, IndexOrigin.ForeignKeyConvention));
                }
            }
        }
    }
}
