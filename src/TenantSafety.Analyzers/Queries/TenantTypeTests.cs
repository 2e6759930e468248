using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Generic code that asks whether its entity is a tenant entity: a type test or cast against a type that declares the tenant
/// key (<c>typeof(ICompanyOwned).IsAssignableFrom(typeof(T))</c>, <c>row is ICompanyOwned o &amp;&amp; o.CompanyId != …</c>,
/// <c>(ICompanyOwned)x</c>). Such a store scopes its rows only when they are a tenant's, on paths the analysis does not
/// tell apart by type; its queries over a type parameter other projects choose are left unjudged rather than reported on
/// the path that runs for entities without the key.
/// </summary>
internal static class TenantTypeTests
{
    /// <summary>Whether <paramref name="body"/> tests or casts anything against a type that declares a tenant key.</summary>
    public static bool In(IOperation body, TenantEntities tenancy) =>
        body.DescendantsAndSelf().Any(operation => TestedType(operation) is { } type && tenancy.DeclaresTenantKey(type));

    private static ITypeSymbol? TestedType(IOperation operation) => operation switch
    {
        IIsTypeOperation test => test.TypeOperand,
        IDeclarationPatternOperation pattern => pattern.MatchedType,
        ITypePatternOperation pattern => pattern.MatchedType,
        IConversionOperation { IsImplicit: false } cast => cast.Type,
        ITypeOfOperation typeOf => typeOf.TypeOperand,
        _ => null,
    };
}
