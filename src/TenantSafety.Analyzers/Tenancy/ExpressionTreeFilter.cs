using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The keys a query filter built from expression trees scopes its row by, for the non-generic setters a loop over the
/// model calls (<c>modelBuilder.Entity(t.ClrType).HasQueryFilter(CreateFilter(t.ClrType))</c>):
/// <code>
/// var e = Expression.Parameter(type, "e");
/// var tenant = Expression.Equal(Expression.Property(e, nameof(BaseEntity.TenantId)),
///     Expression.Property(Expression.Field(Expression.Constant(this), nameof(_tenant)), "TenantId"));
/// return Expression.Lambda(Expression.AndAlso(notDeleted, tenant), e);
/// </code>
/// Read as the tree it builds: <c>Expression.Equal</c> of a property of the row's parameter with a member of the
/// DbContext (<c>Expression.Constant(this)</c>, then fields and properties) scopes by that property; <c>AndAlso</c> keeps
/// what either side scopes by; anything else (<c>OrElse</c>, a call not read) scopes by nothing. A value put in the tree
/// as a constant (<c>Expression.Constant(_tenant.Id)</c>, <c>Expression.Constant(_tenantContext)</c>) is not the current
/// tenant: EF Core builds the model once and keeps it, so that value is the first context's for every later one. Locals
/// are followed to their one initializer, and a method of the compilation to the value it returns.
/// </summary>
internal static class ExpressionTreeFilter
{
    private const string ExpressionClass = "System.Linq.Expressions.Expression";
    private const int MaxDepth = 12;

    /// <summary>The property names the filter <paramref name="filter"/> evaluates to scopes its row by; empty when none is read.</summary>
    public static ImmutableArray<string> KeysOf(IOperation filter, SemanticModelCache models, CancellationToken cancellationToken) =>
        ValueOf(filter, models, cancellationToken, 0) is IInvocationOperation { TargetMethod.Name: "Lambda" } lambda
        && IsExpressionFactory(lambda.TargetMethod)
        && lambda.Arguments.FirstOrDefault(a => a.Parameter?.Name == "body") is { } body
            ? KeysOfCondition(body.Value, models, cancellationToken, 0).Distinct(StringComparer.Ordinal).ToImmutableArray()
            : ImmutableArray<string>.Empty;

    private static ImmutableArray<string> KeysOfCondition(IOperation condition, SemanticModelCache models, CancellationToken cancellationToken, int depth)
    {
        if (depth > MaxDepth || ValueOf(condition, models, cancellationToken, depth) is not IInvocationOperation call || !IsExpressionFactory(call.TargetMethod) || call.Arguments.Length < 2)
        {
            return ImmutableArray<string>.Empty;
        }

        var left = call.Arguments[0].Value;
        var right = call.Arguments[1].Value;
        switch (call.TargetMethod.Name)
        {
            case "AndAlso" or "And":
                return KeysOfCondition(left, models, cancellationToken, depth + 1).AddRange(KeysOfCondition(right, models, cancellationToken, depth + 1));
            case "Equal":
                if (RowProperty(left, models, cancellationToken, depth) is { } leftKey && IsContextMember(right, models, cancellationToken, depth))
                {
                    return ImmutableArray.Create(leftKey);
                }

                return RowProperty(right, models, cancellationToken, depth) is { } rightKey && IsContextMember(left, models, cancellationToken, depth)
                    ? ImmutableArray.Create(rightKey)
                    : ImmutableArray<string>.Empty;
            default:
                return ImmutableArray<string>.Empty;
        }
    }

    /// <summary><c>Expression.Property(e, "TenantId")</c> (or <c>PropertyOrField</c>) on a parameter expression: the property's name.</summary>
    private static string? RowProperty(IOperation operand, SemanticModelCache models, CancellationToken cancellationToken, int depth) =>
        ValueOf(operand, models, cancellationToken, depth + 1) is IInvocationOperation { TargetMethod.Name: "Property" or "PropertyOrField", Arguments.Length: 2 } property
        && IsExpressionFactory(property.TargetMethod)
        && property.Arguments[0].Value.Unwrap().Type?.Name == "ParameterExpression"
        && property.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }
            ? name
            : null;

    /// <summary>
    /// A member of the DbContext the query runs on: <c>Expression.Property(Expression.Field(Expression.Constant(this),
    /// "_tenant"), "TenantId")</c>, which EF Core reads from each context as it queries.
    /// </summary>
    private static bool IsContextMember(IOperation operand, SemanticModelCache models, CancellationToken cancellationToken, int depth)
    {
        for (var value = ValueOf(operand, models, cancellationToken, depth + 1); depth <= MaxDepth; depth++)
        {
            if (value is not IInvocationOperation { Arguments.Length: > 0 } call || !IsExpressionFactory(call.TargetMethod))
            {
                return false;
            }

            switch (call.TargetMethod.Name)
            {
                case "Property" or "Field" or "PropertyOrField" or "Convert":
                    value = ValueOf(call.Arguments[0].Value, models, cancellationToken, depth + 1);
                    continue;
                case "Constant":
                    return call.Arguments[0].Value.Unwrap() is IInstanceReferenceOperation;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// What <paramref name="operation"/> evaluates to: a local's one initializer (<see cref="FilterLambda.ValueHeld"/>), or
    /// the value a method of the compilation returns (<see cref="ReturnedValue"/>).
    /// </summary>
    private static IOperation? ValueOf(IOperation operation, SemanticModelCache models, CancellationToken cancellationToken, int depth)
    {
        var value = operation.Unwrap();
        for (var step = 0; step < MaxDepth; step++)
        {
            switch (value)
            {
                case ILocalReferenceOperation { SemanticModel: { } model } when FilterLambda.ValueHeld(value, model, cancellationToken) is var held && !ReferenceEquals(held, value):
                    value = held;
                    continue;
                case IInvocationOperation call when !IsExpressionFactory(call.TargetMethod) && depth < MaxDepth && ReturnedValue.Of(call.TargetMethod, models, cancellationToken) is { } returned:
                    value = returned.Unwrap();
                    depth++;
                    continue;
                default:
                    return value;
            }
        }

        return value;
    }

    private static bool IsExpressionFactory(IMethodSymbol method) =>
        method.IsStatic && method.ContainingType?.ToDisplayString() == ExpressionClass;
}
