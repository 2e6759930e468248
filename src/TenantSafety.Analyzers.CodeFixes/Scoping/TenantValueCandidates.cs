using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantSafety.Analyzers.CodeFixes.Scoping;

/// <summary>
/// The values the scoping fix may compare the tenant key with, most local first (what the author most likely meant): a parameter or local named
/// like the key (<c>teamId</c>); a member of an injected tenant context exposing the key (<c>_tenant.TeamId</c>);
/// the <c>tenant_safety.tenant_value</c> expression. Each candidate is still checked by compiling the result.
/// </summary>
internal static class TenantValueCandidates
{
    public static IEnumerable<string> Find(SemanticModel model, int position, string keyName, ITypeSymbol? keyType, string? configuredValue)
    {
        var visible = model.LookupSymbols(position);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // 1. teamId, TeamId, _teamId: a parameter or a local declared before the query.
        foreach (var symbol in visible)
        {
            if (symbol is IParameterSymbol or ILocalSymbol
                && NamedLikeKey(symbol.Name, keyName)
                && IsDeclaredBefore(symbol, position)
                && IsCompatible(model.Compilation, TypeOf(symbol), keyType)
                && seen.Add(symbol.Name))
            {
                yield return symbol.Name;
            }
        }

        // 2. _tenant.TeamId: a field, property or (primary constructor) parameter whose type exposes the key.
        foreach (var symbol in visible)
        {
            var type = TypeOf(symbol);
            if (!IsInjected(symbol) || type is null)
            {
                continue;
            }

            var exposed = type.GetMembers(keyName).OfType<IPropertySymbol>().FirstOrDefault()
                ?? type.AllInterfaces.SelectMany(i => i.GetMembers(keyName)).OfType<IPropertySymbol>().FirstOrDefault();
            if (exposed is not null && IsCompatible(model.Compilation, exposed.Type, keyType))
            {
                var candidate = symbol.Name + "." + keyName;
                if (seen.Add(candidate))
                {
                    yield return candidate;
                }
            }
        }

        // 3. The expression the project configured.
        if (configuredValue is { Length: > 0 } && SyntaxFactory.ParseExpression(configuredValue) is { ContainsDiagnostics: false } && seen.Add(configuredValue))
        {
            yield return configuredValue;
        }
    }

    /// <summary>A field, a property or a primary-constructor parameter: what dependency injection hands a service. Not a method's argument (a <c>Lead lead</c> is data, not the tenant).</summary>
    private static bool IsInjected(ISymbol symbol) => symbol switch
    {
        IFieldSymbol or IPropertySymbol => true,
        IParameterSymbol parameter => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor },
        _ => false,
    };

    private static bool NamedLikeKey(string name, string keyName) =>
        string.Equals(name.TrimStart('_'), keyName, StringComparison.OrdinalIgnoreCase);

    private static bool IsDeclaredBefore(ISymbol symbol, int position)
    {
        if (symbol is not ILocalSymbol)
        {
            return true;
        }

        // A local is visible in its whole block but usable only after its declaration.
        return symbol.DeclaringSyntaxReferences.All(r => r.Span.End <= position);
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        IParameterSymbol parameter => parameter.Type,
        ILocalSymbol local => local.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsCompatible(Compilation compilation, ITypeSymbol? valueType, ITypeSymbol? keyType)
    {
        if (valueType is null || keyType is null)
        {
            return valueType is not null;
        }

        var conversion = compilation.ClassifyConversion(valueType, keyType);
        if (conversion.Exists && conversion.IsImplicit)
        {
            return true;
        }

        // Guid? key compared with a Guid value, or the other way round: both lift.
        return compilation.ClassifyConversion(keyType, valueType) is { Exists: true, IsImplicit: true };
    }
}
