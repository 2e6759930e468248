using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Sql;

/// <summary>One statement of a SQL text: its tokens, without the terminating <c>;</c>.</summary>
internal sealed record SqlStatement(ImmutableArray<SqlToken> Tokens)
{
    public bool IsEmpty => Tokens.IsEmpty;

    /// <summary>The first token is the unquoted keyword <paramref name="keyword"/>.</summary>
    public bool StartsWith(string keyword) => !Tokens.IsEmpty && Tokens[0].IsKeyword(keyword);
}

internal static class SqlStatements
{
    /// <summary>The non-empty statements of <paramref name="text"/>, split on <c>;</c> outside parentheses.</summary>
    public static ImmutableArray<SqlStatement> Split(string text) => Split(SqlTokenizer.Tokenize(text));

    public static ImmutableArray<SqlStatement> Split(ImmutableArray<SqlToken> tokens)
    {
        var statements = ImmutableArray.CreateBuilder<SqlStatement>(1);
        var start = 0;
        var depth = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.IsPunctuation('('))
            {
                depth++;
            }
            else if (token.IsPunctuation(')') && depth > 0)
            {
                depth--;
            }
            else if (token.IsPunctuation(';') && depth == 0)
            {
                AddStatement(statements, tokens, start, i);
                start = i + 1;
            }
        }

        AddStatement(statements, tokens, start, tokens.Length);
        return statements.Count == statements.Capacity ? statements.MoveToImmutable() : statements.ToImmutable();
    }

    /// <summary>The tokens from <paramref name="start"/> up to <paramref name="end"/>, unless none; the whole text's tokens are not copied.</summary>
    private static void AddStatement(ImmutableArray<SqlStatement>.Builder statements, ImmutableArray<SqlToken> tokens, int start, int end)
    {
        if (end > start)
        {
            statements.Add(new SqlStatement(start == 0 && end == tokens.Length ? tokens : ImmutableArray.Create(tokens, start, end - start)));
        }
    }
}
