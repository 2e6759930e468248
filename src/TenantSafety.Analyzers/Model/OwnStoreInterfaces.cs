using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The store interfaces a project declares and implements nowhere in its own code (a Clean Architecture Application
/// layer's <c>IRepository&lt;T&gt;</c>, implemented by its Infrastructure project), each with the entities its store
/// methods read that carry a tenant key name: the classes of its signatures, and for a type parameter the classes of
/// this project and of the solution's other projects (unsigned assemblies) that satisfy its constraints. Such an
/// interface is where a project without a model of its own queries tenant rows, as an entity-set interface
/// (<c>IAppDbContext</c>) is. An interface of this project that hands such stores out (a unit of work's
/// <c>Repository&lt;T&gt;()</c> or <c>Orders</c>) is one too, over their entities.
/// </summary>
internal static class OwnStoreInterfaces
{
    /// <param name="compilation">The project's compilation.</param>
    /// <param name="stores">Which methods are store methods, and what they read.</param>
    /// <param name="keyNames">The property names that mark a class as a tenant entity of a model this project cannot see (<c>TenantId</c>, …).</param>
    public static ImmutableDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>> Find(Compilation compilation, ForeignStoreMethods stores, ImmutableArray<string> keyNames)
    {
        var found = ImmutableDictionary.CreateBuilder<INamedTypeSymbol, ImmutableArray<ITypeSymbol>>(SymbolEqualityComparer.Default);
        List<INamedTypeSymbol>? keyCarriers = null;
        foreach (var type in compilation.Assembly.GlobalNamespace.AllTypes().Where(type => type.TypeKind == TypeKind.Interface))
        {
            var entities = new List<ITypeSymbol>();
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(stores.IsStoreMethod))
            {
                foreach (var entity in stores.PredicateParameters(method).Select(parameter => parameter.Entity).Append(stores.QueryReturned(method)))
                {
                    if (entity is ITypeParameterSymbol parameter)
                    {
                        keyCarriers ??= ForeignEntitySetHolders.KeyCarriers(compilation, keyNames);
                        ForeignEntitySetHolders.AddNew(entities, keyCarriers.Where(carrier => parameter.ConstraintTypes.All(carrier.Satisfies)));
                    }
                    else if (entity is INamedTypeSymbol named && ForeignEntitySetHolders.CarriesKey(named, keyNames))
                    {
                        ForeignEntitySetHolders.AddNew(entities, [named]);
                    }
                }
            }

            if (entities.Count > 0)
            {
                found[type] = entities.ToImmutableArray();
            }
        }

        // A unit of work of this project hands them out (`IUnitOfWork.Repository<T>()`): naming it names them.
        var storeInterfaces = new HashSet<INamedTypeSymbol>(found.Keys, SymbolEqualityComparer.Default);
        foreach (var type in compilation.Assembly.GlobalNamespace.AllTypes().Where(type => type.TypeKind == TypeKind.Interface && !storeInterfaces.Contains(type)))
        {
            var entities = new List<ITypeSymbol>();
            foreach (var store in ForeignEntitySetHolders.StoresHandedOut(type, storeInterfaces))
            {
                ForeignEntitySetHolders.AddNew(entities, found[store]);
            }

            if (entities.Count > 0)
            {
                found[type] = entities.ToImmutableArray();
            }
        }

        return found.ToImmutable();
    }
}
