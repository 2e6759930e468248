using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Decides how far a lambda body confines the rows it filters to a tenant (<see cref="TenantScope"/>).
/// The body is read as a boolean formula: <c>&amp;&amp;</c> keeps the stronger side, <c>||</c> (and <c>?:</c>) the
/// weaker, <c>!</c> voids. An atom compares the row's scoping key with a value the row does not decide: an equality
/// (<c>==</c>, <c>Equals</c>, <c>ids.Contains(key)</c>) confines to one tenant, a null test (<c>key == null</c>,
/// <c>!key.HasValue</c>) or a null-coalesced key (<c>(key ?? default) == v</c>) to one tenant's
/// rows and the shared ones. What the key is comes from an <see cref="IRowKeys"/>: by default the tenant key of the
/// lambda's row or of a reference navigation from it. A relationship key compared with a value read from a row loaded
/// before confines the rows too, when the <see cref="IRowKeys"/> knows where values come from.
/// </summary>
/// <param name="isKeyName">Whether a property name is a tenant key (<see cref="TenantEntities.IsTenantKeyName"/>, or one candidate name while the key is inferred).</param>
/// <param name="symbols">The compilation's EF Core symbols.</param>
internal sealed class TenantPredicate(Func<string, bool> isKeyName, EfSymbols symbols)
{
    /// <summary>Whether the lambda scopes a read: one tenant's rows, or one tenant's and the shared ones.</summary>
    public bool IsTenantPredicate(IAnonymousFunctionOperation lambda) => ScopeOf(lambda) != TenantScope.None;

    /// <summary>How far the lambda confines its row to a tenant, reading the tenant key of its parameters.</summary>
    public TenantScope ScopeOf(IAnonymousFunctionOperation lambda)
    {
        var parameters = lambda.Symbol.Parameters;
        var body = lambda.ReturnedValue();
        return parameters.IsEmpty || body is null ? TenantScope.None : ScopeOf(body, new LambdaRow(this, parameters));
    }

    /// <summary>
    /// How far a query filter confines its row: as <see cref="ScopeOf(IAnonymousFunctionOperation)"/>, except that a side of
    /// an <c>||</c> that does not read the row at all is the filter's switch for some callers (<c>ts.IsAdmin() || e.TenantId ==
    /// ts.Current</c>, <c>ts.Current == null || …</c>) and leaves the other side's scope: the filter still keeps every other
    /// caller in one tenant, by design written once in the model. A side that reads the row (<c>e.IsDeleted || …</c>) lets
    /// other tenants' rows through to every caller, and the filter does not scope.
    /// </summary>
    public TenantScope ScopeOfFilter(IAnonymousFunctionOperation lambda)
    {
        var parameters = lambda.Symbol.Parameters;
        var body = lambda.ReturnedValue();
        return parameters.IsEmpty || body is null ? TenantScope.None : FilterScope(body, new LambdaRow(this, parameters), parameters);
    }

