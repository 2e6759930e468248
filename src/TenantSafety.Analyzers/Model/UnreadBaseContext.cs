using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The base class of another project that a DbContext of this project derives from and whose own <c>OnModelCreating</c>
/// configures the model (a shared kernel's <c>TenantAwareDbContext</c> that sets a query filter on every entity in a
/// loop): compiled code this compilation cannot read, so the filters it sets are unknown here. EF Core's own bases and
/// the libraries whose tenancy is read from their markers (Identity, Finbuckle, ABP) are not such a base.
/// </summary>
internal static class UnreadBaseContext
{
    /// <summary>The nearest base of <paramref name="context"/>, from another assembly than <paramref name="own"/>, that overrides <c>OnModelCreating</c>; null when none does.</summary>
    public static INamedTypeSymbol? Of(INamedTypeSymbol? context, IAssemblySymbol own)
    {
        for (var type = context?.BaseType; type is not null; type = type.BaseType)
        {
            // A base of EF Core or a provider configures no tenancy; a tenancy library's is read from its markers.
            if (type.ContainingAssembly is not { } assembly || LibraryAssemblies.IsEfCoreOrProvider(assembly) || LibraryAssemblies.IsTenancyLibrary(assembly))
            {
                return null;
            }

            if (!SymbolEqualityComparer.Default.Equals(assembly, own)
                && type.GetMembers("OnModelCreating").Any(member => member is IMethodSymbol { IsOverride: true }))
            {
                return type.OriginalDefinition;
            }
        }

        return null;
    }

    /// <summary>The first unread base of any of <paramref name="contexts"/> (<see cref="Of(INamedTypeSymbol?, IAssemblySymbol)"/>).</summary>
    public static INamedTypeSymbol? OfAny(IEnumerable<INamedTypeSymbol> contexts, IAssemblySymbol own)
    {
        foreach (var context in contexts)
        {
            if (Of(context, own) is { } unread)
            {
                return unread;
            }
        }

        return null;
    }
}
