using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// What <c>tenant_safety.tenant_types</c> could say for a DbContext whose tenancy this project cannot read (Finbuckle's
/// isolation by default in a base context of another project): the nearest base class, else an interface, that every
/// entity it maps has; else the entities by name. TSA0001 hands it over, so the fix is one line to copy. Names are
/// namespace-qualified: the setting usually sits in the solution's root <c>.editorconfig</c>, where a simple name also
/// matches a same-named class of another service whose context filters nothing.
/// </summary>
internal static class TenantTypesSuggestion
{
    private const int MaxNamed = 8;

    /// <summary>The value to set for <paramref name="context"/>'s entities (leaving out owned and global types); null when it maps none.</summary>
    public static string? For(INamedTypeSymbol context, TenancySources sources)
    {
        var entities = sources.Model.Entities
            .Where(e => !e.IsOwned && e.Contexts.Contains(context, SymbolEqualityComparer.Default) && sources.GlobalTypes.Match(e.Type) is null)
            .Select(e => e.Type)
            .ToList();
        if (entities.Count == 0)
        {
            return null;
        }

        if (SharedType(entities) is { } shared)
        {
            return TenantTypeNames.QualifiedName(shared);
        }

        var names = entities.Select(TenantTypeNames.QualifiedName).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return names.Count <= MaxNamed ? string.Join(", ", names) : string.Join(", ", names.Take(MaxNamed)) + ", …";
    }

    /// <summary>
    /// The nearest base class, else an interface, of the app's code that every one of <paramref name="entities"/> has and
    /// that <paramref name="qualifies"/> (when given); null when none does.
    /// </summary>
    public static INamedTypeSymbol? SharedType(IReadOnlyList<ITypeSymbol> entities, Func<INamedTypeSymbol, bool>? qualifies = null)
    {
        var first = entities[0];
        var candidates = first.SelfAndBaseClasses().Skip(1).Where(t => t.SpecialType != SpecialType.System_Object)
            .Concat(first.AllInterfaces)
            .Where(t => !IsLibraryType(t));
        foreach (var candidate in candidates)
        {
            // Satisfies compares definitions: BaseEntity<Guid> and BaseEntity<int> share BaseEntity<TId>.
            if ((qualifies is null || qualifies(candidate)) && entities.All(entity => entity.Satisfies(candidate)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A type of .NET, ASP.NET Core, EF Core or a tenancy library, which names far more than this context's entities.</summary>
    private static bool IsLibraryType(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is { } ns
        && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal)
            || ns.StartsWith("Finbuckle.", StringComparison.Ordinal) || ns.StartsWith("Volo.", StringComparison.Ordinal));
}
