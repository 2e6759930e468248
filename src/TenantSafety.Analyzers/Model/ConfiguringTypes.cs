using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The source types whose code configures the model (DbContexts, <c>IEntityTypeConfiguration&lt;T&gt;</c> classes,
/// builder-taking helpers; see <see cref="ConfiguresModel"/>), in file and position order so what is read from them
/// comes out the same in every build. Found once per compilation for the model and the filters.
/// </summary>
internal static class ConfiguringTypes
{
    /// <summary>
    /// The configuring types of <paramref name="compilation"/>; taken by name from an earlier compilation of the same
    /// <see cref="DeclarationsVersion"/> (only bodies or comments were edited since), which spares completing every type.
    /// </summary>
    public static ImmutableArray<INamedTypeSymbol> Find(Compilation compilation, EfSymbols symbols, DeclarationsVersion version, TypeResolver types)
    {
        if (version.ConfiguringTypes is { } known)
        {
            var resolved = known.Select(types.Resolve).ToList();
            if (resolved.All(type => type is not null))
            {
                return resolved.ToImmutableArray()!;
            }
        }

        var found = Find(compilation, symbols);
        var references = found.Select(TypeReference.From).ToList();
        if (references.All(reference => reference is not null))
        {
            version.ConfiguringTypes = references.ToImmutableArray()!;
        }

        return found;
    }

    public static ImmutableArray<INamedTypeSymbol> Find(Compilation compilation, EfSymbols symbols) =>
        SourceTypes.Of(compilation)
            .Where(type => ConfiguresModel(type, symbols))
            .OrderBy(type => type.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(type => type.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToImmutableArray();

    /// <summary>A DbContext, an <c>IEntityTypeConfiguration&lt;T&gt;</c>, or a type with a method that takes a model or entity builder.</summary>
    internal static bool ConfiguresModel(INamedTypeSymbol type, EfSymbols symbols)
    {
        if (symbols.IsDbContext(type) || type.AllInterfaces.Any(i => i.IsDefinitionOf(symbols.EntityTypeConfigurationOfT)))
        {
            return true;
        }

        // Migrations and the model snapshot take a ModelBuilder too, but describe the model of an earlier migration,
        // generated, with string-named entities: the app's model is what the context and its configuration say.
        if (type.DerivesFrom(symbols.Migration) || type.DerivesFrom(symbols.ModelSnapshot))
        {
            return false;
        }

        // Model-building helpers: static extension classes and the like that receive a builder. Completing the members
        // of every type in the compilation to find them would bind bodies on each compilation, so only types whose
        // source can name a builder type are looked at.
        if (!BuilderTypeMentions.MayNameBuilderType(type))
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && method.Parameters.Any(p => IsModelBuilderType(p.Type, symbols)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsModelBuilderType(ITypeSymbol type, EfSymbols symbols) =>
        type.IsDefinitionOf(symbols.EntityTypeBuilderOfT) || SymbolEqualityComparer.Default.Equals(type, symbols.ModelBuilder);
}
