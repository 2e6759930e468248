using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Reads a query filter's predicate before any tenant key is known: the property names it scopes by (each tried as
/// the key with <see cref="TenantPredicate"/>, so a filter scopes exactly when a query predicate would), and of those
/// the ones compared with the current tenant — a member of the context or of a service, a captured variable — rather
/// than with a constant: <c>e =&gt; e.OrgId == _tenant.OrgId</c> declares <c>OrgId</c> a tenant key,
/// <c>e =&gt; e.Kind == Kind.Public</c> declares nothing.
/// </summary>
internal static class FilterKeys
{
    /// <summary>
    /// The names <paramref name="lambda"/> scopes its row by (<c>Keys</c>), those of them it compares with the current
    /// tenant (<c>Declared</c>), and the names it compares with the current tenant without scoping by them, because a side
    /// of an <c>||</c> that reads the row lets other rows through (<c>Opened</c>: <c>r =&gt; r.TenantId == t.Id || r.IsSystem</c>).
    /// </summary>
    public static (ImmutableArray<string> Keys, ImmutableArray<string> Declared, ImmutableArray<string> Opened) Read(IAnonymousFunctionOperation lambda, EfSymbols symbols)
    {
        var row = lambda.Symbol.Parameters;
        if (row.IsEmpty || lambda.ReturnedValue() is not { } body)
        {
            return (ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);
        }

        var keys = ImmutableArray.CreateBuilder<string>();
        var declared = ImmutableArray.CreateBuilder<string>();
        var opened = ImmutableArray.CreateBuilder<string>();
        foreach (var candidate in RowPropertyNames(body, row, symbols))
        {
            var predicate = new TenantPredicate(name => string.Equals(name, candidate, StringComparison.Ordinal), symbols);
            var compared = IsComparedWithTenant(body, row, predicate);
            if (predicate.ScopeOfFilter(lambda) == TenantScope.None)
            {
                if (compared)
                {
                    opened.Add(candidate);
                }

                continue;
            }

            keys.Add(candidate);
            if (compared)
            {
                declared.Add(candidate);
            }
        }

        return (keys.ToImmutable(), declared.ToImmutable(), opened.ToImmutable());
    }

    /// <summary>
    /// The names the body reads on the row: <c>e.X</c>, <c>e.Nav.X</c>, <c>EF.Property&lt;T&gt;(e, "X")</c>; the value a key
    /// holds (<c>e.TenantId.Value</c>) names the key, never <c>Value</c>.
    /// </summary>
    public static IEnumerable<string> RowPropertyNames(IOperation body, ImmutableArray<IParameterSymbol> row, EfSymbols symbols)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var any = new TenantPredicate(_ => true, symbols);
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (!ReferenceEquals(operation.WithoutKeyValue(), operation))
            {
                // Its instance, the key itself, is read next.
                continue;
            }

            var name = operation switch
            {
                IPropertyReferenceOperation property => TenantPredicate.ForeignKeyNameOf(property) ?? property.Property.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IInvocationOperation { Arguments.Length: 2 } call => call.Arguments[1].Value.ConstantValue.Value as string,
                _ => null,
            };
            if (name is not null && any.IsTenantKeyOfRow(operation, row) && names.Add(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>Whether some equality compares the key of the row with the current tenant (not a constant, not a static value of the framework).</summary>
    private static bool IsComparedWithTenant(IOperation body, ImmutableArray<IParameterSymbol> row, TenantPredicate key) =>
        ValuesComparedWithKey(body, row, key).Any(value => IsCurrentTenant(value, row));

    /// <summary>
    /// The values the body compares the row's key with by equality: <c>v</c> in <c>e.TeamId == v</c>, <c>v == e.TeamId</c>,
    /// <c>e.TeamId.Equals(v)</c> and <c>v.Contains(e.TeamId)</c>, unwrapped of conversions.
    /// </summary>
    public static IEnumerable<IOperation> ValuesComparedWithKey(IOperation body, ImmutableArray<IParameterSymbol> row, TenantPredicate key)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    if (OtherThanKey(equals.LeftOperand, equals.RightOperand, row, key) is { } value)
                    {
                        yield return value;
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "Equals" or "Contains" } call:
                    var values = call.Instance is null ? call.Arguments.Select(a => a.Value).ToList() : new List<IOperation> { call.Instance }.Concat(call.Arguments.Select(a => a.Value)).ToList();
                    if (values.Count == 2 && OtherThanKey(values[0], values[1], row, key) is { } compared)
                    {
                        yield return compared;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The tenant keys <paramref name="filter"/> reads on its row, in the order it reads them, each with the values it
    /// compares that key with (<see cref="ValuesComparedWithKey"/>): what TSA1008 and TSA1009 both judge, read once per filter.
    /// </summary>
    public static ImmutableArray<(string Key, ImmutableArray<IOperation> Values)> ComparedWithTenantKeys(IAnonymousFunctionOperation filter, Func<string, bool> isKeyName, EfSymbols symbols)
    {
        var row = filter.Symbol.Parameters;
        if (row.IsEmpty || filter.ReturnedValue() is not { } body)
        {
            return ImmutableArray<(string, ImmutableArray<IOperation>)>.Empty;
        }

        return RowPropertyNames(body, row, symbols)
            .Where(isKeyName)
            .Select(key => (key, ValuesComparedWithKey(body, row, new TenantPredicate(name => string.Equals(name, key, StringComparison.Ordinal), symbols)).ToImmutableArray()))
            .ToImmutableArray();
    }

    /// <summary>
    /// Of two compared operands, the one that is not the row's key, when the other is and can hold a tenant's key (a
    /// Guid, an integer or a string: <c>e.IsDeleted == deleted</c> declares no tenant); unwrapped.
    /// </summary>
    private static IOperation? OtherThanKey(IOperation first, IOperation second, ImmutableArray<IParameterSymbol> row, TenantPredicate key) =>
        IsKey(first.Unwrap(), row, key) ? second.Unwrap()
        : IsKey(second.Unwrap(), row, key) ? first.Unwrap()
        : null;

    private static bool IsKey(IOperation operand, ImmutableArray<IParameterSymbol> row, TenantPredicate key) =>
        key.IsTenantKeyOfRow(operand, row) && operand.Type.CanHoldTenantKey();

    /// <summary>A value read from the context, a service or a captured variable: what holds the current tenant.</summary>
    private static bool IsCurrentTenant(IOperation value, ImmutableArray<IParameterSymbol> row)
    {
        if (value.ConstantValue.HasValue)
        {
            return false;
        }

        var readsState = false;
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IParameterReferenceOperation parameter when row.ContainsSymbol(parameter.Parameter):
                    return false;
                case IInstanceReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation:
                case IMemberReferenceOperation { Member.IsStatic: false }:
                case IInvocationOperation { TargetMethod.IsStatic: false }:
                    readsState = true;
                    break;
            }
        }

        return readsState;
    }
}
