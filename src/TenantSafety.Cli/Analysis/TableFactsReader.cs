using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Tenancy;
using TenantSafety.Cli.Analysis.Code;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Analysis;

/// <summary>
/// Table-level facts from the analyzers' own entity model — the same model TSA2001 judges — so the report
/// and the build never disagree about which tables lack a tenant-key index.
/// </summary>
internal static class TableFactsReader
{
    private static readonly string[] s_creationTimestampNames = ["CreatedAt", "CreatedOn", "CreatedUtc", "OccurredAt", "LoggedAt", "Timestamp"];
    private static readonly string[] s_updateTimestampPrefixes = ["Updated", "Modified", "LastModified", "LastUpdated", "ChangedAt"];

    public static IReadOnlyList<TableFacts> Read(Compilation compilation, AnalyzerOptions options, ModelSchemas schemas)
    {
        var state = TenantCompilationState.For(compilation, options);
        if (state is null)
        {
            return [];
        }

        var model = state.Entities;
        var tenantKeys = model.Entities
            .Where(e => e.HasOwnTable)
            .ToDictionary(e => e, e => state.GetAnalysis(TreeOf(e, state, compilation)).Tenancy.Find(e.Type, TenantEntityScope.OwnTable));
        var notMapped = state.Symbols.NotMappedAttribute;

        var tables = new List<TableFacts>();
        foreach (var (entity, tenant) in tenantKeys)
        {
            var key = tenant?.Key;
            var tree = TreeOf(entity, state, compilation);
            var tenantOptions = state.GetOptions(tree);
            var table = model.MappedTableName(entity);
            var keyColumn = key is null ? null : model.MappedColumnName(entity, key.Name);
            var columns = MappedProperties.Columns(entity.Type, notMapped).ToList();
            var timestamps = columns.Where(IsTimestamp).ToList();

            tables.Add(new TableFacts(
                Entity: entity.Type.ToDisplayString(),
                Table: table,
                TenantKey: key?.Name,
                TenantKeyColumn: keyColumn,
                TenantKeySqlType: key is null ? null : key.Type is { } keyType ? PostgresTypes.Of(keyType) : "text",
                TenantKeyIndexed: key is not null && entity.HasIndexLedBy(key.Name),
                Hot: tenantOptions.IsHot(entity.Type.Name, table),
                TenantFilter: key is not null && !state.GetAnalysis(tree).Tenancy.FiltersOf(entity.Type).IsEmpty,
                ScopedThrough: key is null ? ScopedThrough(entity, model, tenantKeys) : null,
                Indexes: entity.Indexes.Select(index => ToTableIndex(index, entity, model, table)).ToList(),
                TimestampColumns: timestamps.Where(p => IsCreationTimestamp(p.Name)).Select(p => model.MappedColumnName(entity, p.Name)).ToList(),
                HasUpdateTimestamp: timestamps.Any(p => s_updateTimestampPrefixes.Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal))),
                SnakeCaseNaming: model.UsesSnakeCaseNaming,
                ColumnsByProperty: columns.ToDictionary(p => p.Name, p => model.MappedColumnName(entity, p.Name), StringComparer.Ordinal),
                Declaration: SpotOf(entity.Type.Locations.FirstOrDefault(l => l.IsInSource)),
                Configuration: ConfigurationOf(entity, key?.Name))
            {
                TenantKeyOrigin = tenant?.Origin,
                ConfiguredElsewhere = entity.ConfigurationsElsewhere,
                Schema = TableAttributeSchema(entity.Type, state.Symbols) ?? schemas.For(entity.Type),
                ColumnStorage = StorageByColumn(entity, model, columns),
                ForeignKeys = entity.ForeignKeys
                    .Select(fk => new TableForeignKey(
                        fk.Properties.Select(p => model.MappedColumnName(entity, p)).ToList(),
                        model.Find(fk.Principal) is { } principal ? model.MappedTableName(principal) : null,
                        entity.Indexes.Any(index => index.StartsWith(fk.Properties))))
                    .ToList(),
            });
        }

        return tables.OrderBy(t => t.Table, StringComparer.Ordinal).ToList();
    }

    /// <summary>The hot entities configured for the project (<c>tenant_safety.hot_entities</c>), read where the entities are declared.</summary>
    public static IReadOnlyList<string> HotEntities(Compilation compilation, AnalyzerOptions options)
    {
        var state = TenantCompilationState.For(compilation, options);
        if (state is null)
        {
            return [];
        }

        var tree = state.Entities.Entities.Select(e => TreeIn(compilation, e.Type)).FirstOrDefault(t => t is not null) ?? ContextTree(state, compilation);
        return tree is null ? [] : state.GetOptions(tree).HotEntities;
    }

    /// <summary>The tenant key the analyzers used for the project's model and how they found it, read where its DbContext is declared.</summary>
    public static TenancyFacts? Tenancy(Compilation compilation, AnalyzerOptions options)
    {
        var state = TenantCompilationState.For(compilation, options);
        if (state is null)
        {
            return null;
        }

        if (ContextTree(state, compilation) is not { } tree)
        {
            return null;
        }

        var keys = state.GetAnalysis(tree).Tenancy.Keys;
        return new TenancyFacts(keys.Names, keys.HowFound);
    }

    /// <summary>
    /// The tree whose options (<c>.editorconfig</c>) govern an entity: where it is declared, or, for an entity of another
    /// project (a Domain project of a Clean Architecture layout), where a DbContext that maps it is declared. The other
    /// project's trees are not this compilation's, and its folder does not carry this project's settings.
    /// </summary>
    private static SyntaxTree TreeOf(EntityInfo entity, TenantCompilationState state, Compilation compilation) =>
        TreeIn(compilation, entity.Type)
            ?? entity.Contexts.Select(context => TreeIn(compilation, context)).FirstOrDefault(t => t is not null)
            ?? ContextTree(state, compilation)
            ?? compilation.SyntaxTrees.First();

    /// <summary>The tree of the first DbContext declared in this project, else its first tree.</summary>
    private static SyntaxTree? ContextTree(TenantCompilationState state, Compilation compilation) =>
        state.Contexts.Select(context => TreeIn(compilation, context)).FirstOrDefault(t => t is not null) ?? compilation.SyntaxTrees.FirstOrDefault();

    /// <summary>
    /// Where <paramref name="type"/> is declared in this compilation's sources; null for a type of a referenced project,
    /// which a workspace hands over as source of another compilation.
    /// </summary>
    private static SyntaxTree? TreeIn(Compilation compilation, INamedTypeSymbol type) =>
        type.Locations.Select(l => l.SourceTree).FirstOrDefault(t => t is not null && compilation.ContainsSyntaxTree(t));

    /// <summary>A table without a tenant key of its own that belongs to a tenant table through a foreign key (campaign_executions → campaigns).</summary>
    private static string? ScopedThrough(EntityInfo entity, EntityModel model, Dictionary<EntityInfo, TenantEntity?> tenantKeys)
    {
        foreach (var foreignKey in entity.ForeignKeys)
        {
            if (model.Find(foreignKey.Principal) is { } principal && tenantKeys.TryGetValue(principal, out var principalKey) && principalKey is not null)
            {
                var columns = string.Join(", ", foreignKey.Properties.Select(p => model.MappedColumnName(entity, p)));
                return $"{model.MappedTableName(principal)} ({columns})";
            }
        }

        return null;
    }

    private static TableIndex ToTableIndex(IndexDefinition index, EntityInfo entity, EntityModel model, string table)
    {
        var columns = index.Properties.Select(p => model.MappedColumnName(entity, p)).ToList();
        var name = index.Name ?? DefaultIndexName(index.Origin, table, columns, model.UsesSnakeCaseNaming);
        return new TableIndex(name, columns, index.IsUnique, index.Origin.ToString());
    }

    /// <summary>The name EF Core gives an unnamed key or index (<c>IX_Messages_LeadId</c>), snake_cased under the naming convention.</summary>
    public static string DefaultIndexName(string origin, string table, IReadOnlyList<string> columns, bool snakeCase) =>
        DefaultIndexName(Enum.Parse<IndexOrigin>(origin), table, columns, snakeCase);

    public static string DefaultIndexName(IndexOrigin origin, string table, IReadOnlyList<string> columns, bool snakeCase)
    {
        var name = origin switch
        {
            IndexOrigin.PrimaryKey => $"PK_{table}",
            IndexOrigin.AlternateKey => $"AK_{table}_{string.Join("_", columns)}",
            _ => $"IX_{table}_{string.Join("_", columns)}",
        };
        return snakeCase ? name.ToLowerInvariant() : name;
    }

    private static bool IsTimestamp(IPropertySymbol property)
    {
        var type = property.Type is INamedTypeSymbol { ConstructedFrom.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : property.Type;
        return type.SpecialType == SpecialType.System_DateTime || type.ToDisplayString() == "System.DateTimeOffset";
    }

    /// <summary><c>[Table("name", Schema = "schema")]</c>.</summary>
    private static string? TableAttributeSchema(INamedTypeSymbol type, EfSymbols symbols) =>
        type.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.TableAttribute))
            .SelectMany(a => a.NamedArguments)
            .Where(a => a.Key == "Schema")
            .Select(a => a.Value.Value as string)
            .FirstOrDefault(s => !string.IsNullOrEmpty(s));

    private static Dictionary<string, ColumnStorage> StorageByColumn(EntityInfo entity, EntityModel model, IEnumerable<IPropertySymbol> columns)
    {
        var storage = new Dictionary<string, ColumnStorage>(StringComparer.Ordinal);
        foreach (var property in columns)
        {
            storage.TryAdd(model.MappedColumnName(entity, property.Name), PostgresTypes.Storage(property.Type));
        }

        return storage;
    }

    private static bool IsCreationTimestamp(string name) => s_creationTimestampNames.Contains(name, StringComparer.Ordinal);

    private static SourceSpot? SpotOf(Location? location)
    {
        if (location is null)
        {
            return null;
        }

        var span = location.GetMappedLineSpan();
        return new SourceSpot(DisplayPaths.Of(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    /// <summary>Where the model fix for this entity goes and how its builder is spelled there.</summary>
    private static ConfigurationSpot? ConfigurationOf(EntityInfo entity, string? tenantKey)
    {
        if (entity.PreferredSite is not { } site)
        {
            return null;
        }

        var node = site.Syntax.GetSyntax();
        var location = node.GetLocation().GetMappedLineSpan();
        var builder = site.Kind switch
        {
            ConfigurationSiteKind.EntityTypeConfiguration when node is MethodDeclarationSyntax method && method.ParameterList.Parameters.Count > 0
                => method.ParameterList.Parameters[0].Identifier.ValueText,
            ConfigurationSiteKind.EntityLambda when node is SimpleLambdaExpressionSyntax lambda => lambda.Parameter.Identifier.ValueText,
            ConfigurationSiteKind.EntityLambda when node is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } lambda
                => lambda.ParameterList.Parameters[0].Identifier.ValueText,
            _ => $"{ModelBuilderName(node)}.Entity<{entity.Type.Name}>()",
        };
        var lambdaParameter = char.ToLowerInvariant(entity.Type.Name[0]).ToString();
        if (builder == lambdaParameter || lambdaParameter == (tenantKey is null ? null : char.ToLowerInvariant(tenantKey[0]).ToString()))
        {
            lambdaParameter = "e";
        }

        return new ConfigurationSpot(DisplayPaths.Of(location.Path), location.StartLinePosition.Line + 1, builder, lambdaParameter);
    }

    private static string ModelBuilderName(SyntaxNode node)
    {
        var method = node as MethodDeclarationSyntax ?? node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        return method is { ParameterList.Parameters.Count: > 0 } ? method.ParameterList.Parameters[0].Identifier.ValueText : "modelBuilder";
    }
}
