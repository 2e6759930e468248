using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// What the compilation's model configuration says about one entity type: its table, keys, indexes, foreign
/// keys, column names and where it is configured. Filled in by <see cref="EntityModelBuilder"/>; read-only after.
/// </summary>
internal sealed class EntityInfo
{
    private readonly List<IndexDefinition> _indexes = new();
    private readonly List<ForeignKeyDefinition> _foreignKeys = new();
    private readonly List<ConfigurationSite> _sites = new();
    private readonly List<string> _dbSetNames = new();
    private readonly List<INamedTypeSymbol> _contexts = new();
    private readonly List<string> _configurationsElsewhere = new();
    private readonly List<string> _unreadModelHelpers = new();
    private readonly Dictionary<string, string> _columnNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITypeSymbol?> _namedProperties = new(StringComparer.Ordinal);

    public EntityInfo(INamedTypeSymbol type)
    {
        Type = type;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The table named by <c>ToTable</c> or <c>[Table]</c>; null when the convention names it.</summary>
    public string? TableName { get; internal set; }

    /// <summary>The names of the <c>DbSet&lt;T&gt;</c> properties that expose it.</summary>
    public IReadOnlyList<string> DbSetNames => _dbSetNames;

    /// <summary>The DbContext classes that map it (through a DbSet or their OnModelCreating).</summary>
    public IReadOnlyList<INamedTypeSymbol> Contexts => _contexts;

    /// <summary>
    /// Declared by the compilation whose model this is, so its source is somewhere a finding or a fix may point. An
    /// entity of another project (a built assembly; in the IDE, another project's source) is not: the rules report it
    /// where this project maps it (<see cref="ForeignEntitySites"/>).
    /// </summary>
    public bool IsDeclaredInCompilation { get; internal set; }

    public bool IsKeyless { get; internal set; }

    /// <summary>
    /// The <c>IEntityTypeConfiguration&lt;T&gt;</c> classes of another project that configure it (applied one by one or
    /// from that project's assembly): bodies this compilation cannot read, so its indexes, keys and filters are not
    /// all known, and the rules that would claim one is missing say nothing.
    /// </summary>
    public IReadOnlyList<string> ConfigurationsElsewhere => _configurationsElsewhere;

    /// <summary>
    /// Methods of another project that its DbContext hands the <c>ModelBuilder</c> to (<c>ApplyTenantIndexes</c>): they may
    /// add indexes to it that this compilation cannot read. The model snapshot of its migrations tells what they added.
    /// </summary>
    public IReadOnlyList<string> UnreadModelHelpers => _unreadModelHelpers;

    /// <summary>Whether configuration this compilation cannot read applies to it (<see cref="ConfigurationsElsewhere"/>).</summary>
    public bool IsConfiguredElsewhere => _configurationsElsewhere.Count > 0;

    /// <summary>Mapped to a view, a SQL query or a function rather than a table.</summary>
    public bool IsView { get; internal set; }

    /// <summary>An owned type (<c>OwnsOne</c>, <c>OwnsMany</c>, <c>[Owned]</c>, <c>modelBuilder.Owned&lt;T&gt;()</c>): stored with its owner.</summary>
    public bool IsOwned { get; internal set; }

    /// <summary>
    /// Explicit indexes, keys and the indexes EF Core's foreign-key convention creates, of this entity and of
    /// the other entity types that share its table (a TPH hierarchy). Complete once the model is built.
    /// </summary>
    public IReadOnlyList<IndexDefinition> Indexes => _indexes;

    public IReadOnlyList<ForeignKeyDefinition> ForeignKeys => _foreignKeys;

    /// <summary>The entity whose table it shares (its TPH root), or null when it is the root.</summary>
    public EntityInfo? TableRoot { get; internal set; }

    /// <summary>Whether the entity has a table of its own to index: not keyless, a view, owned or a derived TPH type.</summary>
    public bool HasOwnTable => !IsKeyless && !IsView && !IsOwned && TableRoot is null;

    /// <summary>
    /// The properties the fluent API names by string with their CLR type (<c>Property&lt;Guid&gt;("TeamId")</c>, null when the
    /// type is not known): a shadow property when the class has no property of that name.
    /// </summary>
    public IReadOnlyDictionary<string, ITypeSymbol?> NamedProperties => _namedProperties;

    /// <summary>The column a property is mapped to by <c>HasColumnName</c> or <c>[Column]</c>; null when the convention names it.</summary>
    public string? ColumnNameOf(string propertyName) =>
        _columnNames.TryGetValue(propertyName, out var column) ? column : null;

    /// <summary>The best place for a model fix, or null when the entity is configured nowhere a fix can edit.</summary>
    public ConfigurationSite? PreferredSite => _sites.Count == 0 ? null : _sites.OrderBy(s => s.Kind).First();

    /// <summary>The best place inside a DbContext (where the context's members are in scope), or null.</summary>
    public ConfigurationSite? PreferredContextSite(EfSymbols symbols) =>
        _sites.Where(s => s.Kind != ConfigurationSiteKind.EntityTypeConfiguration && symbols.IsDbContext(s.Owner)).OrderBy(s => s.Kind).FirstOrDefault();

    /// <summary>Whether any index or key starts with <paramref name="property"/>; a partial index counts, as its author meant it for these queries.</summary>
    public bool HasIndexLedBy(string property) => _indexes.Any(index => index.StartsWith(property));

    internal void AddDbSet(string name, INamedTypeSymbol context)
    {
        if (!_dbSetNames.Contains(name))
        {
            _dbSetNames.Add(name);
        }

        AddContext(context);
    }

    internal void AddUnreadModelHelper(string helper)
    {
        if (!_unreadModelHelpers.Contains(helper))
        {
            _unreadModelHelpers.Add(helper);
        }
    }

    internal void AddConfigurationElsewhere(string configuration)
    {
        if (!_configurationsElsewhere.Contains(configuration))
        {
            _configurationsElsewhere.Add(configuration);
        }
    }

    internal void AddContext(INamedTypeSymbol context)
    {
        if (!_contexts.Contains(context, SymbolEqualityComparer.Default))
        {
            _contexts.Add(context);
        }
    }

    /// <summary>Adds an index, or merges it into the one EF Core would configure with it (<see cref="IndexDefinition.IsSameIndexAs"/>).</summary>
    internal void AddIndex(IndexDefinition index)
    {
        var same = _indexes.FindIndex(existing => existing.IsSameIndexAs(index));
        if (same < 0)
        {
            _indexes.Add(index);
        }
        else
        {
            _indexes[same] = _indexes[same].MergedWith(index);
        }
    }

    internal void AddForeignKey(ForeignKeyDefinition foreignKey)
    {
        if (!_foreignKeys.Any(fk => fk.Properties.SequenceEqual(foreignKey.Properties)))
        {
            _foreignKeys.Add(foreignKey);
        }
    }

    internal void AddSite(ConfigurationSite site) => _sites.Add(site);

    /// <summary>Where the entity is configured, in the order found (<see cref="PreferredSite"/> picks among them).</summary>
    internal IReadOnlyList<ConfigurationSite> Sites => _sites;

    /// <summary>The columns renamed by <c>[Column]</c> or <c>HasColumnName</c>, by property.</summary>
    internal IReadOnlyDictionary<string, string> ColumnNames => _columnNames;

    /// <summary>A DbSet name without its context, and indexes as they were already merged: for a model restored from a snapshot.</summary>
    internal void RestoreDbSetName(string name) => _dbSetNames.Add(name);

    internal void RestoreIndex(IndexDefinition index) => _indexes.Add(index);

    internal void SetColumnName(string property, string column) => _columnNames[property] = column;

    internal void AddNamedProperty(string property, ITypeSymbol? type)
    {
        if (!_namedProperties.TryGetValue(property, out var known) || known is null)
        {
            _namedProperties[property] = type;
        }
    }

    internal void ClearPrimaryKey() => _indexes.RemoveAll(index => index.Origin == IndexOrigin.PrimaryKey);

    public override string ToString() => $"{Type.Name} ({TableName ?? string.Join("/", _dbSetNames)})";
}

/// <summary>A foreign key of an entity (the dependent), by property names.</summary>
internal sealed class ForeignKeyDefinition
{
    public ForeignKeyDefinition(ImmutableArray<string> properties, ITypeSymbol? principal)
    {
        Properties = properties;
        Principal = principal;
    }

    public ImmutableArray<string> Properties { get; }

    public ITypeSymbol? Principal { get; }
}
