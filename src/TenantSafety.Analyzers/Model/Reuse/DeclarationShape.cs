using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// What configuration code can see of a type, from declarations only (no body is bound): its members' names, the types
/// of its properties and fields, the values of its constants, and the same of its source base types and interfaces
/// (where <c>e.TeamId</c> may come from). Configuration read against one shape is read again when the shape changes:
/// a property added, renamed, retyped or removed in the entity's file, a table-name constant edited.
/// </summary>
internal static class DeclarationShape
{
    public static string Of(INamedTypeSymbol type)
    {
        var shape = new StringBuilder();
        for (var current = type.OriginalDefinition; current is not null; current = current.BaseType)
        {
            Append(shape, current);
        }

        foreach (var implemented in type.OriginalDefinition.AllInterfaces)
        {
            Append(shape, implemented.OriginalDefinition);
        }

        return shape.ToString();
    }

    private static void Append(StringBuilder shape, INamedTypeSymbol type)
    {
        shape.Append(type.MetadataName).Append('{');

        // Types from metadata do not change between two compilations of one project: their names are enough.
        if (type.Locations.Any(l => l.IsInSource))
        {
            foreach (var name in type.MemberNames.OrderBy(n => n, System.StringComparer.Ordinal))
            {
                shape.Append(name);
                foreach (var member in type.GetMembers(name))
                {
                    switch (member)
                    {
                        case IPropertySymbol property:
                            AppendType(shape.Append(':'), property.Type);
                            break;
                        case IFieldSymbol field:
                            AppendType(shape.Append(':'), field.Type);
                            if (field.HasConstantValue)
                            {
                                shape.Append('=').Append(field.ConstantValue);
                            }

                            break;
                    }
                }

                shape.Append(';');
            }
        }

        shape.Append('}');
    }

    private static void AppendType(StringBuilder shape, ITypeSymbol type)
    {
        switch (type)
        {
            case INamedTypeSymbol named:
                shape.Append(named.ContainingNamespace?.Name).Append('.').Append(named.MetadataName);
                if (named.IsGenericType)
                {
                    shape.Append('<');
                    foreach (var argument in named.TypeArguments)
                    {
                        AppendType(shape, argument);
                        shape.Append(',');
                    }

                    shape.Append('>');
                }

                break;
            case IArrayTypeSymbol array:
                AppendType(shape, array.ElementType);
                shape.Append("[]");
                break;
            default:
                shape.Append(type.Name);
                break;
        }
    }
}
