using System.Collections.Immutable;
using System.Text;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Splits PostgreSQL text into tokens following the server's lexical rules, so that a comment, a string
/// constant or a quoted identifier that happens to contain <c>team_id</c> or <c>CONCURRENTLY</c> is never
/// read as a column or a keyword. Never throws: text it does not understand (an unterminated string) ends
/// in a token that covers the rest.
/// </summary>
internal static class SqlTokenizer
{
    private const string OperatorCharacters = "+-*/<>=~!@#%^&|`?";

    public static ImmutableArray<SqlToken> Tokenize(string text)
    {
        var tokens = ImmutableArray.CreateBuilder<SqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && next == '-')
            {
                i = SkipLineComment(text, i);
            }
            else if (c == '/' && next == '*')
            {
                i = SkipBlockComment(text, i);
            }
            else if (c == '\'')
            {
                i = ReadQuotedString(text, i, i, backslashEscapes: false, tokens);
            }
            else if ((c is 'E' or 'e') && next == '\'')
            {
                i = ReadQuotedString(text, i, i + 1, backslashEscapes: true, tokens);
            }
            else if ((c is 'B' or 'b' or 'X' or 'x' or 'N' or 'n') && next == '\'')
            {
                i = ReadQuotedString(text, i, i + 1, backslashEscapes: false, tokens);
            }
            else if ((c is 'U' or 'u') && next == '&' && i + 2 < text.Length && text[i + 2] is '\'' or '"')
            {
                i = text[i + 2] == '\''
                    ? ReadQuotedString(text, i, i + 2, backslashEscapes: false, tokens)
                    : ReadQuotedIdentifier(text, i, i + 2, tokens);
            }
            else if (c == '"')
            {
                i = ReadQuotedIdentifier(text, i, i, tokens);
            }
            else if (c == '$' && char.IsDigit(next))
            {
                i = ReadWhile(text, i, i + 1, char.IsDigit, SqlTokenKind.Parameter, tokens);
            }
            else if (c == '$' && TryReadDollarQuote(text, i, tokens, out var afterDollar))
            {
                i = afterDollar;
            }
            else if (c == '@' && IsIdentifierStart(next))
            {
                i = ReadWhile(text, i, i + 1, IsIdentifierPart, SqlTokenKind.Parameter, tokens);
            }
            else if (c == '{' && TryReadPlaceholder(text, i, tokens, out var afterPlaceholder))
            {
                i = afterPlaceholder;
            }
            else if (IsIdentifierStart(c))
            {
                i = ReadWhile(text, i, i + 1, IsIdentifierPart, SqlTokenKind.Word, tokens);
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(next)))
            {
                i = ReadNumber(text, i, tokens);
            }
            else if (c == ':' && next == ':')
            {
                Add(tokens, SqlTokenKind.Operator, text, i, i + 2);
                i += 2;
            }
            else if (c is '(' or ')' or '[' or ']' or ',' or ';' or '.' or ':')
            {
                Add(tokens, SqlTokenKind.Punctuation, text, i, i + 1);
                i++;
            }
            else if (OperatorCharacters.IndexOf(c) >= 0)
            {
                i = ReadOperator(text, i, tokens);
            }
            else
            {
                // Anything else (a stray '{', '}', '\\'): one character of its own, never a name.
                Add(tokens, SqlTokenKind.Operator, text, i, i + 1);
                i++;
            }
        }

        return tokens.ToImmutable();
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    private static int SkipLineComment(string text, int start)
    {
        var i = start + 2;
        while (i < text.Length && text[i] != '\n' && text[i] != '\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>PostgreSQL block comments nest: <c>/* a /* b */ still comment */</c>.</summary>
    private static int SkipBlockComment(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    /// <summary><c>'…'</c> with <c>''</c> for a quote; in <c>E'…'</c> also <c>\'</c> and <c>\\</c>.</summary>
    private static int ReadQuotedString(string text, int start, int quote, bool backslashEscapes, ImmutableArray<SqlToken>.Builder tokens)
    {
        var value = new StringBuilder();
        var i = quote + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (backslashEscapes && c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                }
                else
                {
                    i++;
                    break;
                }
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        tokens.Add(new SqlToken(SqlTokenKind.String, start, i - start, text.Substring(start, i - start), value.ToString()));
        return i;
    }

    private static int ReadQuotedIdentifier(string text, int start, int quote, ImmutableArray<SqlToken>.Builder tokens)
    {
        var value = new StringBuilder();
        var i = quote + 1;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            value.Append(text[i]);
            i++;
        }

        tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, start, i - start, text.Substring(start, i - start), value.ToString()));
        return i;
    }

    /// <summary><c>$$…$$</c> or <c>$tag$…$tag$</c>; the tag is an identifier without <c>$</c>.</summary>
    private static bool TryReadDollarQuote(string text, int start, ImmutableArray<SqlToken>.Builder tokens, out int end)
    {
        end = start;
        var i = start + 1;
        if (i < text.Length && IsIdentifierStart(text[i]))
        {
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }
        }

        if (i >= text.Length || text[i] != '$')
        {
            return false;
        }

        var delimiter = text.Substring(start, i + 1 - start);
        var bodyStart = i + 1;
        var close = text.IndexOf(delimiter, bodyStart, System.StringComparison.Ordinal);
        end = close < 0 ? text.Length : close + delimiter.Length;
        var value = close < 0 ? text.Substring(bodyStart) : text.Substring(bodyStart, close - bodyStart);
        tokens.Add(new SqlToken(SqlTokenKind.String, start, end - start, text.Substring(start, end - start), value));
        return true;
    }

    /// <summary>EF Core's <c>{0}</c> placeholders (FromSqlRaw, ExecuteSqlRaw) and interpolation holes.</summary>
    private static bool TryReadPlaceholder(string text, int start, ImmutableArray<SqlToken>.Builder tokens, out int end)
    {
        end = start;
        var i = start + 1;
        while (i < text.Length && char.IsDigit(text[i]))
        {
            i++;
        }

        if (i == start + 1 || i >= text.Length || text[i] != '}')
        {
            return false;
        }

        end = i + 1;
        Add(tokens, SqlTokenKind.Parameter, text, start, end);
        return true;
    }

    private static int ReadNumber(string text, int start, ImmutableArray<SqlToken>.Builder tokens)
    {
        var i = start;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.' && !(i + 1 < text.Length && text[i + 1] == '.'))
        {
            i++;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        Add(tokens, SqlTokenKind.Number, text, start, i);
        return i;
    }

    /// <summary>
    /// The longest run of operator characters, except that a comment start ends it and, as in the server,
    /// a multi-character operator ending in <c>+</c> or <c>-</c> gives that sign back (<c>=-1</c> is <c>=</c>, <c>-1</c>).
    /// </summary>
    private static int ReadOperator(string text, int start, ImmutableArray<SqlToken>.Builder tokens)
    {
        var i = start;
        while (i < text.Length && OperatorCharacters.IndexOf(text[i]) >= 0)
        {
            if (i > start && ((text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-') || (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')))
            {
                break;
            }

            i++;
        }

        var operatorText = text.Substring(start, i - start);
        if (operatorText.Length > 1 && operatorText[operatorText.Length - 1] is '+' or '-' && operatorText.IndexOfAny("~!@#%^&|`?".ToCharArray()) < 0)
        {
            while (i - start > 1 && text[i - 1] is '+' or '-')
            {
                i--;
            }
        }

        Add(tokens, SqlTokenKind.Operator, text, start, i);
        return i;
    }

    private static int ReadWhile(string text, int start, int from, System.Func<char, bool> accept, SqlTokenKind kind, ImmutableArray<SqlToken>.Builder tokens)
    {
        var i = from;
        while (i < text.Length && accept(text[i]))
        {
            i++;
        }

        Add(tokens, kind, text, start, i);
        return i;
    }

    private static void Add(ImmutableArray<SqlToken>.Builder tokens, SqlTokenKind kind, string text, int start, int end)
    {
        var tokenText = text.Substring(start, end - start);
        tokens.Add(new SqlToken(kind, start, end - start, tokenText, tokenText));
    }
}
