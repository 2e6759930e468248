using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// How the syntax trees something was read from became the trees of a new compilation: the same tree, or its edited
/// successor (the same file path) whose edits all lie outside what was read. Syntax references into an edited tree are
/// moved to its successor, shifted by the edits before them. The IDE edits one file per keystroke, so a comment or a
/// method body typed in a file the model read keeps everything read from the rest of that file.
/// </summary>
internal sealed class TreeEdits
{
    private readonly Dictionary<SyntaxTree, (SyntaxTree Successor, IReadOnlyList<TextChangeRange> Changes)> _edited;

    private TreeEdits(Dictionary<SyntaxTree, (SyntaxTree, IReadOnlyList<TextChangeRange>)> edited)
    {
        _edited = edited;
    }

    /// <summary>
    /// The edits from the trees of <paramref name="read"/> to those of <paramref name="compilation"/>; null when a tree
    /// is gone, or an edit touches a span that was read.
    /// </summary>
    public static TreeEdits? Between(IReadOnlyDictionary<SyntaxTree, ImmutableArray<TextSpan>> read, Compilation compilation)
    {
        var edited = new Dictionary<SyntaxTree, (SyntaxTree, IReadOnlyList<TextChangeRange>)>();
        Dictionary<string, SyntaxTree>? byPath = null;
        foreach (var pair in read)
        {
            if (compilation.ContainsSyntaxTree(pair.Key))
            {
                continue;
            }

            byPath ??= TreesByPath(compilation);
            if (pair.Key.FilePath.Length == 0 || !byPath.TryGetValue(pair.Key.FilePath, out var successor))
            {
                return null;
            }

            var changes = ChangesBetween(pair.Key, successor);
            if (changes.Any(change => pair.Value.Any(span => change.Span.IntersectsWith(span))))
            {
                return null;
            }

            edited.Add(pair.Key, (successor, changes));
        }

        return new TreeEdits(edited);
    }

    /// <summary>The reference in the new compilation: itself when its tree is unchanged, else moved to the successor tree.</summary>
    public SyntaxReference Map(SyntaxReference reference)
    {
        if (!_edited.TryGetValue(reference.SyntaxTree, out var edit))
        {
            return reference;
        }

        var shift = 0;
        foreach (var change in edit.Changes)
        {
            if (change.Span.End <= reference.Span.Start)
            {
                shift += change.NewLength - change.Span.Length;
            }
        }

        return new MovedSyntaxReference(reference, edit.Successor, new TextSpan(reference.Span.Start + shift, reference.Span.Length));
    }

    /// <summary>
    /// What was edited from <paramref name="tree"/> to <paramref name="successor"/>: the text's own record of the edits when
    /// the successor's text was made from the old one (as the IDE makes it after a keystroke), else a diff of the two trees,
    /// which walks both of them (milliseconds for a large file, after every keystroke).
    /// </summary>
    private static IReadOnlyList<TextChangeRange> ChangesBetween(SyntaxTree tree, SyntaxTree successor)
    {
        if (tree.TryGetText(out var oldText) && successor.TryGetText(out var newText))
        {
            var ranges = newText.GetChangeRanges(oldText);

            // Texts with no recorded history between them come back as one change of everything.
            var unrelated = ranges.Count == 1 && ranges[0].Span == new TextSpan(0, oldText.Length) && oldText.Length > 0;
            if (!unrelated)
            {
                return ranges;
            }
        }

        return successor.GetChanges(tree).Select(change => new TextChangeRange(change.Span, change.NewText!.Length)).ToList();
    }

    private static Dictionary<string, SyntaxTree> TreesByPath(Compilation compilation)
    {
        // Two trees with one path cannot be told apart: neither is anyone's successor.
        var byPath = new Dictionary<string, SyntaxTree>();
        HashSet<string>? shared = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var path = tree.FilePath;
            if (path.Length == 0 || shared?.Contains(path) == true)
            {
                continue;
            }

            if (byPath.Remove(path))
            {
                (shared ??= new HashSet<string>()).Add(path);
            }
            else
            {
                byPath.Add(path, tree);
            }
        }

        return byPath;
    }

    /// <summary>A node of an edited tree found by its moved span and its kind, when first asked for.</summary>
    private sealed class MovedSyntaxReference : SyntaxReference
    {
        private readonly SyntaxReference _original;
        private SyntaxNode? _node;

        public MovedSyntaxReference(SyntaxReference original, SyntaxTree tree, TextSpan span)
        {
            _original = original;
            SyntaxTree = tree;
            Span = span;
        }

        public override SyntaxTree SyntaxTree { get; }

        public override TextSpan Span { get; }

        public override SyntaxNode GetSyntax(System.Threading.CancellationToken cancellationToken = default)
        {
            if (_node is null)
            {
                var kind = _original.GetSyntax(cancellationToken).RawKind;
                var node = SyntaxTree.GetRoot(cancellationToken).FindNode(Span, getInnermostNodeForTie: true);
                while (node.Parent is not null && (node.Span != Span || node.RawKind != kind))
                {
                    node = node.Parent;
                }

                _node = node;
            }

            return _node;
        }
    }
}
