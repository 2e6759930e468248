using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The source types whose code configures the model (DbContexts, <c>IEntityTypeConfiguration&lt;T&gt;</c> classes,
/// builder-taking helpers; see <see cref="TenantFilterIndex.ConfiguresModel"/>), in file and position order so what
/// is read from them comes out the same in every build. Found once per compilation for the model and the filters.
/// </summary>
internal static class ConfiguringTypes
{
    public static ImmutableArray<INamedTypeSymbol> Find(Compilation compilation, EfCoreSymbols symbols) =>
        SourceTypes.Of(compilation)
            .Where(type => TenantFilterIndex.ConfiguresModel(type, symbols))
            .OrderBy(type => type.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(type => type.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToImmutableArray();
}
