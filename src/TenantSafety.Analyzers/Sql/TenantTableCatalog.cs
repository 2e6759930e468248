using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// The names under which SQL text may mention a tenant table: the mapped table name (<c>ToTable</c>, <c>[Table]</c>),
/// the DbSet property name, the class name, and the snake_case form of each (what <c>UseSnakeCaseNamingConvention</c>
/// produces), any case; and the names of its tenant column. One per compilation and tenant-key configuration. The
/// names come from the model alone; whether the entities behind a name are tenant entities is resolved only for the
/// names some SQL mentions (resolving all of them reads the members of every entity class, on every keystroke).
/// </summary>
internal sealed class TenantTableCatalog
{
    private readonly Dictionary<string, List<EntityInfo>> _entitiesByName;
    private readonly EntityModel _model;
    private readonly TenantEntities _tenancy;
    private readonly ConcurrentDictionary<string, TenantTable?> _tables = new(StringComparer.OrdinalIgnoreCase);

    private TenantTableCatalog(Dictionary<string, List<EntityInfo>> entitiesByName, EntityModel model, TenantEntities tenancy)
    {
        _entitiesByName = entitiesByName;
        _model = model;
        _tenancy = tenancy;
    }

    public static TenantTableCatalog Build(EntityModel model, TenantEntities tenancy)
    {
        var entitiesByName = new Dictionary<string, List<EntityInfo>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in model.Entities)
        {
            var tableNames = new List<string?> { model.MappedTableName(entity), entity.TableName, entity.TableRoot?.TableName, entity.Type.Name };
            tableNames.AddRange(entity.DbSetNames);
            foreach (var name in tableNames.Where(n => !string.IsNullOrEmpty(n)).SelectMany(n => new[] { n!, EntityModel.ToSnakeCase(n!) }))
            {
                if (!entitiesByName.TryGetValue(name, out var entities))
                {
                    entitiesByName[name] = entities = new List<EntityInfo>();
                }

                if (entities.Count == 0 || entities[entities.Count - 1] != entity)
                {
                    entities.Add(entity);
                }
            }
        }

        return new TenantTableCatalog(entitiesByName, model, tenancy);
    }

    /// <summary>The tenant table a name means, whatever its schema; null when it is not one.</summary>
    public TenantTable? Find(SqlQualifiedName name) => _tables.GetOrAdd(name.Name, Resolve);

    /// <summary>The first tenant entity (in the model's order) a name stands for, with the key columns of all of them.</summary>
    private TenantTable? Resolve(string name)
    {
        if (!_entitiesByName.TryGetValue(name, out var entities))
        {
            return null;
        }

        string? first = null;
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in entities)
        {
            if (_tenancy.Of(entity, TenantEntityScope.NamedInSql) is not { } tenant)
            {
                continue;
            }

            first ??= entity.Type.Name;
            var key = tenant.Key;
            foreach (var column in new[] { _model.MappedColumnName(entity, key.Name), entity.ColumnNameOf(key.Name), key.Name, EntityModel.ToSnakeCase(key.Name) })
            {
                if (!string.IsNullOrEmpty(column))
                {
                    columns.Add(column!);
                }
            }
        }

        return first is null ? null : new TenantTable(first, columns.ToImmutableArray());
    }
}
