using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// Whether a project that does not reference EF Core is analysed: a Clean Architecture Application layer queries only
/// through stores whose bodies are compiled in other projects, its Domain project's <c>IRepository&lt;T&gt;</c> or an
/// interface of its own that its Infrastructure project implements. It names no EF Core type, yet every store call it
/// makes reads tenant rows (<see cref="ForeignStoreMethods"/>), or through Ardalis.Specification's repositories
/// (<see cref="SpecificationSymbols"/>). A project that sees no store at all (a Web project over
/// services, a shared kernel, a test helper) is not analysed, and costs one look at its references.
/// </summary>
internal static class StoreQueryingProject
{
    // A referenced assembly is read once, whichever compilation references it: in the IDE every keystroke makes a
    // compilation, over the same assembly symbols for the projects it references.
    private static readonly ConditionalWeakTable<IAssemblySymbol, StrongBox<bool>> s_declaresStores = new();

    /// <summary>
    /// Whether <paramref name="compilation"/> (without EF Core) can call a store: a project of the solution it references
    /// (an unsigned assembly; the framework and most packages are strong-named) declares one, or its own source declares
    /// a store interface.
    /// </summary>
    public static bool QueriesThroughStores(Compilation compilation, EfSymbols symbols)
    {
        if (symbols.ExpressionOfT is null || symbols.QueryableOfT is null)
        {
            return false;
        }

        // Ardalis.Specification's repositories: an Application layer that references only the library and its Domain.
        if (symbols.Specifications.IsPresent)
        {
            return true;
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!assembly.Identity.HasPublicKey && s_declaresStores.GetValue(assembly, a => new StrongBox<bool>(DeclaresStores(a, symbols))).Value)
            {
                return true;
            }
        }

        // Known from the previous compilation when an edit changed only bodies (most IDE keystrokes).
        var version = DeclarationsVersion.Of(compilation);
        return version.DeclaresStoreInterface ??= compilation.Assembly.GlobalNamespace.AllTypes()
            .Any(type => type.TypeKind == TypeKind.Interface && ForeignStoreMethods.DeclaresStoreMethods(type, symbols));
    }

    private static bool DeclaresStores(IAssemblySymbol assembly, EfSymbols symbols) =>
        assembly.GlobalNamespace.AllTypes().Any(type => type.DeclaredAccessibility == Accessibility.Public && ForeignStoreMethods.DeclaresStoreMethods(type, symbols));
}
