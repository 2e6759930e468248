using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A nullable foreign key compared with a value that may be null: EF Core translates <c>w.BranchId == me.BranchId</c> with a
/// null value to <c>branch_id IS NULL</c>, the rows of no branch, of every tenant. Such a comparison ties the rows to no
/// loaded row. A value the compiler knows is not null (after a check, <c>.Value</c>, a non-nullable value) still does.
/// </summary>
internal static class NullMatchingKeys
{
    /// <summary>Whether comparing <paramref name="key"/> with <paramref name="value"/> may match the rows whose key is null.</summary>
    public static bool MayMatchNull(IOperation key, IOperation value) => MayBeNullKey(key) && MayBeNull(value);

    /// <summary>
    /// A nullable column (<c>w.BranchId</c>), or a key read through an optional navigation (<c>w.Branch!.Id</c>: a left join,
    /// whose key is null for the rows of no branch).
    /// </summary>
    private static bool MayBeNullKey(IOperation key)
    {
        if (IsNullableColumn(key.Unwrap().Type))
        {
            return true;
        }

        for (var current = key.Unwrap(); current is IPropertyReferenceOperation property; current = property.Instance?.Unwrap())
        {
            if (IsNullableColumn(property.Property.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A <c>Guid?</c> column, or a reference column annotated nullable (<c>string?</c>); an oblivious one is not known to be.</summary>
    private static bool IsNullableColumn(ITypeSymbol? type) =>
        type.IsNullableValueType() || type is { IsReferenceType: true, NullableAnnotation: NullableAnnotation.Annotated };

    private static bool MayBeNull(IOperation value)
    {
        var read = value;
        while (read is IConversionOperation { IsImplicit: true } conversion)
        {
            read = conversion.Operand;
        }

        if (read.ConstantValue.HasValue)
        {
            return read.ConstantValue.Value is null;
        }

        if (read.Type is not { } type || (type.IsValueType && !type.IsNullableValueType()))
        {
            return false;
        }

        var state = read.SemanticModel?.GetTypeInfo(read.Syntax).Nullability.FlowState ?? NullableFlowState.None;
        // A nullable value type is null unless the compiler knows otherwise; a reference only when it says it may be.
        return type.IsNullableValueType() ? state != NullableFlowState.NotNull : state == NullableFlowState.MaybeNull;
    }
}
