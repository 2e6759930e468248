using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>Reads the arguments of model-building calls: property selectors, property-name lists, constants, fluent chains.</summary>
internal static class ModelExpressions
{
    /// <summary>
    /// The properties a call names: <c>e =&gt; e.TeamId</c>, <c>e =&gt; new { e.TeamId, e.Status }</c>, <c>"TeamId", "Status"</c>,
    /// <c>new[] { … }</c> or <c>nameof(…)</c>. Default when any part is not a plain property of the row.
    /// </summary>
    public static ImmutableArray<string> PropertyNames(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0 && call.TargetMethod.IsExtensionMethod)
            {
                continue;
            }

            if (argument.Value.AsLambda() is { } lambda)
            {
                return SelectedProperties(lambda);
            }

            if (argument.Parameter is { IsParams: true } || argument.Parameter?.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
            {
                return StringElements(argument.Value);
            }

            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && argument.Parameter.Name is "propertyName")
            {
                return argument.Value.ConstantValue is { HasValue: true, Value: string single } ? ImmutableArray.Create(single) : default;
            }
        }

        return default;
    }

    /// <summary>The properties a selector lambda returns; default when it returns anything else.</summary>
    public static ImmutableArray<string> SelectedProperties(IAnonymousFunctionOperation lambda)
    {
        var parameter = lambda.Symbol.Parameters.FirstOrDefault();
        var body = lambda.ReturnedValue();
        if (parameter is null || body is null)
        {
            return default;
        }

        body = body.Unwrap();
        if (body is IAnonymousObjectCreationOperation anonymous)
        {
            var names = ImmutableArray.CreateBuilder<string>();
            foreach (var initializer in anonymous.Initializers)
            {
                var value = initializer is ISimpleAssignmentOperation assignment ? assignment.Value : initializer;
                var name = PropertyOf(value.Unwrap(), parameter);
                if (name is null)
                {
                    return default;
                }

                names.Add(name);
            }

            return names.ToImmutable();
        }

        var single = PropertyOf(body, parameter);
        return single is null ? default : ImmutableArray.Create(single);
    }

    /// <summary>The name of the navigation a <c>HasOne(e =&gt; e.Team)</c> / <c>WithOne("Lead")</c> call names; null when none.</summary>
    public static string? NavigationName(IInvocationOperation call)
    {
        var names = PropertyNames(call);
        if (!names.IsDefault)
        {
            return names.Length == 1 ? names[0] : null;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: string name } && argument.Parameter?.Name is "navigationName")
            {
                return name;
            }
        }

        return null;
    }

    private static string? PropertyOf(IOperation value, IParameterSymbol parameter) =>
        value is IPropertyReferenceOperation { Instance: IParameterReferenceOperation reference } property
        && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter)
            ? property.Property.Name
            : null;

    private static ImmutableArray<string> StringElements(IOperation value)
    {
        value = value.Unwrap();
        var elements = value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            _ => ImmutableArray.Create(value),
        };

        var names = ImmutableArray.CreateBuilder<string>(elements.Length);
        foreach (var element in elements)
        {
            if (element.ConstantValue is not { HasValue: true, Value: string name })
            {
                return default;
            }

            names.Add(name);
        }

        return names.Count == 0 ? default : names.ToImmutable();
    }
}