    private TenantScope FilterScope(IOperation condition, IRowKeys keys, ImmutableArray<IParameterSymbol> row)
    {
        condition = condition.Unwrap();
        if (condition is IBinaryOperation binary && IsBoolean(binary))
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And:
                    return Max(FilterScope(binary.LeftOperand, keys, row), FilterScope(binary.RightOperand, keys, row));

                case BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or:
                    var left = FilterScope(binary.LeftOperand, keys, row);
                    var right = FilterScope(binary.RightOperand, keys, row);
                    return left == TenantScope.None && !DependsOnRow(binary.LeftOperand, row) ? right
                        : right == TenantScope.None && !DependsOnRow(binary.RightOperand, row) ? left
                        : Min(left, right);
            }
        }

        return ScopeOf(condition, keys);
    }

    /// <summary>How far <paramref name="condition"/> confines rows to a tenant, with the atoms <paramref name="keys"/> recognises.</summary>
    public TenantScope ScopeOf(IOperation condition, IRowKeys keys) => Scope(condition, keys, negated: false);

    /// <summary>
    /// How far a guard that leaves when <paramref name="condition"/> holds confines what goes on past it: the scope of the
    /// condition's negation. <c>if (lead is null || lead.TeamId != teamId) return NotFound();</c> lets only a lead of
    /// <c>teamId</c> through: each side of <c>||</c> must fail (the stronger counts), either side of <c>&amp;&amp;</c> may
    /// (the weaker counts), a <c>!=</c> fails as the equality holds.
    /// </summary>
    public TenantScope ScopeUnless(IOperation condition, IRowKeys keys) => Scope(condition, keys, negated: true);

    /// <summary>
    /// How far <paramref name="condition"/>, or with <paramref name="negated"/> its negation (a guard's), confines rows to a
    /// tenant. The negation is read by De Morgan's laws: <c>!(a || b)</c> is <c>!a &amp;&amp; !b</c>, and the negation of
    /// <c>key != v</c> is <c>key == v</c>.
    /// </summary>
    private TenantScope Scope(IOperation condition, IRowKeys keys, bool negated)
    {
        condition = condition.Unwrap();
        switch (condition)
        {
            case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And && IsBoolean(binary):
                return Both(Scope(binary.LeftOperand, keys, negated), Scope(binary.RightOperand, keys, negated), all: !negated);

            case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or && IsBoolean(binary):
                return Both(Scope(binary.LeftOperand, keys, negated), Scope(binary.RightOperand, keys, negated), all: negated);

            case IBinaryOperation binary when binary.OperatorKind == (negated ? BinaryOperatorKind.NotEquals : BinaryOperatorKind.Equals):
                return Max(Comparison(binary.LeftOperand, binary.RightOperand, keys), Comparison(binary.RightOperand, binary.LeftOperand, keys));

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                // `own ? x.TeamId == teamId : x.TeamId == null`: whichever branch runs.
                return Min(Scope(conditional.WhenTrue, keys, negated), Scope(whenFalse, keys, negated));

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } when negated:
                // A guard's `!(lead.TeamId == teamId)` fails as the equality holds.
                return Scope(operand, keys, negated: false);

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                // In a predicate `!` voids (a tenant predicate is never under `!`), but for `!x.TeamId.HasValue`: the shared rows.
                return IsHasValueOfKey(operand.Unwrap(), keys) ? TenantScope.OwnOrShared : TenantScope.None;

            case IPropertyReferenceOperation when negated && IsHasValueOfKey(condition, keys):
                // A guard that leaves on `lead.TeamId.HasValue`: the shared rows go on.
                return TenantScope.OwnOrShared;

            case IInvocationOperation invocation when !negated:
                return ScopingCall(invocation, keys);

            case { ConstantValue: { HasValue: true, Value: bool constant } } when constant == negated:
                // `c => false` (a specification's "no ids, no rows" branch): no row of any tenant matches.
                return TenantScope.Own;

            default:
                // `!=`, comparisons, constants and anything unrecognised do not scope; nor does a negated call or equality.
                return TenantScope.None;
        }
    }

    /// <summary>A conjunction keeps the stronger side's scope (<paramref name="all"/>: both hold), a disjunction the weaker.</summary>
    private static TenantScope Both(TenantScope left, TenantScope right, bool all) => all ? Max(left, right) : Min(left, right);

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
                when isKeyName(property.Property.Name)
                    && instance.Unwrap() is IParameterReferenceOperation parameter
                    && parameters.ContainsSymbol(parameter.Parameter):
                return property.Property.Name;

            case IInvocationOperation call when IsTenantKeyOfRow(call, parameters):
                return (string)call.Arguments[1].Value.ConstantValue.Value!;

            default:
                return null;
        }
    }

    private static TenantScope ScopingCall(IInvocationOperation invocation, IRowKeys keys)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments.Select(a => a.Value).ToArray();
        switch (method.Name)
        {
            case "Equals" when !method.IsStatic && invocation.Instance is not null && arguments.Length == 1:
                return Max(Comparison(invocation.Instance, arguments[0], keys), Comparison(arguments[0], invocation.Instance, keys));

            case "Equals" when method.IsStatic && arguments.Length == 2:
                return Max(Comparison(arguments[0], arguments[1], keys), Comparison(arguments[1], arguments[0], keys));

            case "Contains" when invocation.Instance is not null && arguments.Length >= 1 && keys.IsScopingKey(arguments[0].Unwrap().WithoutKeyValue()):
                // `ids.Contains(x.TeamId)`: Enumerable.Contains(ids, key), List<T>.Contains(key), MemoryExtensions.Contains(span, key);
                // `ids.Contains(x.TeamId.Value)` for a nullable key or one held in a value object.
                return keys.IsIndependent(invocation.Instance) ? TenantScope.Own : TenantScope.None;

            case "Contains" when invocation.Instance is null && arguments.Length >= 2 && keys.IsScopingKey(arguments[1].Unwrap().WithoutKeyValue()):
                return keys.IsIndependent(arguments[0]) ? TenantScope.Own : TenantScope.None;

            case "Contains" when arguments.Length >= 1:
                // `loadedIds.Contains(x.Id)`: the ids come from rows loaded before; `loadedIds.Contains(x.OrderId.Value)` for a nullable key.
                var (key, values) = invocation.Instance is not null ? (arguments[0], invocation.Instance) : (arguments[arguments.Length - 1], arguments[0]);
                return keys.IsTiedToLoadedRow(key.Unwrap().WithoutKeyValue(), values) ? TenantScope.Own : TenantScope.None;

            default:
                return TenantScope.None;
        }
    }

    /// <summary>
    /// <c>key == value</c>: one tenant; <c>key == null</c>: the shared rows; <c>(key ?? fallback) == value</c>: one tenant's
    /// rows, and the shared ones when the fallback equals the value.
    /// </summary>
    private static TenantScope Comparison(IOperation key, IOperation value, IRowKeys keys)
    {
        var unwrappedKey = key.Unwrap();
        if (IsNull(value))
        {
            return keys.IsScopingKey(unwrappedKey) ? TenantScope.OwnOrShared : TenantScope.None;
        }

        if (!keys.IsIndependent(value))
        {
            return TenantScope.None;
        }

        if (unwrappedKey is ICoalesceOperation coalesce)
        {
            return keys.IsScopingKey(coalesce.Value.Unwrap()) && keys.IsIndependent(coalesce.WhenNull) ? TenantScope.OwnOrShared : TenantScope.None;
        }

        if (keys.IsScopingKey(unwrappedKey.WithoutKeyValue()))
        {
            return TenantScope.Own;
        }

        return keys.IsTiedToLoadedRow(unwrappedKey.WithoutKeyValue(), value) ? TenantScope.Own : TenantScope.None;
    }

    private static bool IsHasValueOfKey(IOperation operand, IRowKeys keys) =>
        operand is IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance }
        && instance.Type.IsNullableValueType()
        && keys.IsScopingKey(instance.Unwrap());

    private static bool IsNull(IOperation value) =>
        value.Unwrap().ConstantValue is { HasValue: true, Value: null };

    private static TenantScope Max(TenantScope left, TenantScope right) => left > right ? left : right;

    private static TenantScope Min(TenantScope left, TenantScope right) => left < right ? left : right;

    /// <summary>
    /// <c>x.TeamId</c>, <c>x.Lead.TeamId</c> (a reference navigation) or <c>EF.Property&lt;T&gt;(x, "TeamId")</c>; also the
    /// value such a key holds (<c>x.TeamId.Value</c> of a nullable key or of a strongly-typed id).
    /// </summary>
    internal bool IsTenantKeyOfRow(IOperation operation, ImmutableArray<IParameterSymbol> row)
    {
        switch (operation.WithoutKeyValue())
        {
            // `x.Org.Id == current`: the foreign key OrgId behind the navigation, which EF Core compares instead.
            case IPropertyReferenceOperation principalKey when ForeignKeyNameOf(principalKey) is { } foreignKey:
                return isKeyName(foreignKey) && IsRowOrNavigation(principalKey.Instance!, row);

            case IPropertyReferenceOperation { Instance: { } instance } property when isKeyName(property.Property.Name):
                return IsRowOrNavigation(instance, row);

            case IFieldReferenceOperation { Instance: { } instance } field when isKeyName(field.Field.Name):
                return IsRowOrNavigation(instance, row);

            case IInvocationOperation { TargetMethod: { Name: "Property", IsStatic: true } method } invocation
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.EF) && invocation.Arguments.Length == 2:
                return invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }
                    && isKeyName(name)
                    && IsRowOrNavigation(invocation.Arguments[0].Value, row);

            default:
                return false;
        }
    }

    /// <summary>
    /// The foreign key <c>x.Org.Id</c> stands for, <c>OrgId</c> (EF Core's name for it: the navigation's name and the
    /// principal's key), when <paramref name="property"/> reads the <c>Id</c> of a reference navigation; null otherwise.
    /// </summary>
    internal static string? ForeignKeyNameOf(IPropertyReferenceOperation property) =>
        property is { Property.Name: "Id", Instance: IPropertyReferenceOperation { Property: { IsIndexer: false, Type: { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } } navigation } }
            ? navigation.Name + "Id"
            : null;

    private static bool IsRowOrNavigation(IOperation instance, ImmutableArray<IParameterSymbol> row)
    {
        for (var current = instance.Unwrap(); ; )
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    return row.ContainsSymbol(parameter.Parameter);
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

    /// <summary>Whether <paramref name="operation"/> reads one of the <paramref name="row"/> parameters.</summary>
    internal static bool DependsOnRow(IOperation operation, ImmutableArray<IParameterSymbol> row)
    {
        // Recursive rather than DescendantsAndSelf: asked for every operand of every predicate, and the walk allocates nothing.
        if (operation is IParameterReferenceOperation parameter && row.ContainsSymbol(parameter.Parameter))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (DependsOnRow(child, row))
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

    private bool IsKeyName(string propertyName) => isKeyName(propertyName);

    /// <summary>The atoms of a guard over a row a method loaded into <paramref name="row"/> (see <see cref="ScopeUnless"/>).</summary>
    public IRowKeys LoadedRow(ILocalSymbol row) => new LocalRow(this, row);

    /// <summary>The tenant key of a loaded row (<c>lead.TeamId</c>, <c>lead?.TeamId</c>), and the values that do not read the row.</summary>
    private sealed class LocalRow : IRowKeys
    {
        private readonly TenantPredicate _predicate;
        private readonly ILocalSymbol _row;

        public LocalRow(TenantPredicate predicate, ILocalSymbol row)
        {
            _predicate = predicate;
            _row = row;
        }

        public bool IsScopingKey(IOperation operand) => operand switch
        {
            IConditionalAccessOperation { Operation: var receiver, WhenNotNull: var whenNotNull } =>
                IsRow(receiver) && whenNotNull.Unwrap() is IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } property
                && _predicate.IsKeyName(property.Property.Name),
            IPropertyReferenceOperation { Instance: { } instance } property => _predicate.IsKeyName(property.Property.Name) && IsRow(instance),
            _ => false,
        };

        public bool IsIndependent(IOperation value) => !value.DescendantsAndSelf().Any(IsRow);

        public bool IsTiedToLoadedRow(IOperation key, IOperation value) => false;

        private bool IsRow(IOperation operation) =>
            operation.Unwrap() is ILocalReferenceOperation { Local: var local } && SymbolEqualityComparer.Default.Equals(local, _row);
    }

    /// <summary>The default atoms: the tenant key of the lambda's parameters (or of a reference navigation from them).</summary>
    private sealed class LambdaRow : IRowKeys
    {
        private readonly TenantPredicate _predicate;
        private readonly ImmutableArray<IParameterSymbol> _row;

        public LambdaRow(TenantPredicate predicate, ImmutableArray<IParameterSymbol> row)
        {
            _predicate = predicate;
            _row = row;
        }

        public bool IsScopingKey(IOperation operand) => _predicate.IsTenantKeyOfRow(operand, _row);

        public bool IsIndependent(IOperation value) => !DependsOnRow(value, _row);

        public bool IsTiedToLoadedRow(IOperation key, IOperation value) => false;
    }
}
