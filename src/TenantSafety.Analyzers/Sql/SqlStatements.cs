using System.Collections.Generic;
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
        var statements = ImmutableArray.CreateBuilder<SqlStatement>();
        var current = new List<SqlToken>();
        var depth = 0;
        foreach (var token in tokens)
        {
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
                if (current.Count > 0)
                {
                    statements.Add(new SqlStatement(current.ToImmutableArray()));
                    current.Clear();
                }

                continue;
            }

            current.Add(token);
        }

        if (current.Count > 0)
        {
            statements.Add(new SqlStatement(current.ToImmutableArray()));
        }

        return statements.ToImmutable();
    }
}
