using System;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Ordinal search of a file's text without materializing it as one string: the pre-checks that spare walking a
/// file's syntax run on every file of every build, and <c>SourceText.ToString()</c> copied each whole file for them.
/// </summary>
internal static class SourceTextSearch
{
    private const int ChunkLength = 8192;

    public static bool Contains(SourceText text, string value) => ContainsAny(text, value);

    /// <summary>Whether the text contains any of <paramref name="values"/> (none empty), in one pass.</summary>
    public static bool ContainsAny(SourceText text, params string[] values)
    {
        var longest = 0;
        foreach (var value in values)
        {
            longest = Math.Max(longest, value.Length);
        }

        // Chunks overlap by the longest value's length less one, so a match across a chunk boundary is still found.
        var overlap = longest - 1;
        var buffer = new char[ChunkLength + overlap];
        for (var start = 0; start < text.Length; start += ChunkLength)
        {
            var count = Math.Min(ChunkLength + overlap, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var chunk = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var value in values)
            {
                if (chunk.IndexOf(value.AsSpan()) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
