using System;

namespace TenantSafety.Analyzers.Sql;

internal enum SqlTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted identifier (<c>SELECT</c>, <c>team_id</c>).</summary>
    Word,

    /// <summary>A <c>"quoted identifier"</c>; <see cref="SqlToken.Value"/> is its name with <c>""</c> unescaped.</summary>
    QuotedIdentifier,

    /// <summary>A string constant: <c>'…'</c>, <c>E'…'</c>, <c>$$…$$</c>, <c>$tag$…$tag$</c>, <c>B'…'</c>, <c>X'…'</c>.</summary>
    String,

    Number,

    /// <summary>A value supplied at run time: <c>$1</c>, <c>@p0</c>, <c>{0}</c> (EF Core's format placeholders and interpolation holes).</summary>
    Parameter,

    /// <summary>An operator (<c>=</c>, <c>&lt;&gt;</c>, <c>::</c>, <c>||</c> …).</summary>
    Operator,

    /// <summary><c>( ) [ ] , ; . :</c></summary>
    Punctuation,
}

/// <summary>One lexical token of PostgreSQL text. Comments and whitespace produce no token.</summary>
/// <param name="Kind">What kind of token it is.</param>
/// <param name="Start">Offset of the token in the SQL text.</param>
/// <param name="Length">Its length in the SQL text.</param>
/// <param name="Text">The token as written.</param>
/// <param name="Value">What the token means: the name of a quoted identifier, the word itself, the text otherwise.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Text, string Value)
{
    public int End => Start + Length;

    public bool IsWord => Kind == SqlTokenKind.Word;

    /// <summary>A name: an unquoted word or a quoted identifier.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>True for the unquoted keyword <paramref name="keyword"/>, in any case. A quoted <c>"select"</c> is a name, never a keyword.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(char c) => Kind == SqlTokenKind.Punctuation && Text.Length == 1 && Text[0] == c;

    public bool IsOperator(string op) => Kind == SqlTokenKind.Operator && Text == op;

    public override string ToString() => $"{Kind} {Text}";
}
