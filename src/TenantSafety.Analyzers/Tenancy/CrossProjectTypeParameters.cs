using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The entity type parameter of a generic store whose type arguments other projects choose: a parameter of a class that
/// implements a generic interface of another assembly with it (<c>CrudService&lt;TEntity&gt; : ICrudService&lt;TEntity&gt;</c>,
/// the interface declared in the project of its callers, as a layered solution does), or of a method that implements a
/// method of such an interface. Those callers cannot read this body, and this project cannot see their calls, so its
/// queries over the parameter are judged here, against the entities the parameter may be (<see cref="TenantEntities"/>).
/// A parameter only this project's own interfaces or classes expose stays its callers' to judge, where the type argument
/// is written.
/// </summary>
internal static class CrossProjectTypeParameters
{
    /// <summary>
    /// The interface of another assembly through which other projects choose <paramref name="parameter"/>'s type argument
    /// (<c>ICrudService&lt;TEntity&gt;</c>); null when none does.
    /// </summary>
    public static INamedTypeSymbol? ChosenThrough(ITypeParameterSymbol parameter)
    {
        if (parameter.TypeParameterKind == TypeParameterKind.Type)
        {
            return parameter.DeclaringType is { TypeKind: TypeKind.Class } type
                ? type.AllInterfaces.FirstOrDefault(i => IsOfAnotherAssembly(i, type) && i.TypeArguments.Contains(parameter, SymbolEqualityComparer.Default))
                : null;
        }

        if (parameter.DeclaringMethod is not { ContainingType: { TypeKind: TypeKind.Class } containing } method)
        {
            return null;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (IsOfAnotherAssembly(implemented.ContainingType, containing))
            {
                return implemented.ContainingType;
            }
        }

        foreach (var candidate in containing.AllInterfaces)
        {
            if (!IsOfAnotherAssembly(candidate, containing))
            {
                continue;
            }

            foreach (var member in candidate.GetMembers(method.Name))
            {
                if (member is IMethodSymbol { IsGenericMethod: true }
                    && SymbolEqualityComparer.Default.Equals(containing.FindImplementationForInterfaceMember(member), method))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The entities among <paramref name="entities"/> that <paramref name="parameter"/> may be: those that satisfy every
    /// constraint; for a parameter of an abstract class, only those its subclasses in its own project close it over
    /// (<c>CountryRepository : RepositoryBase&lt;Country&gt;</c>), as no caller can choose another without a new subclass.
    /// A subclass that hands on a parameter of its own leaves every entity possible.
    /// </summary>
    public static IEnumerable<ITypeSymbol> EntitiesItMayBe(ITypeParameterSymbol parameter, IEnumerable<ITypeSymbol> entities)
    {
        if (parameter.HasValueTypeConstraint)
        {
            return [];
        }

        var possible = entities.Where(entity => parameter.ConstraintTypes.All(entity.Satisfies));
        return parameter is { TypeParameterKind: TypeParameterKind.Type, DeclaringType: { IsAbstract: true } declaring }
            && ClosedBySubclasses(declaring, parameter.Ordinal) is { HandsOn: false } closed
            ? possible.Where(closed.Arguments.Contains)
            : possible;
    }

    /// <summary>
    /// <paramref name="entities"/> with those the subclasses of the parameter's class in its own project close it over
    /// first (<c>UserCompanyRepository : Repository&lt;UserCompany&gt;</c>): the ones a reader of the message looks for first.
    /// </summary>
    public static ImmutableArray<ITypeSymbol> SubclassesFirst(ITypeParameterSymbol parameter, ImmutableArray<ITypeSymbol> entities)
    {
        if (parameter is not { TypeParameterKind: TypeParameterKind.Type, DeclaringType: { } declaring } || entities.Length < 2)
        {
            return entities;
        }

        var closed = ClosedBySubclasses(declaring, parameter.Ordinal).Arguments;
        return entities.Where(e => closed.Contains(e.OriginalDefinition)).Concat(entities.Where(e => !closed.Contains(e.OriginalDefinition))).ToImmutableArray();
    }

    /// <summary>
    /// The type arguments the subclasses of <paramref name="declaring"/> in its assembly give its parameter at
    /// <paramref name="ordinal"/>, and whether one hands on a parameter of its own instead.
    /// </summary>
    private static (HashSet<ITypeSymbol> Arguments, bool HandsOn) ClosedBySubclasses(INamedTypeSymbol declaring, int ordinal)
    {
        var closed = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var handsOn = false;
        foreach (var type in SourceTypes.DeclaredIn(declaring.ContainingAssembly))
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (!SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, declaring))
                {
                    continue;
                }

                var argument = baseType.TypeArguments[ordinal];
                if (argument is ITypeParameterSymbol)
                {
                    handsOn = true;
                }
                else
                {
                    closed.Add(argument.OriginalDefinition);
                }

                break;
            }
        }

        return (closed, handsOn);
    }

    private static bool IsOfAnotherAssembly(INamedTypeSymbol @interface, INamedTypeSymbol implementer) =>
        !SymbolEqualityComparer.Default.Equals(@interface.ContainingAssembly, implementer.ContainingAssembly);
}
