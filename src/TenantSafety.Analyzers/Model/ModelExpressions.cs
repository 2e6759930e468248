using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Model.Entities;

/// <summary>Reads the arguments of model-building calls: property selectors, property-name lists, constants, fluent chains.</summary>
internal static class ModelExpressions
{
    /// <summary>The builder a call is made on: its instance, or the <c>this</c> argument of an extension method.</summary>
    public static IOperation? Receiver(IInvocationOperation call)
    {
        var receiver = call.Instance
            ?? (call.TargetMethod.IsExtensionMethod ? call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value : null);
        return receiver is null ? null : TenantPredicate.Unwrap(receiver);
    }

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

            if (TenantPredicate.AsLambda(argument.Value) is { } lambda)
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
        var body = TenantPredicate.SingleReturnedValue(lambda.Body);
        if (parameter is null || body is null)
        {
            return default;
        }

        body = TenantPredicate.Unwrap(body);
        if (body is IAnonymousObjectCreationOperation anonymous)
        {
            var names = ImmutableArray.CreateBuilder<string>();
            foreach (var initializer in anonymous.Initializers)
            {
                var value = initializer is ISimpleAssignmentOperation assignment ? assignment.Value : initializer;
                var name = PropertyOf(TenantPredicate.Unwrap(value), parameter);
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

    public static string? StringArgument(IInvocationOperation call, string parameterName) =>
        call.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameterName)?.Value.ConstantValue is { HasValue: true, Value: string text } ? text : null;

    /// <summary>The calls chained after <paramref name="call"/> (<c>HasIndex(…).IsUnique().HasDatabaseName(…)</c>), nearest first.</summary>
    public static IEnumerable<InvocationExpressionSyntax> ChainedAfter(SyntaxNode call)
    {
        var current = call;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current && access.Parent is InvocationExpressionSyntax next)
        {
            yield return next;
            current = next;
        }
    }

    public static string? InvokedName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    private static string? PropertyOf(IOperation value, IParameterSymbol parameter) =>
        value is IPropertyReferenceOperation { Instance: IParameterReferenceOperation reference } property
        && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter)
            ? property.Property.Name
            : null;

    private static ImmutableArray<string> StringElements(IOperation value)
    {
        value = TenantPredicate.Unwrap(value);
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
