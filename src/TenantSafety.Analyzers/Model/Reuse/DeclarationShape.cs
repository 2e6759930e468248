using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// How a type is declared, as configuration code sees it: the <see cref="DeclarationFingerprint"/> of each of its
/// declarations and of its source base types and interfaces (where <c>e.TeamId</c> may come from), and the names of
/// those from metadata. While a type's shape is the same, so is everything configuration can bind in it: members,
/// their types, attributes, constants. Configuration read against one shape is read again when the shape changes,
/// i.e. when a declaration of the type (or of its bases) changes other than in a method body or a comment. Comparing
/// shapes never binds anything or completes a type's members.
/// </summary>
internal sealed class DeclarationShape : IEquatable<DeclarationShape>
{
    /// <summary>A <see cref="SourcePart"/> per source declaration, the metadata name of each type from metadata.</summary>
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
        && _parts.Zip(other._parts, (mine, theirs) => mine.Equals(theirs)).All(same => same);

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
            parts.Add(new SourcePart(reference));
        }
    }

    /// <summary>
    /// One source declaration: the same declaration in the same tree, or one with the same fingerprint. The fingerprint
    /// is computed only when two trees are compared, so a build, which never compares, never computes one.
    /// </summary>
    private sealed class SourcePart : IEquatable<SourcePart>
    {
        private readonly SyntaxReference _declaration;

        public SourcePart(SyntaxReference declaration)
        {
            _declaration = declaration;
        }

        public bool Equals(SourcePart? other) =>
            other is not null
            && ((other._declaration.SyntaxTree == _declaration.SyntaxTree && other._declaration.Span == _declaration.Span)
                || DeclarationFingerprint.Of(other._declaration).Equals(DeclarationFingerprint.Of(_declaration)));

        public override bool Equals(object? obj) => Equals(obj as SourcePart);

        // Equal parts may differ in span (a comment inside the declaration): no hash cheaper than the fingerprint agrees with Equals.
        public override int GetHashCode() => 0;
    }
}
