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
/// A project without a model of its own (a service layer over another project's DbContext) names the tables of the other
/// projects' entity sets (<see cref="ForeignTable"/>).
/// </summary>
internal sealed class TenantTableCatalog
{
    private readonly Dictionary<string, List<EntityInfo>> _entitiesByName;
    private readonly Dictionary<string, List<ForeignTable>> _foreignByName;
    private readonly EntityModel _model;
    private readonly TenantEntities _tenancy;
    private readonly ConcurrentDictionary<string, TenantTable?> _tables = new(StringComparer.OrdinalIgnoreCase);

    private TenantTableCatalog(Dictionary<string, List<EntityInfo>> entitiesByName, Dictionary<string, List<ForeignTable>> foreignByName, EntityModel model, TenantEntities tenancy)
    {
        _entitiesByName = entitiesByName;
        _foreignByName = foreignByName;
        _model = model;
        _tenancy = tenancy;
    }

    /// <param name="model">This project's model.</param>
    /// <param name="tenancy">Which entities are tenant entities.</param>
    /// <param name="foreignTables">The tables of other projects' entity sets that SQL here may name; empty in a project with a model of its own.</param>
    public static TenantTableCatalog Build(EntityModel model, TenantEntities tenancy, ImmutableArray<ForeignTable> foreignTables)
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

        var foreignByName = new Dictionary<string, List<ForeignTable>>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in foreignTables)
        {
            foreach (var name in table.Names.SelectMany(n => new[] { n, EntityModel.ToSnakeCase(n) }).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!foreignByName.TryGetValue(name, out var tables))
                {
                    foreignByName[name] = tables = new List<ForeignTable>();
                }

                tables.Add(table);
            }
        }

        return new TenantTableCatalog(entitiesByName, foreignByName, model, tenancy);
    }

    /// <summary>The tenant table a name means, whatever its schema; null when it is not one.</summary>
    public TenantTable? Find(SqlQualifiedName name) => _tables.GetOrAdd(name.Name, Resolve);

    /// <summary>The first tenant entity (in the model's order) a name stands for, with the key columns of all of them.</summary>
    private TenantTable? Resolve(string name)
    {
        string? first = null;
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in _foreignByName.TryGetValue(name, out var foreign) ? foreign : Enumerable.Empty<ForeignTable>())
        {
            // Another project's entity, judged from its type alone: the model it is mapped in is compiled code. A child
            // entity's table has no tenant column (TenantEntityScope.NamedInSql).
            if (_tenancy.Find(table.EntityType, TenantEntityScope.Queried) is not { Key.Via: null } tenant)
            {
                continue;
            }

            first ??= table.EntityType.Name;
            var key = tenant.Key.Name;
            foreach (var column in new[] { table.ColumnAttributeName(key), key, EntityModel.ToSnakeCase(key) })
            {
                if (!string.IsNullOrEmpty(column))
                {
                    columns.Add(column!);
                }
            }
        }

        foreach (var entity in _entitiesByName.TryGetValue(name, out var entities) ? entities : Enumerable.Empty<EntityInfo>())
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
