using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// What was read of each source type's declaration (<typeparamref name="TFacts"/>), kept for as long as the syntax tree
/// of its first declaration lives and reused while every type the reading depended on keeps its shape. The IDE keeps
/// the trees of unchanged documents between compilations, so after a keystroke only the types of the edited file (and
/// those that depend on them) are read again; a command-line build parses new trees and always reads afresh.
/// </summary>
/// <remarks>Shares the known limit of <see cref="ConfigurationFactCache{TTarget}"/>: a new type that shadows a name an unchanged declaration binds to is seen at that declaration's next edit.</remarks>
internal static class DeclarationFactCache<TFacts>
    where TFacts : class, IDeclarationFacts
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<string, TFacts>> s_byTree = new();

    public static TFacts GetOrRead(INamedTypeSymbol type, TypeResolver types, Func<TFacts> read)
    {
        var tree = type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
        if (tree is null || TypeReference.From(type) is not { } reference)
        {
            return read();
        }

        var byType = s_byTree.GetValue(tree, _ => new ConcurrentDictionary<string, TFacts>(StringComparer.Ordinal));
        if (byType.TryGetValue(reference.MetadataName, out var known) && types.HasShapes(known.Dependencies))
        {
            return known;
        }

        var facts = read();
        if (facts.IsReusable)
        {
            byType[reference.MetadataName] = facts;
        }
        else
        {
            byType.TryRemove(reference.MetadataName, out _);
        }

        return facts;
    }

    /// <summary>The facts of <paramref name="type"/> kept for the next compilation, or null: for tests of the IDE's edit cycle.</summary>
    internal static TFacts? Kept(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree is { } tree
        && TypeReference.From(type) is { } reference
        && s_byTree.TryGetValue(tree, out var byType)
        && byType.TryGetValue(reference.MetadataName, out var facts)
            ? facts
            : null;
}
