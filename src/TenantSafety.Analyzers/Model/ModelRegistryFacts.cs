using System;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>Recording writes to one entity of the <see cref="ModelRegistry"/>.</summary>
internal static class ModelRegistryFacts
{
    /// <summary>Maps <paramref name="type"/> as an entity and, when given, writes to it; nothing when it is not a named type.</summary>
    public static void Entity(this ConfigurationFacts<ModelRegistry> facts, ITypeSymbol? type, Action<EntityInfo, ModelRegistry, TypeResolver>? write = null)
    {
        if (facts.Reference(type) is not { } reference)
        {
            return;
        }

        facts.Add((registry, types) =>
        {
            if (types.Resolve(reference) is { } resolved)
            {
                var entity = registry.GetOrAdd(resolved);
                write?.Invoke(entity, registry, types);
            }
        });
    }
}
