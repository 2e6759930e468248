using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// A table of another project's model, as SQL text in this project may name it: the entity type of a <c>DbSet&lt;T&gt;</c>
/// that another project's DbContext or entity-set interface declares, under its set's name (EF Core's default table name),
/// its class name and its <c>[Table]</c> name. What that project's <c>ToTable</c> calls say is compiled code this project
/// cannot read.
/// </summary>
internal sealed class ForeignTable
{
    private readonly EfSymbols _symbols;

    private ForeignTable(ITypeSymbol entityType, ImmutableArray<string> names, EfSymbols symbols)
    {
        EntityType = entityType;
        Names = names;
        _symbols = symbols;
    }

    public ITypeSymbol EntityType { get; }

    /// <summary>The set names, the class name and the <c>[Table]</c> name: the names EF Core may give the table.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The tables of every entity set <paramref name="holders"/> declare, one per entity type.</summary>
    public static ImmutableArray<ForeignTable> Of(IEnumerable<INamedTypeSymbol> holders, EfSymbols symbols)
    {
        var namesByType = new Dictionary<ITypeSymbol, List<string>>(SymbolEqualityComparer.Default);
        foreach (var holder in holders)
        {
            foreach (var (property, entityType) in ForeignEntitySetHolders.EntitySetsOf(holder, symbols))
            {
                if (!namesByType.TryGetValue(entityType, out var names))
                {
                    namesByType[entityType] = names = new List<string> { entityType.Name };
                    if (TableAttributeName(entityType, symbols) is { } table)
                    {
                        names.Add(table);
                    }
                }

                names.Add(property.Name);
            }
        }

        return namesByType.Select(pair => new ForeignTable(pair.Key, pair.Value.Distinct().ToImmutableArray(), symbols)).ToImmutableArray();
    }

    /// <summary>The column <paramref name="property"/> is stored in when its <c>[Column]</c> attribute names one; null otherwise.</summary>
    public string? ColumnAttributeName(string property) =>
        EntityType.FindInstanceProperty(property) is { } symbol
            ? symbol.GetAttributes()
                .Where(attribute => attribute.AttributeClass.IsDefinitionOf(_symbols.ColumnAttribute))
                .Select(attribute => attribute.ConstructorArguments.FirstOrDefault().Value as string)
                .FirstOrDefault(name => !string.IsNullOrEmpty(name))
            : null;

    private static string? TableAttributeName(ITypeSymbol type, EfSymbols symbols) =>
        type.GetAttributes()
            .Where(attribute => attribute.AttributeClass.IsDefinitionOf(symbols.TableAttribute))
            .Select(attribute => attribute.ConstructorArguments.FirstOrDefault().Value as string)
            .FirstOrDefault(name => !string.IsNullOrEmpty(name));
}
