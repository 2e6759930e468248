using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A value read from a lambda parameter through members: <c>x.l.TeamId</c> is <c>x</c> then <c>l</c>, <c>TeamId</c>;
/// <c>EF.Property&lt;Guid&gt;(x, "TeamId")</c> is <c>x</c> then <c>TeamId</c>; <c>x</c> alone has no members.
/// </summary>
internal readonly struct MemberChain
{
    private MemberChain(IParameterSymbol parameter, ImmutableArray<string> members, ImmutableArray<ITypeSymbol?> types)
    {
        Parameter = parameter;
        Members = members;
        Types = types;
    }

    public IParameterSymbol Parameter { get; }

    /// <summary>Member names from the parameter outwards.</summary>
    public ImmutableArray<string> Members { get; }

    /// <summary>The type each member reads, in the same order.</summary>
    public ImmutableArray<ITypeSymbol?> Types { get; }

    public static MemberChain? Read(IOperation operation, EfSymbols symbols)
    {
        // Two walks, the first allocating nothing: most operations asked about are not member chains at all, and those
        // that are mostly read one member; the second fills arrays of the exact length, from the parameter outwards.
        var count = 0;
        var current = operation.Unwrap();
        while (current is not IParameterReferenceOperation)
        {
            if (Step(current, symbols) is not { } step)
            {
                return null;
            }

            current = step.Next;
            count++;
        }

        var parameter = ((IParameterReferenceOperation)current).Parameter;
        if (count == 0)
        {
            return new MemberChain(parameter, ImmutableArray<string>.Empty, ImmutableArray<ITypeSymbol?>.Empty);
        }

        var members = new string[count];
        var types = new ITypeSymbol?[count];
        current = operation.Unwrap();
        for (var i = count - 1; i >= 0; i--)
        {
            var step = Step(current, symbols)!.Value;
            members[i] = step.Member;
            types[i] = step.Type;
            current = step.Next;
        }

        return new MemberChain(parameter, ImmutableArray.Create(members), ImmutableArray.Create(types));
    }

    /// <summary>One member read of a chain: its name, the type it reads, and the operation it reads it from; null when <paramref name="operation"/> reads no member.</summary>
    private static (string Member, ITypeSymbol? Type, IOperation Next)? Step(IOperation operation, EfSymbols symbols) => operation switch
    {
        IPropertyReferenceOperation { Instance: { } instance, Property.IsIndexer: false } property => (property.Property.Name, property.Type, instance.Unwrap()),
        IFieldReferenceOperation { Instance: { } instance } field => (field.Field.Name, field.Type, instance.Unwrap()),
        IInvocationOperation { TargetMethod: { Name: "Property", IsStatic: true } method } call
            when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.EF) && call.Arguments.Length == 2
                && call.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }
            => (name, call.Type, call.Arguments[0].Value.Unwrap()),
        _ => null,
    };
}
