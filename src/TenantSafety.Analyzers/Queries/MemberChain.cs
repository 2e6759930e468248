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
        // Builders only once a member is read: most operations asked about are not member chains at all.
        ImmutableArray<string>.Builder? members = null;
        ImmutableArray<ITypeSymbol?>.Builder? types = null;
        for (var current = operation.Unwrap(); ; )
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    if (members is null || types is null)
                    {
                        return new MemberChain(parameter.Parameter, ImmutableArray<string>.Empty, ImmutableArray<ITypeSymbol?>.Empty);
                    }

                    members.Reverse();
                    types.Reverse();
                    return new MemberChain(parameter.Parameter, members.ToImmutable(), types.ToImmutable());

                case IPropertyReferenceOperation { Instance: { } instance, Property.IsIndexer: false } property:
                    (members ??= ImmutableArray.CreateBuilder<string>()).Add(property.Property.Name);
                    (types ??= ImmutableArray.CreateBuilder<ITypeSymbol?>()).Add(property.Type);
                    current = instance.Unwrap();
                    break;

                case IFieldReferenceOperation { Instance: { } instance } field:
                    (members ??= ImmutableArray.CreateBuilder<string>()).Add(field.Field.Name);
                    (types ??= ImmutableArray.CreateBuilder<ITypeSymbol?>()).Add(field.Type);
                    current = instance.Unwrap();
                    break;

                case IInvocationOperation { TargetMethod: { Name: "Property", IsStatic: true } method } call
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.EF) && call.Arguments.Length == 2
                        && call.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }:
                    (members ??= ImmutableArray.CreateBuilder<string>()).Add(name);
                    (types ??= ImmutableArray.CreateBuilder<ITypeSymbol?>()).Add(call.Type);
                    current = call.Arguments[0].Value.Unwrap();
                    break;

                default:
                    return null;
            }
        }
    }
}
