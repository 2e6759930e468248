using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// The text of one type declaration as other code can bind to it: its tokens with the bodies of its methods, accessors
/// and expression-bodied members left out, after the using directives and namespaces that decide what its member types
/// mean. Two declarations with the same fingerprint declare the same members with the same types, attributes, bases
/// and constants, whatever their comments, white space or method bodies say; so a keystroke in a method body or a
/// comment leaves every reading that depends on the type current. Computed once per declaration and syntax tree.
/// </summary>
internal sealed class DeclarationFingerprint : IEquatable<DeclarationFingerprint>
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<TextSpan, DeclarationFingerprint>> s_byTree = new();
    private static readonly ConditionalWeakTable<SyntaxTree, DeclarationFingerprint> s_ofTree = new();

    private readonly string _text;
    private readonly int _hash;

    private DeclarationFingerprint(string text)
    {
        _text = text;
        _hash = StringComparer.Ordinal.GetHashCode(text);
    }

    public static DeclarationFingerprint Of(SyntaxReference declaration) =>
        s_byTree.GetValue(declaration.SyntaxTree, _ => new ConcurrentDictionary<TextSpan, DeclarationFingerprint>())
            .GetOrAdd(declaration.Span, _ => new DeclarationFingerprint(TextOf(declaration.GetSyntax())));

    /// <summary>
    /// Every declaration of a file: its using directives (global ones included), assembly attributes, namespaces and
    /// types, without bodies. Top-level statements are a body too.
    /// </summary>
    public static DeclarationFingerprint OfTree(SyntaxTree tree) =>
        s_ofTree.GetValue(tree, t =>
        {
            var text = new StringBuilder();
            AppendTokens(text, t.GetRoot());
            return new DeclarationFingerprint(text.ToString());
        });

    public bool Equals(DeclarationFingerprint? other) =>
        other is not null && (ReferenceEquals(this, other) || (other._hash == _hash && string.Equals(other._text, _text, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => Equals(obj as DeclarationFingerprint);

    public override int GetHashCode() => _hash;

    private static string TextOf(SyntaxNode declaration)
    {
        var text = new StringBuilder();
        for (var container = declaration.Parent; container is not null; container = container.Parent)
        {
            switch (container)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    AppendTokens(text, ns.Name);
                    AppendAll(text, ns.Externs);
                    AppendAll(text, ns.Usings);
                    break;
                case CompilationUnitSyntax unit:
                    AppendAll(text, unit.Externs);
                    AppendAll(text, unit.Usings);
                    break;
            }
        }

        text.Append('\n');
        AppendTokens(text, declaration);
        return text.ToString();
    }

    private static void AppendAll<TNode>(StringBuilder text, SyntaxList<TNode> nodes)
        where TNode : SyntaxNode
    {
        foreach (var node in nodes)
        {
            AppendTokens(text, node);
        }
    }

    private static void AppendTokens(StringBuilder text, SyntaxNode node)
    {
        foreach (var token in node.DescendantTokens(descendIntoChildren: child => !TreeBodies.IsBody(child)))
        {
            text.Append(token.Text).Append(' ');
        }
    }
}
