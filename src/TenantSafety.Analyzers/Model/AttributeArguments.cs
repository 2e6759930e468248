using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>Reads the arguments of mapping attributes.</summary>
internal static class AttributeArguments
{
    /// <summary>The strings among the constructor arguments, a <c>params string[]</c> flattened: the column names of <c>[Index]</c> and <c>[PrimaryKey]</c>.</summary>
    public static ImmutableArray<string> ConstructorStrings(AttributeData attribute)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
            {
                names.AddRange(argument.Values.Select(v => v.Value as string).Where(v => v is not null)!);
            }
            else if (argument.Value is string name)
            {
                names.Add(name);
            }
        }

        return names.ToImmutable();
    }

    /// <summary>Whether an argument did not bind (a half-typed <c>nameof</c>, a constant not declared yet): the reading is not kept.</summary>
    public static bool HasErrors(AttributeData attribute) =>
        attribute.AttributeClass is null or { TypeKind: TypeKind.Error }
        || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
        || attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error);
}
