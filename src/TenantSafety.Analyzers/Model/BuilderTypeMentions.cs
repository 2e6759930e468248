using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// A syntactic pre-check before the semantic one: a parameter of type <c>ModelBuilder</c> or
/// <c>EntityTypeBuilder&lt;T&gt;</c> must be written with that name, qualified or not, or through a using alias. A
/// type whose declarations contain neither the name nor (in their file, or globally) an alias cannot take a builder.
/// The scan of each syntax tree is cached with the tree, which the IDE reuses across compilations.
/// </summary>
internal static class BuilderTypeMentions
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeMentions> s_trees = new();
    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> s_globalAliases = new();

    /// <summary>False only when no declaration of <paramref name="type"/> can name a builder type.</summary>
    public static bool MayNameBuilderType(INamedTypeSymbol type)
    {
        var compilation = type.ContainingAssembly is ISourceAssemblySymbol source ? source.Compilation : null;
        if (compilation is null || HasGlobalAlias(compilation))
        {
            return true;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var mentions = s_trees.GetValue(reference.SyntaxTree, Scan);
            if (mentions.HasAlias)
            {
                return true;
            }

            var span = reference.Span;
            if (mentions.NamePositions.Any(position => span.Contains(position)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasGlobalAlias(Compilation compilation) =>
        s_globalAliases.GetValue(
            compilation,
            c => new StrongBox<bool>(c.SyntaxTrees.Any(tree => s_trees.GetValue(tree, Scan).HasGlobalAlias))).Value;

    private static TreeMentions Scan(SyntaxTree tree)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();

        // Using directives sit in the compilation unit and in namespace declarations, never deeper.
        var hasAlias = false;
        var hasGlobalAlias = false;
        foreach (var directive in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (directive.Alias is not null)
            {
                hasAlias = true;
                hasGlobalAlias |= directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);
            }
        }

        // Most files never spell a builder type: a search of the text spares walking their syntax (a build parses
        // every file anew, so this runs for every file of every build).
        if (!SourceTextSearch.ContainsAny(tree.GetText(), "ModelBuilder", "EntityTypeBuilder"))
        {
            return new TreeMentions(ImmutableArray<int>.Empty, hasAlias, hasGlobalAlias);
        }

        var positions = ImmutableArray.CreateBuilder<int>();
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is "ModelBuilder" or "EntityTypeBuilder" && token.Parent is SimpleNameSyntax)
            {
                positions.Add(token.SpanStart);
            }
        }

        return new TreeMentions(positions.ToImmutable(), hasAlias, hasGlobalAlias);
    }

    private sealed class TreeMentions
    {
        public TreeMentions(ImmutableArray<int> namePositions, bool hasAlias, bool hasGlobalAlias)
        {
            NamePositions = namePositions;
            HasAlias = hasAlias;
            HasGlobalAlias = hasGlobalAlias;
        }

        public ImmutableArray<int> NamePositions { get; }

        public bool HasAlias { get; }

        public bool HasGlobalAlias { get; }
    }
}
