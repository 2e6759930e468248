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
/// What each syntax tree says of aliases is cached with the tree, which the IDE reuses across compilations; the names
/// are searched in the text of each declaration asked about (<c>SyntaxExtensions.SimpleNamesSpelled</c>).
/// </summary>
internal static class BuilderTypeMentions
{
    private static readonly string[] s_builderTypeNames = ["ModelBuilder", "EntityTypeBuilder"];
    private static readonly ConditionalWeakTable<SyntaxTree, TreeAliases> s_trees = new();
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
            if (s_trees.GetValue(reference.SyntaxTree, Scan).HasAlias || s_builderTypeNames.Any(name => reference.SyntaxTree.SimpleNamesSpelled(name, reference.Span).Any()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasGlobalAlias(Compilation compilation) =>
        s_globalAliases.GetValue(
            compilation,
            c =>
            {
                foreach (var tree in c.SyntaxTrees)
                {
                    if (s_trees.GetValue(tree, Scan).HasGlobalAlias)
                    {
                        return new StrongBox<bool>(true);
                    }
                }

                return new StrongBox<bool>(false);
            }).Value;

    private static TreeAliases Scan(SyntaxTree tree)
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

        return new TreeAliases(hasAlias, hasGlobalAlias);
    }

    private sealed record TreeAliases(bool HasAlias, bool HasGlobalAlias);
}
