using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A member of a keeper type (a page builder's <c>_source</c>) that a method stores its query parameter in
/// (<c>WithSource(IQueryable&lt;T&gt; source) { _source = source; … }</c>): while the keeper's other methods are read for
/// that store, <c>this</c>'s member stands for the parameter at <see cref="Ordinal"/>. A primary constructor's captured
/// parameter (<c>class LeadRunner(IQueryable&lt;Lead&gt; leads)</c>) is kept the same way, the parameter its own member.
/// </summary>
internal sealed class KeptQuery(ISymbol member, int ordinal)
{
    /// <summary>The field, auto-property or captured primary-constructor parameter, as declared.</summary>
    public ISymbol Member { get; } = member;

    /// <summary>The storing method's parameter the member holds.</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>Whether <paramref name="reference"/> (a read, or an assignment's target) names this instance's <see cref="Member"/>.</summary>
    public bool IsReferencedBy(IOperation reference) => reference switch
    {
        IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: var field } => SymbolEqualityComparer.Default.Equals(field.OriginalDefinition, Member),
        IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: var property } => SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, Member),
        IParameterReferenceOperation { Parameter: var parameter } => Member is IParameterSymbol && SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition, Member),
        _ => false,
    };
}
