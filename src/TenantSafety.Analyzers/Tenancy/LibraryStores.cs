using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The entity type parameter of a public generic store of a class library that only other projects close: a public
/// class generic in its entity (<c>Repository&lt;TEntity&gt;</c>), or one that implements a public interface of its own
/// library with it (<c>IRepository&lt;TEntity&gt;</c>), when no code of the library writes a type argument for it (an
/// N-tier Data project whose business layer calls <c>IRepository&lt;Department&gt;.GetById(id)</c>). Those callers see only
/// the store's signature, and a method with no predicate says nothing there about what it reads, so its queries over the
/// parameter are judged here, as those of a store of another project's interface are (<see cref="CrossProjectTypeParameters"/>).
/// A store its own library closes anywhere (a parameter <c>IRepository&lt;Lead&gt;</c>, <c>new Repository&lt;Lead&gt;(db)</c>, a
/// subclass <c>LeadRepository : Repository&lt;Lead&gt;</c>) stays judged where its type argument is written; an application
/// (an executable) is no library, and its public types are not there for other projects.
/// </summary>
internal sealed class LibraryStores(Compilation compilation, SemanticModelCache models)
{
    private readonly bool _isLibrary = compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _closedHere = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The type through which other projects choose <paramref name="parameter"/>'s type argument: the public interface of
    /// this library the store implements with it, else the store itself; null when it is not such a store's parameter.
    /// </summary>
    public INamedTypeSymbol? ChosenThrough(ITypeParameterSymbol parameter)
    {
        if (!_isLibrary
            || parameter.TypeParameterKind != TypeParameterKind.Type
            || parameter.DeclaringType is not { TypeKind: TypeKind.Class } store
            || !SymbolEqualityComparer.Default.Equals(store.ContainingAssembly, compilation.Assembly))
        {
            return null;
        }

        var exposedThrough = ExposingInterfaces(store, parameter).FirstOrDefault(IsPublic);
        if (exposedThrough is null && !IsPublic(store))
        {
            return null;
        }

        return _closedHere.GetOrAdd(store, IsClosedHere) ? null : exposedThrough ?? store;
    }

    /// <summary>The generic interfaces of this library that <paramref name="store"/> implements with <paramref name="parameter"/>.</summary>
    private IEnumerable<INamedTypeSymbol> ExposingInterfaces(INamedTypeSymbol store, ITypeParameterSymbol parameter) =>
        store.AllInterfaces.Where(i =>
            SymbolEqualityComparer.Default.Equals(i.ContainingAssembly, compilation.Assembly)
            && i.TypeArguments.Contains(parameter, SymbolEqualityComparer.Default));

    /// <summary>
    /// Whether code of this library gives the store, or an interface of this library it implements with one of its
    /// parameters, a type argument that is not a type parameter (<c>IRepository&lt;Lead&gt;</c>): then its calls are here,
    /// judged where that argument is written. The names are searched in the syntax and each hit is confirmed by its symbol.
    /// </summary>
    private bool IsClosedHere(INamedTypeSymbol store)
    {
        var closers = new List<(INamedTypeSymbol Type, int Ordinal)>();
        foreach (var parameter in store.TypeParameters)
        {
            closers.Add((store, parameter.Ordinal));
            foreach (var exposing in ExposingInterfaces(store, parameter))
            {
                closers.Add((exposing.OriginalDefinition, exposing.TypeArguments.IndexOf(parameter, 0, SymbolEqualityComparer.Default)));
            }
        }

        var names = new HashSet<string>(closers.Select(c => c.Type.Name));
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not GenericNameSyntax generic || !names.Contains(generic.Identifier.ValueText) || generic.IsUnboundGenericName)
                {
                    continue;
                }

                model ??= models.Get(tree);
                if (model?.GetSymbolInfo(generic).Symbol is INamedTypeSymbol named
                    && closers.Any(c => SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, c.Type)
                        && named.TypeArguments.Length > c.Ordinal
                        && named.TypeArguments[c.Ordinal] is not ITypeParameterSymbol))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPublic(INamedTypeSymbol type) =>
        type.DeclaredAccessibility == Accessibility.Public && (type.ContainingType is not { } containing || IsPublic(containing));
}
