using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A generic configuration helper's <c>MethodInfo</c> kept in a field or property and made generic where the model is
/// configured:
/// <code>
/// private static readonly MethodInfo ApplyFilterMethod = typeof(AppDbContext).GetMethod(nameof(ApplyTenantFilter), …)!;
/// …
/// ApplyFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, new object[] { modelBuilder });
/// </code>
/// The helper runs where <c>MakeGenericMethod</c> is called, and its declaration says which helper it is.
/// </summary>
internal static class KeptMethodInfo
{
    /// <summary>The field or property whose <c>MethodInfo</c> <paramref name="invocation"/> makes generic; null for any other call.</summary>
    public static ISymbol? MadeGeneric(IInvocationOperation invocation) =>
        invocation.TargetMethod is { Name: "MakeGenericMethod", ContainingType: var type }
        && IsMethodInfo(type)
        && invocation.Instance?.Unwrap() is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } kept
            ? kept.Member
            : null;

    /// <summary>What the member's declaration computes: a field's initializer, a property's initializer, expression body or getter.</summary>
    public static IEnumerable<SyntaxNode> ValuesOf(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var value = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax field => field.Initializer,
                PropertyDeclarationSyntax property => (SyntaxNode?)property.Initializer ?? (SyntaxNode?)property.ExpressionBody
                    ?? property.AccessorList?.Accessors.FirstOrDefault(accessor => accessor.Keyword.ValueText == "get"),
                _ => (SyntaxNode?)null,
            };
            if (value is not null)
            {
                yield return value;
            }
        }
    }

    private static bool IsMethodInfo(INamedTypeSymbol? type) =>
        type is { Name: "MethodInfo", ContainingNamespace: { Name: "Reflection", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
