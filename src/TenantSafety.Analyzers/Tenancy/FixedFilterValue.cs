using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A tenant filter's value that EF Core reads once, not per query. EF Core builds a context type's model once and
/// caches it; when it compiles a query it re-reads, per query, only what the filter reaches through the DbContext
/// running it (<c>this</c> in the context, or a value typed as the context: a context handed to a helper or held by a
/// configuration class). Everything else the value reads (a local or parameter the lambda captured, a field of a
/// configuration class, a static member) is evaluated and inlined: every later DbContext filters by the tenant the
/// first one saw (EF Core's "Local_variable_from_OnModelCreating_is_inlined" and "Method_parameter_is_inlined").
/// </summary>
internal sealed class FixedFilterValue
{
    private FixedFilterValue(IOperation value, string relation, string reads)
    {
        Value = value;
        Relation = relation;
        Reads = reads;
    }

    /// <summary>
    /// The value EF Core keeps: compared with the tenant key (<c>shop.ShopId</c> in <c>c =&gt; c.ShopId == shop.ShopId</c>),
    /// or a switch beside the comparison (<c>t.IsAdmin</c> in <c>c =&gt; t.IsAdmin || c.ShopId == …</c>).
    /// </summary>
    public IOperation Value { get; }

    /// <summary>What the filter does with the value: "compares ShopId with", "is switched off by".</summary>
    public string Relation { get; }

    /// <summary>What the value reads that EF Core keeps: "a parameter of 'ApplyShopFilters'", "a static member" …</summary>
    public string Reads { get; }

    /// <summary>
    /// The first value <paramref name="filter"/> compares a tenant key with that reads nothing through a DbContext, and
    /// the first switch beside the comparison that does not either: none when every such value is re-read per query, or
    /// is a constant (which names no current tenant). Both are named at once, so fixing one does not reveal the other.
    /// </summary>
    /// <param name="filter">The filter's predicate lambda.</param>
    /// <param name="compared">The tenant keys it reads, with the values it compares each with (<see cref="FilterKeys.ComparedWithTenantKeys"/>).</param>
    /// <param name="isContext">Whether a value of a type is the DbContext (EF Core re-reads what it reaches per query).</param>
    /// <param name="cancellationToken">The analysis's cancellation.</param>
    public static IEnumerable<FixedFilterValue> In(
        IAnonymousFunctionOperation filter,
        ImmutableArray<(string Key, ImmutableArray<IOperation> Values)> compared,
        Func<ITypeSymbol, bool> isContext,
        CancellationToken cancellationToken)
    {
        if (compared.IsEmpty || filter.ReturnedValue() is not { } body)
        {
            yield break;
        }

        if (FixedComparedValue(compared, filter, isContext, cancellationToken) is { } value)
        {
            yield return value;
        }

        // A switch beside the comparison (t.IsAdmin || e.TeamId == …) kept from the first context lets every row through
        // for ever, or never.
        foreach (var side in SwitchSides(body, filter.Symbol.Parameters))
        {
            if (Fixed(side, filter, isContext, cancellationToken) is { } reads)
            {
                yield return new FixedFilterValue(side, "is switched off by", reads);
                yield break;
            }
        }
    }

    private static FixedFilterValue? FixedComparedValue(
        ImmutableArray<(string Key, ImmutableArray<IOperation> Values)> compared,
        IAnonymousFunctionOperation filter,
        Func<ITypeSymbol, bool> isContext,
        CancellationToken cancellationToken)
    {
        foreach (var (key, values) in compared)
        {
            foreach (var value in values)
            {
                if (Fixed(value, filter, isContext, cancellationToken) is { } reads)
                {
                    return new FixedFilterValue(value, $"compares {key} with", reads);
                }
            }
        }

        return null;
    }

    /// <summary>What <paramref name="value"/> reads that EF Core keeps; null when it is a constant or read through the context.</summary>
    private static string? Fixed(IOperation value, IAnonymousFunctionOperation filter, Func<ITypeSymbol, bool> isContext, CancellationToken cancellationToken) =>
        !value.ConstantValue.HasValue && !value.DescendantsAndSelf().Any(o => IsReadThroughContext(o, isContext, cancellationToken))
            ? FirstStateRead(value, filter)
            : null;

