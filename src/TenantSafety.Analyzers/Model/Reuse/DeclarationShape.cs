using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// Where a type is declared, as configuration code sees it: the syntax trees of its declarations and of its source
/// base types and interfaces (where <c>e.TeamId</c> may come from), and the names of those from metadata. Syntax
/// trees are immutable and the IDE keeps the tree of every file not edited, so while a type's shape is the same, so is
/// everything configuration can bind in it: members, their types, constants. Configuration read against one shape
/// is read again when the shape changes, i.e. when a file declaring the type (or its bases) is edited. Comparing
/// shapes never binds anything or completes a type's members.
/// </summary>
internal sealed class DeclarationShape : IEquatable<DeclarationShape>
{
    /// <summary>A <see cref="SyntaxTree"/> per source declaration, the metadata name of each type from metadata.</summary>
    private readonly ImmutableArray<object> _parts;

    private DeclarationShape(ImmutableArray<object> parts)
    {
        _parts = parts;
    }

    public static DeclarationShape Of(INamedTypeSymbol type)
    {
        var parts = ImmutableArray.CreateBuilder<object>();
        foreach (var current in type.OriginalDefinition.SelfAndBaseClasses())
        {
            Append(parts, current.OriginalDefinition);
        }

        foreach (var implemented in type.OriginalDefinition.AllInterfaces)
        {
            Append(parts, implemented.OriginalDefinition);
        }

        return new DeclarationShape(parts.ToImmutable());
    }

    public bool Equals(DeclarationShape? other) =>
        other is not null
        && other._parts.Length == _parts.Length
        && _parts.Zip(other._parts, (mine, theirs) => mine is string name ? name.Equals(theirs) : ReferenceEquals(mine, theirs)).All(same => same);

    public override bool Equals(object? obj) => Equals(obj as DeclarationShape);

    public override int GetHashCode() => _parts.Length;

    private static void Append(ImmutableArray<object>.Builder parts, INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            // Types from metadata do not change between two compilations of one project: the name is enough.
            parts.Add(type.MetadataName);
            return;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            parts.Add(reference.SyntaxTree);
        }
    }
}
