using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The calls <c>receiver.Name(…)</c> of a file whose method name a rule asks for (TSA2002's execution points, TSA2004's
/// <c>HasIndex</c>, TSA1006's <c>SetProperty</c>, TSA1008 and TSA1009's <c>HasQueryFilter</c>), found by one pass over the file's text
/// and resolved with <c>FindToken</c>, so that no syntax node or operation of the file is visited for them. Most bodies of
/// a file call none; a walk of every body's operations was a tenth of TenantSafety's time in a build (thirty-fifth
/// session's profile), a walk of every syntax node more (4cf8e44), and an operation action on every invocation costs the
/// driver a walk of every body per rule.
/// </summary>
internal static class NamedCalls
{
    /// <summary>
    /// The calls <see cref="In"/> finds, or where the text cannot tell, every call <c>receiver.Name(…)</c> of the file's syntax
    /// whose name <paramref name="isName"/> accepts.
    /// </summary>
    public static IReadOnlyList<InvocationExpressionSyntax> InFile(SyntaxTree tree, Func<string, int, int, bool> isName, CancellationToken cancellationToken) =>
        In(tree, isName, cancellationToken)
        ?? tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } && isName(name, 0, name.Length))
            .ToList();

    /// <summary>
    /// The calls whose method name <paramref name="isName"/> accepts (given a text, a start and a length), in source order;
    /// null when the text cannot tell (a Unicode escape, <c>\u0054oList</c>, can spell a name no search of the text finds),
    /// for the caller to walk the operations instead.
    /// </summary>
    public static IReadOnlyList<InvocationExpressionSyntax>? In(SyntaxTree tree, Func<string, int, int, bool> isName, CancellationToken cancellationToken)
    {
        // Most files' text is one string already, handed back uncopied; a large file's text (and the IDE's edited one) is copied once.
        var text = tree.GetText(cancellationToken).ToString();
        if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        SyntaxNode? root = null;
        var calls = new List<InvocationExpressionSyntax>();
        for (var start = 0; start < text.Length;)
        {
            if (!SyntaxFacts.IsIdentifierPartCharacter(text[start]))
            {
                start++;
                continue;
            }

            // A whole run of identifier characters: "xToList" or "ToListé" is not "ToList".
            var end = start;
            var ascii = true;
            for (; end < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[end]); end++)
            {
                ascii &= text[end] < 0x80;
            }

            // A run with other characters is asked of its token: a formatting character (a soft hyphen) is no part of the
            // name it stands in, so "To\u00ADList" written with the character itself is the name ToList.
            if (!ascii || isName(text, start, end - start))
            {
                root ??= tree.GetRoot(cancellationToken);
                if (CallNamedAt(root, start, isName) is { } call)
                {
                    calls.Add(call);
                }
            }

            start = end;
        }

        return calls;
    }

    /// <summary>
    /// The call whose member name is the identifier at <paramref name="position"/>: none for a name in a comment, a string
    /// or disabled code (the token found there is not an identifier that holds the position), or a name that is not the
    /// method of a call on a receiver.
    /// </summary>
    private static InvocationExpressionSyntax? CallNamedAt(SyntaxNode root, int position, Func<string, int, int, bool> isName)
    {
        var token = root.FindToken(position);
        return token.IsKind(SyntaxKind.IdentifierToken)
            && token.Span.Contains(position)
            && token.Parent is SimpleNameSyntax name
            && name.Parent is MemberAccessExpressionSyntax access
            && access.Name == name
            && access.Parent is InvocationExpressionSyntax call
            && call.Expression == access
            && isName(token.ValueText, 0, token.ValueText.Length)
                ? call
                : null;
    }
}
