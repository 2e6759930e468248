using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Decides whether a lambda body constrains the tenant key of its parameter: whether a query it filters is scoped to a tenant.
/// The body is read as a boolean formula: <c>&amp;&amp;</c> scopes when either side does, <c>||</c> only when
/// both sides do, <c>!</c> never; an atom is an equality between the tenant key of the row and a value
/// that does not depend on the row.
/// </summary>
internal sealed class TenantPredicate
{
    private readonly Func<string, bool> _isKeyName;
    private readonly EfSymbols _symbols;

    /// <param name="isKeyName">Whether a property name is a tenant key (<see cref="TenantEntities.IsTenantKeyName"/>, or one candidate name while the key is inferred).</param>
    /// <param name="symbols">The compilation's EF Core symbols.</param>
    public TenantPredicate(Func<string, bool> isKeyName, EfSymbols symbols)
    {
        _isKeyName = isKeyName;
        _symbols = symbols;
    }

    public bool IsTenantPredicate(IAnonymousFunctionOperation lambda)
    {
        var parameters = lambda.Symbol.Parameters;
        if (parameters.IsEmpty)
        {
            return false;
        }

        var body = lambda.ReturnedValue();
        return body is not null && IsScoping(body, parameters);
    }

    /// <summary>True when a key selector (<c>GroupBy(x => …)</c>) is the tenant key or a composite containing it.</summary>
    public bool SelectsTenantKey(IAnonymousFunctionOperation lambda)
    {
        var parameters = lambda.Symbol.Parameters;
        var body = lambda.ReturnedValue();
        if (body is null || parameters.IsEmpty)
        {
            return false;
        }

        body = body.Unwrap();
        if (IsTenantKeyOfRow(body, parameters))
        {
            return true;
        }

        return body switch
        {
            IAnonymousObjectCreationOperation anonymous => anonymous.Initializers.Any(i => i is ISimpleAssignmentOperation a && IsTenantKeyOfRow(a.Value.Unwrap(), parameters)),
            ITupleOperation tuple => tuple.Elements.Any(e => IsTenantKeyOfRow(e.Unwrap(), parameters)),
            IObjectCreationOperation creation =>
                creation.Arguments.Any(a => IsTenantKeyOfRow(a.Value.Unwrap(), parameters))
                || (creation.Initializer?.Initializers.Any(i => i is ISimpleAssignmentOperation a && IsTenantKeyOfRow(a.Value.Unwrap(), parameters)) ?? false),
            _ => false,
        };
    }

    /// <summary>
    /// The tenant key a property selector selects on the row itself (<c>SetProperty(x => x.TeamId, …)</c> or
    /// <c>SetProperty(x => EF.Property&lt;Guid&gt;(x, "TeamId"), …)</c>), or null.
    /// </summary>
    public string? SelectedTenantKey(IAnonymousFunctionOperation lambda)
    {
        var parameters = lambda.Symbol.Parameters;
        var body = lambda.ReturnedValue();
        if (body is null || parameters.IsEmpty)
        {
            return null;
        }

        switch (body.Unwrap())
        {
            case IPropertyReferenceOperation { Instance: { } instance } property
                when _isKeyName(property.Property.Name)
                    && instance.Unwrap() is IParameterReferenceOperation parameter
                    && parameters.Contains(parameter.Parameter, SymbolEqualityComparer.Default):
                return property.Property.Name;

            case IInvocationOperation call when IsTenantKeyOfRow(call, parameters):
                return (string)call.Arguments[1].Value.ConstantValue.Value!;

            default:
                return null;
        }
    }

