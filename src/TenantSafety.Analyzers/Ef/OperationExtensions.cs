using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Ef;

/// <summary>The operation-tree questions every layer asks: what a value is under its conversions, a lambda's body, an argument.</summary>
internal static class OperationExtensions
{
    /// <summary>
    /// The key whose value <c>x.TeamId.Value</c> reads (<c>x.TeamId</c>, unwrapped): a nullable key's, or a key held in a
    /// value object (<c>x.TenantId.Value</c> of a strongly-typed id); any other operation itself.
    /// </summary>
    public static IOperation WithoutKeyValue(this IOperation operation) =>
        operation is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } && (instance.Type.IsNullableValueType() || instance.Type.IsKeyValueObject())
            ? instance.Unwrap()
            : operation;

    /// <summary>The value under its conversions and parentheses.</summary>
    public static IOperation Unwrap(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// The outermost conversion or parentheses around <paramref name="operation"/> (itself when none): the operation its
    /// parent uses, as <see cref="Unwrap"/> reads the value back from it.
    /// </summary>
    public static IOperation Wrapped(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>The lambda behind a lambda argument (under its conversion and delegate creation), or null.</summary>
    public static IAnonymousFunctionOperation? AsLambda(this IOperation value)
    {
        value = value.Unwrap();
        if (value is IDelegateCreationOperation delegateCreation)
        {
            value = delegateCreation.Target;
        }

        return value as IAnonymousFunctionOperation;
    }

    /// <summary>What an expression lambda returns; null for a statement lambda, which EF Core cannot translate.</summary>
    public static IOperation? ReturnedValue(this IAnonymousFunctionOperation lambda) => SingleReturnedValue(lambda.Body);

    /// <summary>The value of the first <c>return</c> of a body: an expression lambda's body is a block with one return.</summary>
    public static IOperation? SingleReturnedValue(IBlockOperation? body)
    {
        if (body is null)
        {
            return null;
        }

        foreach (var operation in body.Operations)
        {
            if (operation is IReturnOperation { ReturnedValue: { } value })
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The builder a call is made on: its instance, or the <c>this</c> argument of an extension method; unwrapped.</summary>
    public static IOperation? Receiver(this IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod ? call.ArgumentAt(0)?.Value : null);
        return receiver?.Unwrap();
    }

    /// <summary>The argument for the parameter at <paramref name="ordinal"/>, or null.</summary>
    public static IArgumentOperation? ArgumentAt(this IInvocationOperation call, int ordinal) => ArgumentAt(call.Arguments, ordinal);

    /// <summary>The argument a constructor is handed for the parameter at <paramref name="ordinal"/>, or null.</summary>
    public static IArgumentOperation? ArgumentAt(this IObjectCreationOperation creation, int ordinal) => ArgumentAt(creation.Arguments, ordinal);

    /// <summary>The argument of a call or an object creation for the parameter at <paramref name="ordinal"/>; null for any other operation.</summary>
    public static IArgumentOperation? CallArgumentAt(this IOperation? call, int ordinal) => call switch
    {
        IInvocationOperation invocation => ArgumentAt(invocation.Arguments, ordinal),
        IObjectCreationOperation creation => ArgumentAt(creation.Arguments, ordinal),
        _ => null,
    };

    private static IArgumentOperation? ArgumentAt(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        // A loop, not a LINQ query: asked for every call the rules read, and a query allocates a delegate each time.
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The value passed for the parameter named <paramref name="parameterName"/>, or null.</summary>
    public static IOperation? ArgumentValue(this IInvocationOperation call, string parameterName) =>
        call.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameterName)?.Value;

    /// <summary>The constant string passed for <paramref name="parameterName"/>; null when it is not one.</summary>
    public static string? ConstantStringArgument(this IInvocationOperation call, string parameterName) =>
        call.ArgumentValue(parameterName)?.ConstantValue is { HasValue: true, Value: string text } ? text : null;
}
