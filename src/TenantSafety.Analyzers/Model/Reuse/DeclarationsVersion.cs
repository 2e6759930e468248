using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// What every declaration of a project says, as one object: two compilations share a version when they have the same
/// references and options and their files differ at most in method bodies, comments and white space
/// (<see cref="DeclarationFingerprint.OfTree"/>). In the IDE most keystrokes are such edits; whatever depends only on
/// declarations (which types configure the model, the shape of every type) is then known from the previous
/// compilation without asking a single symbol. A command-line build parses new trees: always a new version.
/// </summary>
internal sealed class DeclarationsVersion
{
    /// <summary>Keyed by the first two trees of each compilation seen: an edit to one file leaves the other.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, Holder> s_byTree = new();

    private DeclarationsVersion()
    {
    }

    /// <summary>The model-configuring types found in a compilation of this version, by name; null until found.</summary>
    public ImmutableArray<TypeReference>? ConfiguringTypes { get; set; }

    /// <summary>Whether the source of a compilation of this version declares a store interface (<see cref="Analysis.StoreQueryingProject"/>); null until asked.</summary>
    public bool? DeclaresStoreInterface { get; set; }

    public static DeclarationsVersion Of(Compilation compilation)
    {
        var trees = compilation.SyntaxTrees.ToImmutableArray();
        var keys = trees.Take(2).ToList();
        var holder = keys.Select(tree => s_byTree.TryGetValue(tree, out var known) ? known : null).FirstOrDefault(known => known is not null) ?? new Holder();
        foreach (var key in keys)
        {
            _ = s_byTree.GetValue(key, _ => holder);
        }

        lock (holder)
        {
            if (holder.Version is null
                || !ObjectSequences.Same(holder.References, compilation.References.ToImmutableArray())
                || !ReferenceEquals(holder.Options, compilation.Options)
                || !SameDeclarations(holder.Trees, trees))
            {
                holder.Version = new DeclarationsVersion();
            }

            holder.Trees = trees;
            holder.References = compilation.References.ToImmutableArray();
            holder.Options = compilation.Options;
            return holder.Version;
        }
    }

    private static bool SameDeclarations(ImmutableArray<SyntaxTree> before, ImmutableArray<SyntaxTree> after)
    {
        if (before.Length != after.Length)
        {
            return false;
        }

        for (var i = 0; i < before.Length; i++)
        {
            if (!ReferenceEquals(before[i], after[i])
                && !(string.Equals(before[i].FilePath, after[i].FilePath, StringComparison.Ordinal)
                    && ReferenceEquals(before[i].Options, after[i].Options)
                    && DeclarationFingerprint.OfTree(before[i]).Equals(DeclarationFingerprint.OfTree(after[i]))))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Holder
    {
        public DeclarationsVersion? Version { get; set; }

        public ImmutableArray<SyntaxTree> Trees { get; set; } = ImmutableArray<SyntaxTree>.Empty;

        public ImmutableArray<MetadataReference> References { get; set; } = ImmutableArray<MetadataReference>.Empty;

        public CompilationOptions? Options { get; set; }
    }
}
