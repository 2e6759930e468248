using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Assemblies that are not the app's code, by name: .NET and EF Core with its database providers and naming conventions,
/// and the tenancy libraries whose tenancy is read from their own markers (Finbuckle, ABP).
/// </summary>
internal static class LibraryAssemblies
{
    private static readonly string[] s_efCoreAndProviders = { "Microsoft.", "System.", "Npgsql", "Pomelo.", "Oracle.", "MySql.", "EFCore." };

    private static readonly string[] s_tenancyLibraries = { "Finbuckle.", "Volo." };

    /// <summary>.NET, EF Core, or one of EF Core's database providers or naming conventions: adds no index to the app's entities.</summary>
    public static bool IsEfCoreOrProvider(IAssemblySymbol assembly) => StartsWithAny(assembly.Name, s_efCoreAndProviders);

    /// <summary>Finbuckle or ABP, whose tenancy the analyzers read from the markers they put on entities and contexts.</summary>
    public static bool IsTenancyLibrary(IAssemblySymbol assembly) => StartsWithAny(assembly.Name, s_tenancyLibraries);

    private static bool StartsWithAny(string name, string[] prefixes) => prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
