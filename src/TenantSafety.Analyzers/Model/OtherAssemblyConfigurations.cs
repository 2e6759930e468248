using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The <c>IEntityTypeConfiguration&lt;T&gt;</c> classes another assembly declares: what
/// <c>ApplyConfigurationsFromAssembly(typeof(X).Assembly)</c> applies when X is another project's.
/// </summary>
internal static class OtherAssemblyConfigurations
{
    /// <summary>X of <c>ApplyConfigurationsFromAssembly(typeof(X).Assembly)</c>; null for any other argument (<c>Assembly.GetExecutingAssembly()</c>).</summary>
    public static ITypeSymbol? AssemblyMarker(IInvocationOperation applyConfigurationsFromAssembly) =>
        applyConfigurationsFromAssembly.Arguments.FirstOrDefault()?.Value.Unwrap() is IPropertyReferenceOperation { Property.Name: "Assembly", Instance: ITypeOfOperation { TypeOperand: var marker } }
            ? marker
            : null;

    /// <summary>Each concrete configuration class of <paramref name="assembly"/>, with the entity it configures.</summary>
    public static IEnumerable<(INamedTypeSymbol Configuration, INamedTypeSymbol Entity)> In(IAssemblySymbol assembly, INamedTypeSymbol? configurationInterface)
    {
        if (configurationInterface is null)
        {
            yield break;
        }

        foreach (var type in SourceTypes.DeclaredIn(assembly))
        {
            if (type is { TypeKind: TypeKind.Class, IsAbstract: false }
                && type.AllInterfaces.FirstOrDefault(i => i.IsDefinitionOf(configurationInterface)) is { } implemented
                && implemented.TypeArguments[0] is INamedTypeSymbol entity)
            {
                yield return (type, entity);
            }
        }
    }

    /// <summary>
    /// The configuration classes of <paramref name="assembly"/> and their entities, as one comparable text: a reading of
    /// <c>ApplyConfigurationsFromAssembly</c> kept for the IDE's next compilation holds while the other project still
    /// declares the same ones (a class added there, or one that now configures another entity, reads the body again).
    /// </summary>
    public static string Fingerprint(IAssemblySymbol assembly, INamedTypeSymbol? configurationInterface) =>
        string.Join(
            ";",
            In(assembly, configurationInterface)
                .Select(pair => pair.Configuration.ToDisplayString() + "=" + pair.Entity.ToDisplayString())
                .OrderBy(text => text, System.StringComparer.Ordinal));
}
