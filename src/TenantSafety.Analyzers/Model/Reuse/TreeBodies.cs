using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// The bodies of a file in document order: the blocks and expression bodies of its methods, accessors and properties,
/// and its top-level statements, which no other code binds to (<see cref="DeclarationFingerprint"/> leaves them out).
/// Two files with the same declarations have the same bodies in the same order, so a body is named across the IDE's
/// compilations by its index. Bodies do not nest (a lambda or local function is part of the body it is written in).
/// </summary>
internal sealed class TreeBodies
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeBodies> s_byTree = new();

    private TreeBodies(ImmutableArray<SyntaxNode> nodes)
    {
        Nodes = nodes;
    }

    public ImmutableArray<SyntaxNode> Nodes { get; }

    public static TreeBodies Of(SyntaxTree tree) =>
        s_byTree.GetValue(tree, t => new TreeBodies(t.GetRoot().DescendantNodes(descendIntoChildren: node => !IsBody(node)).Where(IsBody).ToImmutableArray()));

    /// <summary>A body no other code binds to: a block or expression body of a method, accessor, property, indexer or operator, or a top-level statement.</summary>
    public static bool IsBody(SyntaxNode node) =>
        node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
            ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax } => true,
            GlobalStatementSyntax => true,
            _ => false,
        };

    /// <summary>The index of the body whose span contains <paramref name="span"/>; -1 when it is outside every body.</summary>
    public int IndexContaining(TextSpan span)
    {
        var index = IndexContaining(span.Start);
        return index >= 0 && Nodes[index].Span.Contains(span) ? index : -1;
    }

    /// <summary>The indexes of the bodies inside <paramref name="span"/> (a declaration's: the bodies of its method or accessors).</summary>
    public ImmutableArray<int> IndexesWithin(TextSpan span)
    {
        var result = ImmutableArray.CreateBuilder<int>();
        for (var index = FirstStartingAtOrAfter(span.Start); index < Nodes.Length && Nodes[index].SpanStart < span.End; index++)
        {
            if (span.Contains(Nodes[index].Span))
            {
                result.Add(index);
            }
        }

        return result.ToImmutable();
    }

    private int IndexContaining(int position)
    {
        var index = FirstStartingAtOrAfter(position + 1) - 1;
        return index >= 0 && Nodes[index].Span.Contains(position) ? index : -1;
    }

    /// <summary>The first body starting at or after <paramref name="position"/> (binary search: bodies are in document order).</summary>
    private int FirstStartingAtOrAfter(int position)
    {
        int low = 0, high = Nodes.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Nodes[middle].SpanStart < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
