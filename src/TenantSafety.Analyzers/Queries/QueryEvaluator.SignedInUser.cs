using System.Linq;
using System.Threading;
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
    private bool IsSignedInUserKey(IOperation value, ITypeSymbol keyed, EvaluationScope scope, int depth, CancellationToken cancellationToken) =>
        value.Unwrap().WithoutKeyValue() is IPropertyReferenceOperation { Property: var property, Instance: { } holder }
        && (property.Name == keyed.Name + "Id" || (property.Name == "UserId" && _symbols.IsIdentityUser(keyed)))
        && ((InjectedService(holder.Unwrap()) is { } service && _relationships.Tenancy.DeclaresTenantKey(service))
            || IsHandedOutIdentity(holder, scope, depth + 1, cancellationToken));

    /// <summary>
    /// Whether <paramref name="holder"/> is what an injected service hands out about the caller and that carries the tenant
    /// key too (<c>var session = sessions.Current ?? throw …;</c> with <c>Session { UserId, TenantId }</c>): read from the
    /// caller's authenticated identity, as the service's own members are. Through a local every definition of which is one.
    /// </summary>
    private bool IsHandedOutIdentity(IOperation holder, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxEvaluationDepth)
        {
            scope.NoteDepthLimit();
            return false;
        }

        switch (holder.Unwrap())
        {
            // `sessions.Current`, `sessions.GetCurrent()`.
            case IPropertyReferenceOperation { Instance: { } service, Property.Parameters.IsEmpty: true, Type: { } type }:
                return InjectedService(service.Unwrap()) is not null && _relationships.Tenancy.DeclaresTenantKey(type);
            case IInvocationOperation { Instance: { } service, Arguments.IsEmpty: true, Type: { } type }:
                return InjectedService(service.Unwrap()) is not null && _relationships.Tenancy.DeclaresTenantKey(type);

            // `sessions.Current ?? throw new UnauthorizedAccessException()`: the session or nothing at all.
            case ICoalesceOperation { WhenNull: var whenNull } coalesce when whenNull.Unwrap() is IThrowOperation:
                return IsHandedOutIdentity(coalesce.Value, scope, depth + 1, cancellationToken);

            case ILocalReferenceOperation local:
                var definitions = Definitions(local.Local, local.Syntax, scope, position: null, cancellationToken);
                return definitions.Count > 0 && definitions.All(d => d.Value is { } defined && IsHandedOutIdentity(defined, scope, depth + 1, cancellationToken));

            default:
                return false;
        }
    }

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
