using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Ef;

/// <summary>The type-hierarchy questions every layer asks: one walk up a type's base classes, by definition.</summary>
internal static class SymbolExtensions
{
    /// <summary>
    /// Whether <paramref name="symbols"/> holds <paramref name="symbol"/>. A loop rather than LINQ's <c>Contains</c> with a
    /// comparer, which boxes the array: the predicate readers ask it for every parameter reference they meet.
    /// </summary>
    public static bool ContainsSymbol<TSymbol>(this ImmutableArray<TSymbol> symbols, ISymbol? symbol)
        where TSymbol : ISymbol
    {
        foreach (var candidate in symbols)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/>'s definition is <paramref name="definition"/> (<c>DbSet&lt;Lead&gt;</c> is <c>DbSet&lt;T&gt;</c>).</summary>
    public static bool IsDefinitionOf(this ITypeSymbol? type, INamedTypeSymbol? definition) =>
        type is not null && definition is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition);

    /// <summary>
    /// <paramref name="type"/> itself or the nearest base class whose definition is <paramref name="definition"/>, as
    /// constructed there (<c>DbSet&lt;Lead&gt;</c> for a class deriving from it); null when there is none.
    /// Allocation-free: the query evaluator asks it for every value it follows.
    /// </summary>
    public static INamedTypeSymbol? SelfOrBaseOfDefinition(this ITypeSymbol? type, INamedTypeSymbol? definition)
    {
        for (var current = type as INamedTypeSymbol; definition is not null && current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> derives from <paramref name="baseType"/> (itself excluded).</summary>
    public static bool DerivesFrom(this ITypeSymbol type, INamedTypeSymbol? baseType) => type.BaseType.SelfOrBaseOfDefinition(baseType) is not null;

    /// <summary>
    /// Where the members of <paramref name="type"/> are declared: an interface and every interface it extends, or a class
    /// and its base classes (<see cref="SelfAndBaseClasses"/>).
    /// </summary>
    public static IEnumerable<INamedTypeSymbol> SelfAndInheritedTypes(this INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : type.SelfAndBaseClasses();

    /// <summary>The types of <paramref name="ns"/> and of the namespaces in it (of a source assembly: the ones its source declares), nested types aside.</summary>
    public static IEnumerable<INamedTypeSymbol> AllTypes(this INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in inner.AllTypes())
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
            }
        }
    }

