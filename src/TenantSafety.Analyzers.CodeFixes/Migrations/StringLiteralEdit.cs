using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TenantSafety.Analyzers.CodeFixes.Migrations;

/// <summary>
/// Inserts text into the value of a C# string literal (regular, verbatim or raw) while keeping the literal as
/// the author wrote it: escapes, line breaks and indentation stay.
/// </summary>
internal static class StringLiteralEdit
{
    /// <summary>
    /// Inserts <paramref name="insertion"/> at <paramref name="valueOffset"/>, which must directly follow the word
    /// <paramref name="precedingWord"/> in the value. Null when the literal cannot be edited that way.
    /// </summary>
    public static LiteralExpressionSyntax? InsertAfterWord(LiteralExpressionSyntax literal, int valueOffset, string precedingWord, string insertion)
    {
        var value = literal.Token.ValueText;
        var source = literal.Token.Text;
        if (valueOffset < precedingWord.Length || valueOffset > value.Length
            || string.Compare(value, valueOffset - precedingWord.Length, precedingWord, 0, precedingWord.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return null;
        }

        // Escapes never produce or hide letters, so the n-th occurrence of the word in the value is the n-th in the source.
        var occurrence = CountOccurrences(value, precedingWord, valueOffset);
        var sourceEnd = FindOccurrenceEnd(source, precedingWord, occurrence);
        if (sourceEnd < 0)
        {
            return null;
        }

        var newSource = source.Insert(sourceEnd, insertion);
        if (SyntaxFactory.ParseExpression(newSource) is not LiteralExpressionSyntax parsed
            || parsed.ContainsDiagnostics
            || parsed.Token.ValueText != value.Insert(valueOffset, insertion))
        {
            // A \u escape spelled part of the word: leave the literal alone.
            return null;
        }

        return parsed.WithTriviaFrom(literal);
    }

    /// <summary>How many occurrences of <paramref name="word"/> end at or before <paramref name="end"/>.</summary>
    private static int CountOccurrences(string text, string word, int end)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0 && i + word.Length <= end; i = text.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    private static int FindOccurrenceEnd(string text, string word, int occurrence)
    {
        var i = -1;
        for (var n = 0; n < occurrence; n++)
        {
            i = text.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return -1;
            }
        }

        return i < 0 ? -1 : i + word.Length;
    }

    public static bool IsStringLiteral(SyntaxNode? node) => node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression);
}
