using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The entity types of a compilation and what its model configuration says about their tables, keys and
/// indexes: one model for all of the compilation's DbContexts. Built once per compilation by
/// <see cref="EntityModelBuilder"/>; read concurrently by the rules afterwards.
/// </summary>
internal sealed class EntityModel
{
    private readonly Dictionary<ITypeSymbol, EntityInfo> _byType;
    private readonly ILookup<string, EntityInfo> _byName;
    private readonly Lazy<ILookup<string, EntityInfo>> _byTable;

    /// <param name="byType">The entities by type, built for this compilation (never shared with another).</param>
    /// <param name="usesSnakeCaseNaming">Whether tables and columns are named in snake_case.</param>
    /// <param name="assembly">The compilation's assembly: the entities it declares get <see cref="EntityInfo.IsDeclaredInCompilation"/>.</param>
    internal EntityModel(Dictionary<ITypeSymbol, EntityInfo> byType, bool usesSnakeCaseNaming, IAssemblySymbol assembly)
    {
        _byType = byType;
        Assembly = assembly;
        foreach (var entity in byType.Values)
        {
            entity.IsDeclaredInCompilation = SymbolEqualityComparer.Default.Equals(entity.Type.ContainingAssembly, assembly);
        }

        UsesSnakeCaseNaming = usesSnakeCaseNaming;
        Entities = byType.Values
            .OrderBy(e => e.Type.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(e => e.Type.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToList();
        _byName = Entities.ToLookup(e => e.Type.Name, StringComparer.Ordinal);
        _byTable = new Lazy<ILookup<string, EntityInfo>>(() => Entities.ToLookup(MappedTableName, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether another entity mapped to <paramref name="entity"/>'s table (a second class over a table a module of the
    /// application owns, <c>[Table("Lots")]</c>) declares an index led by the column <paramref name="property"/> maps to:
    /// the table has it, whichever class declares it.
    /// </summary>
    public bool TableHasIndexLedBy(EntityInfo entity, string property)
    {
        var column = MappedColumnName(entity, property);
        foreach (var other in _byTable.Value[MappedTableName(entity)])
        {
            if (!ReferenceEquals(other, entity)
                && string.Equals(MappedColumnName(other, property), column, StringComparison.Ordinal)
                && other.HasIndexLedBy(property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entities whose class has this simple name (usually one).</summary>
    public IEnumerable<EntityInfo> FindByName(string name) => _byName[name];

    public IReadOnlyList<EntityInfo> Entities { get; }

    /// <summary>The compilation's assembly: a type of another is declared by a project whose configuration is compiled code.</summary>
    public IAssemblySymbol Assembly { get; }

    /// <summary>The project names tables and columns in snake_case (<c>UseSnakeCaseNamingConvention</c>).</summary>
    public bool UsesSnakeCaseNaming { get; }

    public EntityInfo? Find(ITypeSymbol? type) =>
        type is not null && _byType.TryGetValue(type.OriginalDefinition, out var entity) ? entity : null;

    /// <summary>The table name EF Core gives the entity: explicit, else its DbSet name, else its class name; snake_case under the naming convention.</summary>
    public string MappedTableName(EntityInfo entity)
    {
        var root = entity.TableRoot ?? entity;
        if (root.TableName is { } explicitName)
        {
            return explicitName;
        }

        var conventional = root.DbSetNames.Count > 0 ? root.DbSetNames[0] : root.Type.Name;
        return UsesSnakeCaseNaming ? ToSnakeCase(conventional) : conventional;
    }

    /// <summary>The column EF Core gives a property: explicit, else the property name; snake_case under the naming convention.</summary>
    public string MappedColumnName(EntityInfo entity, string property) =>
        entity.ColumnNameOf(property) ?? (UsesSnakeCaseNaming ? ToSnakeCase(property) : property);

    /// <summary>The snake_case form <c>UseSnakeCaseNamingConvention</c> produces: <c>LeadActivities</c> → <c>lead_activities</c>, <c>TeamId</c> → <c>team_id</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var startsWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((previousIsLowerOrDigit || startsWord) && builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
