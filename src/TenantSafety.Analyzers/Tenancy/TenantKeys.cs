using System;
using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The tenant key names of a compilation and how they were found (<see cref="TenantKeyInference"/>): configured, or
/// inferred from the configured tenant types, the declared tenancy (query filters, Finbuckle, ABP) or the conventional
/// names. Empty when nothing was found: TSA0001 says so, with <see cref="LookedFor"/>.
/// </summary>
internal sealed class TenantKeys
{
    public TenantKeys(ImmutableArray<string> names, TenantDeclaration declaredBy, string howFound, string lookedFor)
    {
        Names = names;
        DeclaredBy = declaredBy;
        HowFound = howFound;
        LookedFor = lookedFor;
    }

    /// <summary>The key names, in the order an entity with several is keyed by the first; empty when none was found.</summary>
    public ImmutableArray<string> Names { get; }

    public bool IsEmpty => Names.IsEmpty;

    /// <summary>Where the names came from.</summary>
    public TenantDeclaration DeclaredBy { get; }

    /// <summary>How the key was chosen, for the report: "configured in tenant_safety.tenant_property", "inferred from Finbuckle IsMultiTenant() on 13 entities".</summary>
    public string HowFound { get; }

    /// <summary>What was looked for, for TSA0001: "TenantId (inferred from …)", or every source and conventional name.</summary>
    public string LookedFor { get; }

    /// <summary>
    /// Whether <paramref name="name"/> is one of the key names, in any case: a key spelled in another case (<c>ClinicID</c>
    /// for <c>ClinicId</c>) is the same key, as database-first models and older code spell ids; each entity's key is its
    /// own property, which fixes write.
    /// </summary>
    public bool Contains(string name) => ContainsName(Names, name);

    /// <summary>Whether <paramref name="names"/> holds <paramref name="name"/> in any case; without LINQ, which boxes the array on a path every predicate takes.</summary>
    public static bool ContainsName(ImmutableArray<string> names, string name)
    {
        foreach (var key in names)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => IsEmpty ? "(none)" : string.Join(", ", Names) + " — " + HowFound;
}
