using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The entity type parameter of a public generic store of a class library that only other projects call: a public
/// class generic in its entity (<c>Repository&lt;TEntity&gt;</c>), or one that implements a public interface of its own
/// library with it (<c>IRepository&lt;TEntity&gt;</c>), when no code of the library calls it with a type argument (an
/// N-tier Data project whose business layer calls <c>IRepository&lt;Department&gt;.GetById(id)</c>); or a public generic
/// method of a public class (<c>EntityStore.FindAsync&lt;T&gt;(id)</c>, or one implementing a public interface of the library)
/// that no call of the library gives a type argument. Those callers see only the store's signature, and a method with no
/// predicate says nothing there about what it reads, so its queries over the parameter are judged here, as those of a
/// store of another project's interface are (<see cref="CrossProjectTypeParameters"/>).
/// A store its own library calls with a type argument (<c>leads.GetByIdAsync(id)</c> on an <c>IRepository&lt;Lead&gt;</c>,
/// <c>store.FindAsync&lt;Lead&gt;(id)</c>) stays judged at those calls; one it only hands out (a unit of work's
/// <c>IRepository&lt;Lead&gt; Leads</c>) is called elsewhere. An application (an executable) is no library, and its public
/// types are not there for other projects.
/// </summary>
internal sealed class LibraryStores(Compilation compilation, SemanticModelCache models)
{
    private readonly bool _isLibrary = compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary;
    private readonly ConcurrentDictionary<ISymbol, bool> _calledHere = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The type through which other projects may choose <paramref name="parameter"/>'s type argument: the public interface
    /// of this library the store implements with it, else the store (for a method's parameter, the class declaring it);
    /// null when it is not a parameter of a store other projects can reach. Read from the symbols only: whether the library
    /// calls the store itself is <see cref="IsCalledHere"/>, asked once the parameter may be a tenant entity.
    /// </summary>
    public INamedTypeSymbol? ExposedThrough(ITypeParameterSymbol parameter)
    {
        if (StoreOf(parameter) is not var (generic, store))
        {
            return null;
        }

        var exposedThrough = Closers(generic, store).Select(c => c.Generic is IMethodSymbol method ? method.ContainingType : (INamedTypeSymbol)c.Generic)
            .FirstOrDefault(type => type.TypeKind == TypeKind.Interface && IsPublic(type));
        return exposedThrough ?? (IsPublic(store) && generic.DeclaredAccessibility == Accessibility.Public ? store : null);
    }

    /// <summary>
    /// Whether code of this library calls the store of <paramref name="parameter"/> with a type argument
    /// (<see cref="IsCalledWithTypeArgument"/>): then its calls are here, judged where that argument is. Searched once per store.
    /// </summary>
    public bool IsCalledHere(ITypeParameterSymbol parameter) =>
        StoreOf(parameter) is var (generic, store) && _calledHere.GetOrAdd(generic, _ => IsCalledWithTypeArgument(Closers(generic, store)));

    /// <summary>The generic class or method that declares <paramref name="parameter"/>, and its class, when that is a class of this library.</summary>
    private (ISymbol Generic, INamedTypeSymbol Store)? StoreOf(ITypeParameterSymbol parameter)
    {
        var (generic, store) = parameter.TypeParameterKind switch
        {
            TypeParameterKind.Type => ((ISymbol?)parameter.DeclaringType, parameter.DeclaringType),
            TypeParameterKind.Method when parameter.DeclaringMethod is { MethodKind: MethodKind.Ordinary } method => (method, method.ContainingType),
            _ => (null, null),
        };
        return _isLibrary && generic is not null && store is { TypeKind: TypeKind.Class } && IsOfThisLibrary(store) ? (generic, store) : null;
    }

