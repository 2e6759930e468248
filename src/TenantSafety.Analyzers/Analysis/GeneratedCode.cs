using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// Whether a finding's location is in generated code, decided as the analyzer driver decides it for an analyzer that
/// does not report there: a generated file (<c>generated_code</c> in .editorconfig, else a <c>.g.cs</c>/<c>.designer.cs</c>
/// style name or an <c>&lt;auto-generated&gt;</c> header), a <c>#line hidden</c> region, or a declaration marked
/// <c>[GeneratedCode]</c> (or inside one). The rules tell the driver they filter this themselves
/// (<see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>) because the driver's own check walks every token of each
/// file a finding is reported in, looking for the attribute's name (about 250 ms of a 4× build, 20 ms of a
/// keystroke in a query-heavy file); here a text search of the file stands in for that walk, and only a file whose
/// text can name the attribute has its enclosing declarations resolved.
/// </summary>
internal sealed class GeneratedCode
{
    private const string AttributeName = "GeneratedCode";

    /// <summary>What a file's text and syntax say, whatever the compilation: kept with the tree, which the IDE reuses.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> s_trees = new();

    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly SemanticModelCache _models;
    private readonly Lazy<INamedTypeSymbol?> _attribute;

    public GeneratedCode(Compilation compilation, AnalyzerConfigOptionsProvider options, SemanticModelCache models)
    {
        _options = options;
        _models = models;
        _attribute = new Lazy<INamedTypeSymbol?>(() => EfSymbols.TypeNamed(compilation, "System.CodeDom.Compiler.GeneratedCodeAttribute"), LazyThreadSafetyMode.PublicationOnly);
    }

    public bool Contains(Location location, CancellationToken cancellationToken)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree)
        {
            return false;
        }

        var facts = s_trees.GetValue(tree, TreeFacts.Read);
        if (IsGeneratedFile(tree, facts))
        {
            return true;
        }

        var position = location.SourceSpan.Start;
        if (facts.HasHiddenRegions && tree.GetLineVisibility(position, cancellationToken) is LineVisibility.Hidden or LineVisibility.BeforeFirstLineDirective)
        {
            return true;
        }

        return facts.NamesAttribute && _attribute.Value is { } attribute && IsInsideMarkedDeclaration(tree, location.SourceSpan, attribute, cancellationToken);
    }

    /// <summary>An explicit <c>generated_code = true|false</c> wins over the file's name and header.</summary>
    private bool IsGeneratedFile(SyntaxTree tree, TreeFacts facts) =>
        _options.GetOptions(tree).TryGetValue("generated_code", out var value) && bool.TryParse(value, out var configured)
            ? configured
            : facts.IsGeneratedByNameOrHeader;

    private bool IsInsideMarkedDeclaration(SyntaxTree tree, TextSpan span, INamedTypeSymbol attribute, CancellationToken cancellationToken)
    {
        if (_models.Get(tree) is not { } model)
        {
            return false;
        }

        // The enclosing declarations, innermost first; a field declaration declares one symbol per variable.
        for (var node = tree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseFieldDeclarationSyntax field)
            {
                if (field.Declaration.Variables.Any(variable => IsMarked(model.GetDeclaredSymbol(variable, cancellationToken), attribute)))
                {
                    return true;
                }
            }
            else if (IsMarked(model.GetDeclaredSymbol(node, cancellationToken), attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The symbol or a type containing it carries the attribute. As for the driver, a namespace cannot, and a symbol
    /// declared in several parts (a partial type) is never generated code, nor is anything inside it: one part may
    /// be a tool's and another written by hand.
    /// </summary>
    private static bool IsMarked(ISymbol? symbol, INamedTypeSymbol attribute)
    {
        for (; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaringSyntaxReferences.Length > 1)
            {
                return false;
            }

            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <param name="IsGeneratedByNameOrHeader">A generated file by its name or its <c>&lt;auto-generated&gt;</c> header.</param>
    /// <param name="HasHiddenRegions">The file has <c>#line hidden</c> regions.</param>
    /// <param name="NamesAttribute">
    /// A token of the file is named <c>GeneratedCode</c> or <c>GeneratedCodeAttribute</c>, the driver's condition for
    /// looking up the file's declarations (an alias declared in another file hides the attribute from both).
    /// </param>
    private sealed record TreeFacts(bool IsGeneratedByNameOrHeader, bool HasHiddenRegions, bool NamesAttribute)
    {
        private static readonly string[] s_generatedNameSuffixes = [".designer", ".generated", ".g", ".g.i"];

        public static TreeFacts Read(SyntaxTree tree)
        {
            return new TreeFacts(HasGeneratedName(tree.FilePath) || BeginsWithGeneratedHeader(tree), tree.HasHiddenRegions(), HasTokenNamingAttribute(tree));
        }

        /// <summary>
        /// Only a file whose text spells the name, or has a Unicode escape that could (<c>Generated\u0043ode</c>), has its
        /// tokens walked: the walk the driver makes of every file reported in.
        /// </summary>
        private static bool HasTokenNamingAttribute(SyntaxTree tree) =>
            tree.GetText().ToString() is var text
            && (text.IndexOf(AttributeName, StringComparison.Ordinal) >= 0 || text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
            && tree.GetRoot().DescendantTokens().Any(token => token.ValueText is AttributeName or AttributeName + "Attribute");

        private static bool HasGeneratedName(string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return false;
            }

            var fileName = path.Substring(path.LastIndexOfAny(['/', '\\']) + 1);
            if (fileName.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var dot = fileName.LastIndexOf('.');
            if (dot <= 0)
            {
                return false;
            }

            var withoutExtension = fileName.Substring(0, dot);
            return s_generatedNameSuffixes.Any(suffix => withoutExtension.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        }

        private static bool BeginsWithGeneratedHeader(SyntaxTree tree)
        {
            foreach (var trivia in tree.GetRoot().GetLeadingTrivia())
            {
                if ((trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    && trivia.ToString() is var comment
                    && (comment.IndexOf("<autogenerated", StringComparison.Ordinal) >= 0 || comment.IndexOf("<auto-generated", StringComparison.Ordinal) >= 0))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
