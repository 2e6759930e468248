using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The one implementation in source of an interface method, so a call through <c>IRepository&lt;Lead&gt;</c> is read
/// as the body that runs: <c>Repository&lt;Lead&gt;.GetAllIgnoringFilters(…)</c>. Which types implement which interface is
/// found once per compilation, on the first call through an interface; a member's implementations on its first call.
/// </summary>
internal sealed class SourceImplementations
{
    private readonly Lazy<ImmutableDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>>> _implementers;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<(INamedTypeSymbol Interface, IMethodSymbol Method)>> _byMember =
        new(SymbolEqualityComparer.Default);

    public SourceImplementations(Compilation compilation)
    {
        _implementers = new Lazy<ImmutableDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>>>(
            () => FindImplementers(compilation),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The method a call to <paramref name="target"/> runs, constructed for the call's type arguments, when it is an
    /// interface method with exactly one implementation in source that fits them; null otherwise (no body to read, or
    /// several and the call does not say which).
    /// </summary>
    public IMethodSymbol? SoleImplementation(IMethodSymbol target)
    {
        if (target.ContainingType is not { TypeKind: TypeKind.Interface } called || !target.IsAbstract || target.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var definition = target.OriginalDefinition;
        var candidates = _byMember.GetOrAdd(definition, FindImplementations);
        IMethodSymbol? sole = null;
        foreach (var (implemented, method) in candidates)
        {
            if (Construct(method, implemented, called, target) is not { } constructed)
            {
                continue;
            }

            if (sole is not null && !SymbolEqualityComparer.Default.Equals(sole, constructed))
            {
                return null;
            }

            sole = constructed;
        }

        return sole;
    }

    /// <summary>
    /// Whether <paramref name="target"/> is an interface method that no class of the project implements: its body lives in
    /// another project (a Clean Architecture Application layer's <c>IRepository&lt;T&gt;</c>, implemented by Infrastructure).
    /// </summary>
    public bool NoneImplements(IMethodSymbol target) =>
        target is { ContainingType.TypeKind: TypeKind.Interface, IsAbstract: true, MethodKind: MethodKind.Ordinary }
        && _byMember.GetOrAdd(target.OriginalDefinition, FindImplementations).IsEmpty;

    /// <summary>The classes and structs of the project that implement <paramref name="contract"/> (an interface, by its definition).</summary>
    public ImmutableArray<INamedTypeSymbol> Implementers(INamedTypeSymbol contract) =>
        _implementers.Value.TryGetValue(contract.OriginalDefinition, out var types) ? types : ImmutableArray<INamedTypeSymbol>.Empty;

    private ImmutableArray<(INamedTypeSymbol, IMethodSymbol)> FindImplementations(IMethodSymbol member)
    {
        if (!_implementers.Value.TryGetValue(member.ContainingType.OriginalDefinition, out var types))
        {
            return ImmutableArray<(INamedTypeSymbol, IMethodSymbol)>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<(INamedTypeSymbol, IMethodSymbol)>();
        foreach (var type in types)
        {
            foreach (var implemented in type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, member.ContainingType.OriginalDefinition)))
            {
                var asSeen = implemented.GetMembers(member.Name).OfType<IMethodSymbol>().FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, member));
                if (asSeen is not null && type.FindImplementationForInterfaceMember(asSeen) is IMethodSymbol { IsAbstract: false, DeclaringSyntaxReferences.IsEmpty: false } method)
                {
                    result.Add((implemented, method.OriginalDefinition));
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The implementation closed over the call's type arguments: each type argument of the interface as the class
    /// implements it is either one of the class's type parameters (bound to the call's argument) or must equal the call's.
    /// </summary>
    private static IMethodSymbol? Construct(IMethodSymbol method, INamedTypeSymbol implemented, INamedTypeSymbol called, IMethodSymbol target)
    {
        var type = method.ContainingType;
        if (type.ContainingType is { IsGenericType: true })
        {
            return null;
        }

        var bound = new ITypeSymbol?[type.TypeParameters.Length];
        for (var i = 0; i < implemented.TypeArguments.Length; i++)
        {
            var declared = implemented.TypeArguments[i];
            var actual = called.TypeArguments[i];
            if (declared is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type } parameter
                && SymbolEqualityComparer.Default.Equals(parameter.DeclaringType, type))
            {
                if (bound[parameter.Ordinal] is { } earlier && !SymbolEqualityComparer.Default.Equals(earlier, actual))
                {
                    return null;
                }

                bound[parameter.Ordinal] = actual;
            }
            else if (!SymbolEqualityComparer.Default.Equals(declared, actual))
            {
                return null;
            }
        }

        if (bound.Any(b => b is null))
        {
            return null;
        }

        var constructedType = type.IsGenericType ? type.Construct(bound!) : type;
        var member = constructedType.GetMembers(method.Name).OfType<IMethodSymbol>().FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method));
        if (member is null || member.TypeParameters.Length != target.TypeArguments.Length)
        {
            return null;
        }

        return member.IsGenericMethod ? member.Construct(target.TypeArguments.ToArray()) : member;
    }

    private static ImmutableDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> FindImplementers(Compilation compilation)
    {
        var map = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        foreach (var type in SourceTypes.Of(compilation))
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                continue;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (!map.TryGetValue(implemented.OriginalDefinition, out var list))
                {
                    map[implemented.OriginalDefinition] = list = new List<INamedTypeSymbol>();
                }

                list.Add(type);
            }
        }

        return map.ToImmutableDictionary<KeyValuePair<INamedTypeSymbol, List<INamedTypeSymbol>>, INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>>(
            p => p.Key, p => p.Value.ToImmutableArray(), SymbolEqualityComparer.Default);
    }
}