    /// <summary>
    /// What a type argument for the store's parameters may be written on: the generic class or method itself, and the
    /// generic interfaces of this library (or their generic methods) it implements with those parameters, each with the
    /// position of the parameter there.
    /// </summary>
    private ImmutableArray<(ISymbol Generic, int Ordinal)> Closers(ISymbol generic, INamedTypeSymbol store)
    {
        var closers = ImmutableArray.CreateBuilder<(ISymbol, int)>();
        if (generic is IMethodSymbol method)
        {
            closers.AddRange(method.TypeParameters.Select(p => ((ISymbol)method, p.Ordinal)));
            foreach (var @interface in store.AllInterfaces.Where(IsOfThisLibrary))
            {
                foreach (var member in @interface.GetMembers(method.Name).OfType<IMethodSymbol>())
                {
                    if (member.IsGenericMethod && SymbolEqualityComparer.Default.Equals(store.FindImplementationForInterfaceMember(member), method))
                    {
                        closers.AddRange(member.OriginalDefinition.TypeParameters.Select(p => ((ISymbol)member.OriginalDefinition, p.Ordinal)));
                    }
                }
            }

            return closers.ToImmutable();
        }

        foreach (var parameter in store.TypeParameters)
        {
            closers.Add((store, parameter.Ordinal));
            foreach (var @interface in store.AllInterfaces.Where(IsOfThisLibrary))
            {
                var ordinal = @interface.TypeArguments.IndexOf(parameter, 0, SymbolEqualityComparer.Default);
                if (ordinal >= 0)
                {
                    closers.Add((@interface.OriginalDefinition, ordinal));
                }
            }
        }

        return closers.ToImmutable();
    }

    /// <summary>
    /// Whether code of this library calls one of <paramref name="closers"/> with a type argument that is not a type parameter: a method or
    /// property of the store or of an interface of this library it implements, on a constructed type
    /// (<c>leads.GetByIdAsync(id)</c> on an <c>IRepository&lt;Lead&gt;</c>, <c>new Repository&lt;Lead&gt;(db).List()</c>), or the generic
    /// method with a type argument written or inferred (<c>store.FindAsync&lt;Lead&gt;(id)</c>): then its calls are here, judged
    /// where that argument is. A closed type the library only hands out (a unit of work's <c>IRepository&lt;Lead&gt; Leads</c>,
    /// a subclass <c>LeadRepository : Repository&lt;Lead&gt;</c> other projects resolve) is called elsewhere. The member names are
    /// searched in the syntax and each hit is confirmed by its symbol.
    /// </summary>
    private bool IsCalledWithTypeArgument(ImmutableArray<(ISymbol Generic, int Ordinal)> closers)
    {
        var names = new HashSet<string>(closers.SelectMany(c => c.Generic is INamedTypeSymbol type ? CalledMembers(type).Select(m => m.Name) : [c.Generic.Name]));
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not SimpleNameSyntax name || !names.Contains(name.Identifier.ValueText))
                {
                    continue;
                }

                model ??= models.Get(tree);
                if (model?.GetSymbolInfo(name).Symbol is { } symbol && closers.Any(c => Closes(symbol, c.Generic, c.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="generic"/> with a type argument at <paramref name="ordinal"/> that is not a type parameter.</summary>
    private static bool IsClosedForm(INamedTypeSymbol type, ISymbol generic, int ordinal) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, generic)
        && type.TypeArguments.Length > ordinal
        && type.TypeArguments[ordinal] is not ITypeParameterSymbol;

    /// <summary>The members of a store or its interface that a caller calls: its ordinary methods and properties.</summary>
    private static IEnumerable<ISymbol> CalledMembers(INamedTypeSymbol type) =>
        type.GetMembers().Where(m => m is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol);

    /// <summary>
    /// Whether <paramref name="symbol"/> calls <paramref name="generic"/> with a type argument at <paramref name="ordinal"/>
    /// that is not a type parameter: the generic method itself, or a member of the generic type constructed so.
    /// </summary>
    private static bool Closes(ISymbol symbol, ISymbol generic, int ordinal) => (symbol, generic) switch
    {
        (IMethodSymbol method, IMethodSymbol) =>
            SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).OriginalDefinition, generic)
            && method.TypeArguments.Length > ordinal
            && method.TypeArguments[ordinal] is not ITypeParameterSymbol,
        (IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol, INamedTypeSymbol) => IsClosedForm(symbol.ContainingType, generic, ordinal),
        _ => false,
    };

    private bool IsOfThisLibrary(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);

    private static bool IsPublic(INamedTypeSymbol type) =>
        type.DeclaredAccessibility == Accessibility.Public && (type.ContainingType is not { } containing || IsPublic(containing));
}
