using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Methods of stores whose bodies are compiled in another project: an N-tier solution's <c>IGenericRepository&lt;T&gt;</c>
/// implemented in its Data project, a Domain or Core project's <c>IRepository&lt;T&gt;</c>, a package's repository, or an
/// interface of this project that no class of it implements (the implementation is in Infrastructure). Their bodies
/// cannot be read here, so a call is read from the signature: a parameter <c>Expression&lt;Func&lt;E, bool&gt;&gt;</c> is the
/// filter the call applies to E's rows, and a method returning <c>IQueryable&lt;E&gt;</c> that takes no query hands E's rows
/// out. Only instance methods count: static and extension methods are operators over what they are given, not stores.
/// </summary>
/// <remarks>
/// A store of another assembly is one of an assembly that uses EF Core or declares the entity the call reads: a mocking,
/// assertion or validation library that takes expressions over your entities is neither. What a store does inside (a
/// tenant filter of its own, a query filter of its context) is unknown here: the entities its context filters are named
/// in <c>tenant_safety.tenant_types</c>, and a store whose entity is constrained to a tenant type is judged in its own
/// project, which reports the queries it leaves unscoped.
/// </remarks>
internal sealed class ForeignStoreMethods(IAssemblySymbol ownAssembly, EfSymbols symbols, SourceImplementations implementations)
{
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _usesEfCore = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether <paramref name="method"/> (as a call binds it) is a store method whose body is elsewhere: an instance method
    /// that takes a predicate over an entity or hands out a query, of another assembly that uses EF Core or declares that
    /// entity, or of an interface of this project that no class of it implements. Cheap: asked for every call of a method
    /// without a body here.
    /// </summary>
    public bool IsStoreMethod(IMethodSymbol method)
    {
        // EF Core's own builders take predicates over entities (HasQueryFilter): asked for every call of a model
        // configuration, they are never stores, and EF Core declares no entity of yours.
        if (method is not { IsStatic: false, MethodKind: MethodKind.Ordinary, ContainingAssembly: { } assembly }
            || SymbolEqualityComparer.Default.Equals(assembly, symbols.DbContext?.ContainingAssembly)
            || IsContextMachinery(method)
            || !HasStoreShape(method, symbols))
        {
            return false;
        }

        return SymbolEqualityComparer.Default.Equals(assembly, ownAssembly)
            ? implementations.NoneImplements(method)
            : _usesEfCore.GetOrAdd(assembly, UsesEfCore) || DeclaresEntityOf(method, assembly);
    }

    /// <summary>
    /// A protected or private method of a DbContext (a base context's <c>AddQueryFilterEntry&lt;T&gt;(e =&gt; …)</c> that a
    /// derived context calls from <c>OnModelCreating</c>): the context's own machinery, which only its subclasses can
    /// call. A store's queries are its public methods.
    /// </summary>
    private bool IsContextMachinery(IMethodSymbol method) =>
        method.DeclaredAccessibility is Accessibility.Protected or Accessibility.Private or Accessibility.ProtectedAndInternal
        && symbols.IsDbContext(method.ContainingType);

    /// <summary>Whether <paramref name="assembly"/> declares an entity <paramref name="method"/>, as the call binds it, reads (<c>IRepository&lt;Order&gt;</c> of the Domain project that declares <c>Order</c>).</summary>
    private bool DeclaresEntityOf(IMethodSymbol method, IAssemblySymbol assembly)
    {
        var entities = method.Parameters.Select(p => PredicateEntity(p.Type, symbols)).Append(QueryReturned(method, symbols, asBound: true));
        return entities.Any(entity => entity is not ITypeParameterSymbol && SymbolEqualityComparer.Default.Equals(entity?.ContainingAssembly, assembly));
    }

    /// <summary>
    /// The parameters of <paramref name="method"/> (a store method) that take a predicate over an entity, with that entity
    /// as the method's definition declares it: a type parameter of the store or of the method, or a type.
    /// </summary>
    public IEnumerable<(int Ordinal, ITypeSymbol Entity)> PredicateParameters(IMethodSymbol method) => PredicateParameters(method, symbols);

    /// <summary>
    /// The entity whose rows <paramref name="method"/> (a store method) hands out as a query, as its definition declares
    /// it; null when it returns no <c>IQueryable&lt;E&gt;</c> or takes a query (an operator over the caller's query).
    /// </summary>
    public ITypeSymbol? QueryReturned(IMethodSymbol method) => QueryReturned(method, symbols);

    /// <summary>Whether <paramref name="type"/> (of another assembly) declares or inherits a public store method: one that takes a predicate over an entity or hands out its rows.</summary>
    public static bool DeclaresStoreMethods(INamedTypeSymbol type, EfSymbols symbols)
    {
        return type.SelfAndInheritedTypes().SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>().Any(method =>
            method is { IsStatic: false, MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } && HasStoreShape(method, symbols));
    }

    private static bool HasStoreShape(IMethodSymbol method, EfSymbols symbols) =>
        PredicateParameters(method, symbols).Any() || QueryReturned(method, symbols) is not null;

    private static IEnumerable<(int Ordinal, ITypeSymbol Entity)> PredicateParameters(IMethodSymbol method, EfSymbols symbols)
    {
        foreach (var parameter in method.OriginalDefinition.Parameters)
        {
            if (PredicateEntity(parameter.Type, symbols) is { } entity)
            {
                yield return (parameter.Ordinal, entity);
            }
        }
    }

    private static ITypeSymbol? QueryReturned(IMethodSymbol method, EfSymbols symbols, bool asBound = false)
    {
        var definition = asBound ? method : method.OriginalDefinition;
        if (definition.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } returned
            || !symbols.IsQueryable(returned)
            || definition.Parameters.Any(p => symbols.IsQueryable(p.Type)))
        {
            return null;
        }

        return returned.TypeArguments[0];
    }

    /// <summary>E of <c>Expression&lt;Func&lt;E, bool&gt;&gt;</c>; null for any other type.</summary>
    private static ITypeSymbol? PredicateEntity(ITypeSymbol type, EfSymbols symbols) =>
        symbols.IsExpressionOfDelegate(type)
        && ((INamedTypeSymbol)type).TypeArguments[0] is INamedTypeSymbol { Arity: 2 } func
        && SymbolEqualityComparer.Default.Equals(func.OriginalDefinition, symbols.FuncOfOne)
        && func.TypeArguments[1].SpecialType == SpecialType.System_Boolean
            ? func.TypeArguments[0]
            : null;

    private bool UsesEfCore(IAssemblySymbol assembly) => UsesEfCore(assembly, symbols);

    /// <summary>Whether <paramref name="assembly"/> references EF Core (and is not EF Core itself); never in a project that does not see EF Core.</summary>
    public static bool UsesEfCore(IAssemblySymbol assembly, EfSymbols symbols)
    {
        var efCore = symbols.DbContext?.ContainingAssembly;
        return efCore is not null
            && !SymbolEqualityComparer.Default.Equals(assembly, efCore)
            && assembly.Modules.Any(module => module.ReferencedAssemblySymbols.Contains(efCore, SymbolEqualityComparer.Default));
    }
}
