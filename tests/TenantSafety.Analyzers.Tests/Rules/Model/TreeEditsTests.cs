using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// How a reading of one compilation's trees carries over to the next (<see cref="TreeEdits"/>): the IDE's successor text
/// records its own edits, a text parsed anew (a reload, or two edits of one original) is compared tree to tree, and both
/// ways keep exactly what no edit touched.
/// </summary>
public sealed class TreeEditsTests
{
    private const string Context = """
        namespace Crm;

        public class Lead { public int TeamId { get; set; } }

        public class LeadConfiguration
        {
            public void Configure()
            {
                var columns = 2;
            }
        }
        """;

    public enum Successor
    {
        /// <summary>The IDE's keystroke: the new text is the old one with the edit applied, and knows it.</summary>
        EditedText,

        /// <summary>The same new content parsed from a text that shares no history with the old one.</summary>
        UnrelatedText,
    }

    [Theory]
    [InlineData(Successor.EditedText)]
    [InlineData(Successor.UnrelatedText)]
    public void An_edit_after_what_was_read_keeps_it_in_place(Successor successor)
    {
        var (compilation, tree) = Compile();
        var read = ReadConfigure(tree);
        var edited = EditTree(compilation, tree, new TextChange(new TextSpan(Context.Length, 0), "\n// typed\n"), successor);

        var edits = TreeEdits.Between(Reading(tree, read.Span), edited);

        Assert.NotNull(edits);
        var moved = edits.Map(read.GetReference());
        Assert.Equal(read.Span, moved.Span);
        Assert.Equal("Configure", ((MethodDeclarationSyntax)moved.GetSyntax()).Identifier.Text);
        Assert.Same(edited.SyntaxTrees.Single(), moved.SyntaxTree);
    }

    [Theory]
    [InlineData(Successor.EditedText)]
    [InlineData(Successor.UnrelatedText)]
    public void An_edit_before_what_was_read_moves_it_by_the_length_typed(Successor successor)
    {
        var (compilation, tree) = Compile();
        var read = ReadConfigure(tree);
        const string Typed = "// Leads come from campaigns.\n";
        var classStart = Context.IndexOf("public class Lead", System.StringComparison.Ordinal);
        var edited = EditTree(compilation, tree, new TextChange(new TextSpan(classStart, 0), Typed), successor);

        var edits = TreeEdits.Between(Reading(tree, read.Span), edited);

        Assert.NotNull(edits);
        var moved = edits.Map(read.GetReference());
        Assert.Equal(read.SpanStart + Typed.Length, moved.Span.Start);
        Assert.Equal(read.ToString(), moved.GetSyntax().ToString());
    }

    [Theory]
    [InlineData(Successor.EditedText)]
    [InlineData(Successor.UnrelatedText)]
    public void An_edit_inside_what_was_read_keeps_nothing(Successor successor)
    {
        var (compilation, tree) = Compile();
        var read = ReadConfigure(tree);
        var two = Context.IndexOf("= 2;", System.StringComparison.Ordinal) + 2;
        var edited = EditTree(compilation, tree, new TextChange(new TextSpan(two, 1), "3"), successor);

        Assert.Null(TreeEdits.Between(Reading(tree, read.Span), edited));
    }

    [Fact]
    public void Several_keystrokes_since_the_reading_add_up()
    {
        var (compilation, tree) = Compile();
        var read = ReadConfigure(tree);
        var classStart = Context.IndexOf("public class Lead", System.StringComparison.Ordinal);
        var once = EditTree(compilation, tree, new TextChange(new TextSpan(classStart, 0), "// a\n"), Successor.EditedText);
        var twice = EditTree(once, once.SyntaxTrees.Single(), new TextChange(new TextSpan(0, 0), "// bc\n"), Successor.EditedText);

        var edits = TreeEdits.Between(Reading(tree, read.Span), twice);

        Assert.NotNull(edits);
        Assert.Equal(read.SpanStart + "// a\n".Length + "// bc\n".Length, edits.Map(read.GetReference()).Span.Start);
    }

    [Fact]
    public void Two_edits_of_one_original_are_compared_tree_to_tree()
    {
        // The reading was made on one edit of the file and the next compilation holds another edit of the same original:
        // neither text is the other's history, so what changed between them is found by comparing the trees.
        var (compilation, tree) = Compile();
        var first = EditTree(compilation, tree, new TextChange(new TextSpan(Context.Length, 0), "\n// first\n"), Successor.EditedText);
        var firstTree = first.SyntaxTrees.Single();
        var read = ReadConfigure(firstTree);
        var second = EditTree(compilation, tree, new TextChange(new TextSpan(0, 0), "// second\n"), Successor.EditedText);

        var edits = TreeEdits.Between(Reading(firstTree, read.Span), second);

        Assert.NotNull(edits);
        var moved = edits.Map(read.GetReference());
        Assert.Equal(read.SpanStart + "// second\n".Length, moved.Span.Start);
        Assert.Equal(read.ToString(), moved.GetSyntax().ToString());
    }

    [Fact]
    public void A_file_gone_keeps_nothing()
    {
        var (compilation, tree) = Compile();
        var read = ReadConfigure(tree);

        Assert.Null(TreeEdits.Between(Reading(tree, read.Span), compilation.RemoveSyntaxTrees(tree)));
    }

    private static (Compilation Compilation, SyntaxTree Tree) Compile()
    {
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(Context), path: "/0/LeadConfiguration.cs");
        var compilation = CSharpCompilation.Create("Edits", [tree], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);
        return (compilation, tree);
    }

    private static MethodDeclarationSyntax ReadConfigure(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(method => method.Identifier.Text == "Configure");

    private static IReadOnlyDictionary<SyntaxTree, ImmutableArray<TextSpan>> Reading(SyntaxTree tree, TextSpan span) =>
        new Dictionary<SyntaxTree, ImmutableArray<TextSpan>> { [tree] = [span] };

    private static Compilation EditTree(Compilation compilation, SyntaxTree tree, TextChange change, Successor successor)
    {
        var text = tree.GetText().WithChanges(change);
        var newText = successor == Successor.EditedText ? text : SourceText.From(text.ToString());
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(newText));
    }
}
