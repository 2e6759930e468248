using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The signed-in user's own key: <c>db.Users.First(u =&gt; u.Id == _currentUser.UserId)</c>, where <c>_currentUser</c> is a
/// service the type is given (an interface) that also hands out the tenant key (<c>_currentUser.CompanyId</c>). Such a service
/// reads both from the caller's authenticated identity, so the row the id keys is the caller's own, of the caller's tenant,
/// as a row loaded for that tenant would be. A member of a request, a command or a DTO is the caller's to choose, and a
/// service's other ids (<c>_currentUser.SelectedProjectId</c>) key no row of the user's own: both stay reported.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>
    /// Whether <paramref name="value"/> is the signed-in user's key for rows of <paramref name="keyed"/>: a member named for
    /// that entity (<c>UserId</c> for a <c>User</c>, or for an ASP.NET Core Identity user) of an injected service that also
    /// declares a tenant key.
    /// </summary>
    private bool IsSignedInUserKey(IOperation value, ITypeSymbol keyed) =>
        value.Unwrap().WithoutNullableValue() is IPropertyReferenceOperation { Property: var property, Instance: { } holder }
        && InjectedService(holder.Unwrap()) is { } service
        && (property.Name == keyed.Name + "Id" || (property.Name == "UserId" && _symbols.IsIdentityUser(keyed)))
        && _relationships.Tenancy.DeclaresTenantKey(service);

    /// <summary>
    /// The interface type of a service the type was given: a field or property of this instance, or a primary constructor's
    /// parameter; null for anything else (a method's parameter, a local, a request).
    /// </summary>
    private static ITypeSymbol? InjectedService(IOperation holder) => holder switch
    {
        IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field.Type: { TypeKind: TypeKind.Interface } type } => type,
        IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property.Type: { TypeKind: TypeKind.Interface } type } => type,
        IParameterReferenceOperation { Parameter: { Type.TypeKind: TypeKind.Interface, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter }
            when !IsInside(holder, constructor) => parameter.Type,
        _ => null,
    };

    /// <summary>Whether <paramref name="operation"/> is in <paramref name="method"/>'s own body: a constructor reading its parameter is not a primary constructor's capture.</summary>
    private static bool IsInside(IOperation operation, IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == operation.Syntax.SyntaxTree && r.Span.Contains(operation.Syntax.Span)
            && r.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax);
}