    /// <summary>The sides of the body's <c>||</c> chains (under <c>&amp;&amp;</c> too) that do not read the row: what lets rows through whatever their key.</summary>
    private static IEnumerable<IOperation> SwitchSides(IOperation body, ImmutableArray<IParameterSymbol> row)
    {
        switch (body.Unwrap())
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                foreach (var side in new[] { or.LeftOperand, or.RightOperand })
                {
                    if (!ReadsRow(side, row))
                    {
                        yield return side.Unwrap();
                    }
                    else
                    {
                        foreach (var nested in SwitchSides(side, row))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                foreach (var nested in SwitchSides(and.LeftOperand, row).Concat(SwitchSides(and.RightOperand, row)))
                {
                    yield return nested;
                }

                break;
        }
    }

    private static bool ReadsRow(IOperation operation, ImmutableArray<IParameterSymbol> row) =>
        operation.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation p && row.Contains(p.Parameter, SymbolEqualityComparer.Default));

    /// <summary>
    /// Whether EF Core reaches <paramref name="operation"/> through the DbContext running the query: a value typed as the
    /// context, or a parameter of the context's primary constructor (the compiler keeps it in a field of the context).
    /// </summary>
    private static bool IsReadThroughContext(IOperation operation, Func<ITypeSymbol, bool> isContext, CancellationToken cancellationToken) =>
        operation.Type is { } type && isContext(type)
        || operation is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
            && IsPrimaryConstructor(constructor, cancellationToken)
            && isContext(constructor.ContainingType);

    /// <summary>A constructor declared by its type's own declaration (<c>class AppDbContext(…) : DbContext</c>).</summary>
    private static bool IsPrimaryConstructor(IMethodSymbol constructor, CancellationToken cancellationToken) =>
        constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax);

    /// <summary>
    /// What the value reads first, outermost first, that EF Core evaluates once: a local or parameter declared outside the
    /// filter, a member of the instance the filter is declared in (not a DbContext: the caller has ruled those out), or a
    /// static member. Null when it reads none of these (the row, or only what lambdas inside the filter declare).
    /// </summary>
    private static string? FirstStateRead(IOperation value, IAnonymousFunctionOperation filter)
    {
        var declaredInFilter = filter.Syntax.Span;
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILocalReferenceOperation local when !local.ConstantValue.HasValue && !local.Local.IsDeclaredWithin(declaredInFilter):
                    return $"a local variable of '{ContainingMemberName(local.Local)}'";
                case IParameterReferenceOperation parameter when !parameter.Parameter.IsDeclaredWithin(declaredInFilter):
                    return parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                        ? $"a parameter of the constructor of '{constructor.ContainingType.Name}'"
                        : $"a parameter of '{ContainingMemberName(parameter.Parameter)}'";
                case IMemberReferenceOperation { Instance: IInstanceReferenceOperation instance }:
                    return $"a member of '{instance.Type?.Name}'";
                case IInvocationOperation { Instance: IInstanceReferenceOperation instance }:
                    return $"a member of '{instance.Type?.Name}'";
                case IMemberReferenceOperation { Member.IsStatic: true } member when !member.ConstantValue.HasValue && !IsFrameworkType(member.Member.ContainingType):
                    return $"the static member '{member.Member.ContainingType.Name}.{member.Member.Name}'";
                case IInvocationOperation { TargetMethod: { IsStatic: true, IsExtensionMethod: false } method } when !IsFrameworkType(method.ContainingType):
                    return $"the static method '{method.ContainingType.Name}.{method.Name}'";
            }
        }

        return null;
    }

    /// <summary>A type of .NET itself (<c>Guid.Empty</c>, <c>Guid.Parse</c>): a fixed value by intent, which names no current tenant.</summary>
    private static bool IsFrameworkType(INamedTypeSymbol? type)
    {
        var outermost = type?.ContainingNamespace;
        while (outermost?.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            outermost = parent;
        }

        return outermost?.Name == "System";
    }

    /// <summary>The method a local or parameter belongs to, outside any lambda: <c>OnModelCreating</c>, <c>ApplyShopFilters</c>.</summary>
    private static string ContainingMemberName(ISymbol symbol)
    {
        var container = symbol.ContainingSymbol;
        while (container is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
        {
            container = lambda.ContainingSymbol;
        }

        return container?.Name ?? symbol.Name;
    }
}
