using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The multi-tenancy libraries recognised by symbol. Finbuckle.MultiTenant moved its types between namespaces across
/// versions (<c>Finbuckle.MultiTenant</c> up to 9, <c>Finbuckle.MultiTenant.EntityFrameworkCore.Extensions</c> and
/// <c>….Abstractions</c> from 10), so its symbols are matched by name inside any namespace under
/// <c>Finbuckle.MultiTenant</c>; ABP's marker interface is one metadata name (<see cref="EfSymbols.AbpMultiTenant"/>).
/// </summary>
internal static class TenancyLibraries
{
    /// <summary>The key Finbuckle filters on: a <c>string</c> property, shadow unless the class declares it.</summary>
    public const string FinbuckleKey = "TenantId";

    /// <summary>The name of the query filter Finbuckle 10 adds (<c>Abstractions.Constants.TenantToken</c>); earlier versions add an unnamed one.</summary>
    public const string FinbuckleFilterName = "__tenant__";

    /// <summary>ABP's <c>IMultiTenant.TenantId</c> (<c>Guid?</c>).</summary>
    public const string AbpKey = "TenantId";

    private const string FinbuckleNamespace = "Finbuckle.MultiTenant";

    /// <summary><c>IsMultiTenant()</c> on an entity builder, generic or not: an extension method of a Finbuckle class.</summary>
    public static bool IsFinbuckleIsMultiTenant(IMethodSymbol method) =>
        method.Name == "IsMultiTenant" && IsFinbuckleExtension(method);

    /// <summary><c>IsNotMultiTenant()</c> (Finbuckle 10): takes an entity back out of tenant isolation.</summary>
    public static bool IsFinbuckleIsNotMultiTenant(IMethodSymbol method) =>
        method.Name == "IsNotMultiTenant" && IsFinbuckleExtension(method);

    /// <summary>
    /// The name of the filter a Finbuckle <c>IsMultiTenant()</c> adds: named from Finbuckle 10 (whose extensions live
    /// below <c>Finbuckle.MultiTenant.EntityFrameworkCore.Extensions</c>), unnamed before.
    /// </summary>
    public static string? FilterNameOf(IMethodSymbol isMultiTenant) =>
        IsPreVersion10Namespace(isMultiTenant.ContainingType?.ContainingNamespace) ? null : FinbuckleFilterName;

    /// <summary>
    /// The Finbuckle <c>[MultiTenant]</c> attribute on <paramref name="type"/> itself (it is not inherited), or null;
    /// <c>ConfigureMultiTenant()</c>, called by every Finbuckle DbContext, makes such an entity multi-tenant.
    /// </summary>
    public static AttributeData? FinbuckleMultiTenantAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => a.AttributeClass is { Name: "MultiTenantAttribute" } attribute && IsFinbuckle(attribute));

    /// <summary>The filter name a <c>[MultiTenant]</c> entity gets: the attribute moved to <c>….Abstractions</c> in Finbuckle 10.</summary>
    public static string? FilterNameOf(AttributeData multiTenantAttribute) =>
        IsPreVersion10Namespace(multiTenantAttribute.AttributeClass?.ContainingNamespace) ? null : FinbuckleFilterName;

    /// <summary>A Finbuckle DbContext (<c>MultiTenantDbContext</c>, <c>MultiTenantIdentityDbContext</c>): it implements Finbuckle's <c>IMultiTenantDbContext</c>.</summary>
    public static bool IsFinbuckleContext(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.Name == "IMultiTenantDbContext" && IsFinbuckle(i));

    /// <summary>Finbuckle's tenant store (<c>EFCoreStoreDbContext&lt;T&gt;</c>): it holds the tenants themselves, not tenant rows.</summary>
    public static bool IsFinbuckleTenantStore(INamedTypeSymbol type) =>
        type.SelfAndBaseClasses().Any(t => t.Name == "EFCoreStoreDbContext" && IsFinbuckle(t));

    private static bool IsFinbuckleExtension(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method;
        return definition.IsExtensionMethod && definition.ContainingType is { IsStatic: true } owner && IsFinbuckle(owner);
    }

    private static bool IsFinbuckle(ISymbol symbol)
    {
        var name = symbol.ContainingNamespace?.ToDisplayString();
        return name is not null && (name == FinbuckleNamespace || name.StartsWith(FinbuckleNamespace + ".", System.StringComparison.Ordinal));
    }

    /// <summary><c>Finbuckle.MultiTenant</c> (versions 7–9) and <c>Finbuckle.MultiTenant.EntityFrameworkCore</c> (6) held the unnamed-filter API.</summary>
    private static bool IsPreVersion10Namespace(INamespaceSymbol? ns) =>
        ns?.ToDisplayString() is FinbuckleNamespace or FinbuckleNamespace + ".EntityFrameworkCore";
}
