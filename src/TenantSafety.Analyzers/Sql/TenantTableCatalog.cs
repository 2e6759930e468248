using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// The names under which SQL text may mention a tenant table: the mapped table name (<c>ToTable</c>, <c>[Table]</c>),
/// the DbSet property name, the class name, and the snake_case form of each (what <c>UseSnakeCaseNamingConvention</c>
/// produces), any case; and the names of its tenant column. Built once per compilation and tenant-key configuration.
/// </summary>
internal sealed class TenantTableCatalog
{
    private readonly Dictionary<string, TenantTable> _byName;

    private TenantTableCatalog(Dictionary<string, TenantTable> byName)
    {
        _byName = byName;
    }

    public bool IsEmpty => _byName.Count == 0;

    public static TenantTableCatalog Build(EntityModel model, TenantEntities tenancy)
    {
        var names = new Dictionary<string, (string Entity, HashSet<string> Columns)>(StringComparer.OrdinalIgnoreCase);
        foreach (var tenant in tenancy.All(TenantEntityScope.NamedInSql))
        {
            var entity = tenant.Entity!;
            var key = tenant.Key;
            var columns = new[] { model.MappedColumnName(entity, key.Name), entity.ColumnNameOf(key.Name), key.Name, EntityModel.ToSnakeCase(key.Name) };
            var tableNames = new List<string?> { model.MappedTableName(entity), entity.TableName, entity.TableRoot?.TableName, entity.Type.Name };
            tableNames.AddRange(entity.DbSetNames);
            foreach (var name in tableNames.Where(n => !string.IsNullOrEmpty(n)).SelectMany(n => new[] { n!, EntityModel.ToSnakeCase(n!) }))
            {
                if (!names.TryGetValue(name, out var entry))
                {
                    names[name] = entry = (entity.Type.Name, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                }

                foreach (var column in columns.Where(c => !string.IsNullOrEmpty(c)))
                {
                    entry.Columns.Add(column!);
                }
            }
        }

        return new TenantTableCatalog(names.ToDictionary(
            pair => pair.Key,
            pair => new TenantTable(pair.Value.Entity, pair.Value.Columns.ToImmutableArray()),
            StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The tenant table a name means, whatever its schema; null when it is not one.</summary>
    public TenantTable? Find(SqlQualifiedName name) => _byName.TryGetValue(name.Name, out var table) ? table : null;
}