    private bool IsScoping(IOperation condition, ImmutableArray<IParameterSymbol> row)
    {
        condition = condition.Unwrap();
        switch (condition)
        {
            case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And && IsBoolean(binary):
                return IsScoping(binary.LeftOperand, row) || IsScoping(binary.RightOperand, row);

            case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or && IsBoolean(binary):
                return IsScoping(binary.LeftOperand, row) && IsScoping(binary.RightOperand, row);

            case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals:
                return IsKeyEqualsValue(binary.LeftOperand, binary.RightOperand, row) || IsKeyEqualsValue(binary.RightOperand, binary.LeftOperand, row);

            case IInvocationOperation invocation:
                return IsScopingCall(invocation, row);

            default:
                // `!`, `!=`, comparisons, constants and anything unrecognised do not scope.
                return false;
        }
    }

    private bool IsScopingCall(IInvocationOperation invocation, ImmutableArray<IParameterSymbol> row)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments.Select(a => a.Value).ToArray();
        switch (method.Name)
        {
            case "Equals" when !method.IsStatic && invocation.Instance is not null && arguments.Length == 1:
                return IsKeyEqualsValue(invocation.Instance, arguments[0], row) || IsKeyEqualsValue(arguments[0], invocation.Instance, row);

            case "Equals" when method.IsStatic && arguments.Length == 2:
                return IsKeyEqualsValue(arguments[0], arguments[1], row) || IsKeyEqualsValue(arguments[1], arguments[0], row);

            case "Contains":
                // `ids.Contains(x.TeamId)`: Enumerable.Contains(ids, key), List<T>.Contains(key), MemoryExtensions.Contains(span, key).
                if (invocation.Instance is not null && arguments.Length >= 1)
                {
                    return IsTenantKeyOfRow(arguments[0].Unwrap(), row) && !DependsOnRow(invocation.Instance, row);
                }

                return arguments.Length >= 2
                    && IsTenantKeyOfRow(arguments[1].Unwrap(), row)
                    && !DependsOnRow(arguments[0], row);

            default:
                return false;
        }
    }

    private bool IsKeyEqualsValue(IOperation key, IOperation value, ImmutableArray<IParameterSymbol> row)
    {
        var unwrappedValue = value.Unwrap();
        if (unwrappedValue is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            // `x.TeamId == null` selects rows owned by no team; it does not confine the query to one.
            return false;
        }

        return IsTenantKeyOfRow(key.Unwrap(), row) && !DependsOnRow(value, row);
    }

    /// <summary><c>x.TeamId</c>, <c>x.Lead.TeamId</c> (a reference navigation) or <c>EF.Property&lt;T&gt;(x, "TeamId")</c>.</summary>
    internal bool IsTenantKeyOfRow(IOperation operation, ImmutableArray<IParameterSymbol> row)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: { } instance } property when _isKeyName(property.Property.Name):
                return IsRowOrNavigation(instance, row);

            case IFieldReferenceOperation { Instance: { } instance } field when _isKeyName(field.Field.Name):
                return IsRowOrNavigation(instance, row);

            case IInvocationOperation { TargetMethod: { Name: "Property", IsStatic: true } method } invocation
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.EF) && invocation.Arguments.Length == 2:
                return invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }
                    && _isKeyName(name)
                    && IsRowOrNavigation(invocation.Arguments[0].Value, row);

            default:
                return false;
        }
    }

    private static bool IsRowOrNavigation(IOperation instance, ImmutableArray<IParameterSymbol> row)
    {
        for (var current = instance.Unwrap(); ; )
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    return row.Contains(parameter.Parameter, SymbolEqualityComparer.Default);
                case IPropertyReferenceOperation { Instance: { } next, Property.IsIndexer: false }:
                    current = next.Unwrap();
                    break;
                case IFieldReferenceOperation { Instance: { } next }:
                    current = next.Unwrap();
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool DependsOnRow(IOperation operation, ImmutableArray<IParameterSymbol> row)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IParameterReferenceOperation parameter && row.Contains(parameter.Parameter, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBoolean(IBinaryOperation binary) =>
        binary.Type?.SpecialType == SpecialType.System_Boolean
        || (binary.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean);
}
