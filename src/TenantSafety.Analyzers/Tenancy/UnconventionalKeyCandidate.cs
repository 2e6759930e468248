using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The key a context's entities most likely share when none carries a conventional name (<c>ApplicationId</c> on 4 of a
/// clinic app's 6 entities, <c>ClinicId</c>, <c>StoreId</c>): only advice for TSA0001's message, never taken as the key,
/// since a name carried by many entities is as often a parent's foreign key or an audit column.
/// </summary>
/// <remarks>
/// A candidate is an instance property named <c>…Id</c> that could hold a tenant's key (a scalar or a strongly-typed id),
/// neither the entity's own key (<c>Id</c>, <c>PatientId</c> on <c>Patient</c>) nor an audit column
/// (<c>CreatedById</c>), nor declared by a type of Microsoft's (Identity's <c>UserId</c> and <c>RoleId</c>); it must be
/// carried by at least two entities and half of them, and by more than any other.
/// </remarks>
internal static class UnconventionalKeyCandidate
{
    private static readonly string[] s_auditPrefixes = { "Created", "Updated", "Modified", "LastModified", "Deleted", "Changed", "Edited" };

    /// <summary>The most carried candidate among <paramref name="entityTypes"/>, with how many carry it; null when none stands out.</summary>
    public static (string Name, int Count)? Find(IReadOnlyCollection<ITypeSymbol> entityTypes)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entityType in entityTypes)
        {
            foreach (var name in CandidateNames(entityType))
            {
                counts[name] = counts.TryGetValue(name, out var count) ? count + 1 : 1;
            }
        }

        var ranked = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(2).ToList();
        if (ranked.Count == 0 || ranked[0].Value < 2 || ranked[0].Value * 2 < entityTypes.Count
            || (ranked.Count == 2 && ranked[1].Value == ranked[0].Value))
        {
            return null;
        }

        return (ranked[0].Key, ranked[0].Value);
    }

    /// <summary>The names of <paramref name="entityType"/>'s candidate properties, its base types' included, each once.</summary>
    private static HashSet<string> CandidateNames(ITypeSymbol entityType)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var type = entityType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            // ASP.NET Core Identity's UserId and RoleId are on most of an Identity context's entities, and key no tenant.
            if (IsFrameworkType(type))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property
                    && IsCandidateName(property.Name, entityType.Name)
                    && property.Type.CanHoldTenantKey())
                {
                    names.Add(property.Name);
                }
            }
        }

        return names;
    }

    private static bool IsFrameworkType(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal));

    private static bool IsCandidateName(string name, string entityName) =>
        name.Length > 2
        && (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("ID", StringComparison.Ordinal))
        && !string.Equals(name, entityName + "Id", StringComparison.OrdinalIgnoreCase)
        && !s_auditPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