    /// <summary>The class and its base classes, <c>System.Object</c> excluded: where a mapped type's members and attributes are declared.</summary>
    public static IEnumerable<INamedTypeSymbol> SelfAndBaseClasses(this ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            yield return current;
        }
    }

    /// <summary>
    /// Whether <paramref name="type"/> satisfies a generic constraint <paramref name="constraint"/>: it is, derives from or
    /// implements it (a type parameter through its own constraints).
    /// </summary>
    public static bool Satisfies(this ITypeSymbol type, ITypeSymbol constraint)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            return typeParameter.ConstraintTypes.Any(c => c.Satisfies(constraint));
        }

        return type.SelfOrBaseOfDefinition(constraint.OriginalDefinition as INamedTypeSymbol) is not null
            || type.ImplementsDefinition(constraint.OriginalDefinition as INamedTypeSymbol);
    }

    /// <summary>Whether <paramref name="type"/> implements or extends an interface whose definition is <paramref name="definition"/> (itself excluded).</summary>
    public static bool ImplementsDefinition(this ITypeSymbol type, INamedTypeSymbol? definition) =>
        definition is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, definition));

    /// <summary>Whether <paramref name="type"/> is <c>Nullable&lt;T&gt;</c> (<c>Guid?</c>, <c>int?</c>).</summary>
    public static bool IsNullableValueType(this ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    /// <summary>The <c>T</c> of <c>Nullable&lt;T&gt;</c>; any other type itself.</summary>
    public static ITypeSymbol WithoutNullableValue(this ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>Whether <paramref name="symbol"/> is declared inside <paramref name="span"/> (a lambda's own parameters and locals).</summary>
    public static bool IsDeclaredWithin(this ISymbol symbol, TextSpan span) =>
        symbol.DeclaringSyntaxReferences.Any(r => span.Contains(r.Span));

    /// <summary>
    /// Whether a property of <paramref name="type"/> could hold a tenant's key: a Guid, an integer or a string, nullable or
    /// not, or a value object wrapping one (<see cref="IsKeyValueObject"/>).
    /// </summary>
    public static bool CanHoldTenantKey(this ITypeSymbol? type) => IsKeyScalar(type) || type.IsKeyValueObject();

    /// <summary>
    /// A strongly-typed id: a class or struct of the application with an instance <c>Value</c> that could hold a tenant's key
    /// (<c>record struct TenantId(Guid Value)</c>, Vogen's and StronglyTypedId's types), stored through a conversion.
    /// </summary>
    public static bool IsKeyValueObject(this ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named
        && !named.IsNullableValueType()
        && named.FindInstanceProperty("Value") is { IsIndexer: false } value
        && IsKeyScalar(value.Type);

    private static bool IsKeyScalar(ITypeSymbol? type)
    {
        type = type?.WithoutNullableValue();
        return type is not null
            && (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_String
                || (type.Name == "Guid" && type.ContainingNamespace?.ToDisplayString() == "System"));
    }

    /// <summary>What a call of <paramref name="method"/> hands out once awaited: the <c>T</c> of <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c> (<paramref name="awaited"/>), else its return type.</summary>
    public static ITypeSymbol AwaitedResult(this IMethodSymbol method, out bool awaited)
    {
        awaited = method.ReturnType is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask", TypeArguments.Length: 1 };
        return awaited ? ((INamedTypeSymbol)method.ReturnType).TypeArguments[0] : method.ReturnType;
    }

    /// <summary>The instance property <paramref name="name"/> of a type, its bases, its interfaces or a type parameter's constraints.</summary>
    public static IPropertySymbol? FindInstanceProperty(this ITypeSymbol type, string name) =>
        FindInstanceProperty(type, name, anyCase: false, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    /// <summary>
    /// As <see cref="FindInstanceProperty(ITypeSymbol, string)"/>, else the property spelled <paramref name="name"/> in
    /// another case (<c>ClinicID</c> for <c>ClinicId</c>): a key name the user configured or a convention names.
    /// </summary>
    public static IPropertySymbol? FindInstancePropertyInAnyCase(this ITypeSymbol type, string name) =>
        type.FindInstanceProperty(name) ?? FindInstanceProperty(type, name, anyCase: true, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static IPropertySymbol? FindInstanceProperty(ITypeSymbol type, string name, bool anyCase, HashSet<ITypeSymbol> visited)
    {
        if (!visited.Add(type))
        {
            return null;
        }

        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                var fromConstraint = FindInstanceProperty(constraint, name, anyCase, visited);
                if (fromConstraint is not null)
                {
                    return fromConstraint;
                }
            }

            return null;
        }

        foreach (var current in type.SelfAndBaseClasses())
        {
            foreach (var member in MembersNamed(current, name, anyCase))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    return property;
                }
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            foreach (var member in MembersNamed(implemented, name, anyCase))
            {
                if (member is IPropertySymbol { IsStatic: false } property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    /// <summary>The members named <paramref name="name"/>, or named so in any case: read from the type's names, which binds nothing.</summary>
    private static IEnumerable<ISymbol> MembersNamed(INamedTypeSymbol type, string name, bool anyCase)
    {
        if (!anyCase)
        {
            return type.GetMembers(name);
        }

        List<ISymbol>? members = null;
        foreach (var memberName in type.MemberNames)
        {
            if (string.Equals(memberName, name, StringComparison.OrdinalIgnoreCase))
            {
                (members ??= new List<ISymbol>()).AddRange(type.GetMembers(memberName));
            }
        }

        return (IEnumerable<ISymbol>?)members ?? Array.Empty<ISymbol>();
    }
}
