using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Sql;

/// <summary>The tokens of one statement with their parentheses matched: what the parser and the condition reader walk.</summary>
internal sealed class SqlTokenList
{
    private readonly ImmutableArray<SqlToken> _tokens;
    private readonly int[] _match;

    public SqlTokenList(ImmutableArray<SqlToken> tokens)
    {
        _tokens = tokens;
        _match = MatchParentheses(tokens);
    }

    public ImmutableArray<SqlToken> Tokens => _tokens;

    public int Count => _tokens.Length;

    public SqlToken this[int index] => _tokens[index];

    /// <summary>The closing parenthesis of the one at <paramref name="open"/> (the statement's last token when unclosed); any other token is its own match.</summary>
    public int Match(int open) => _match[open];

    /// <summary>Whether a query (<c>SELECT</c>, <c>WITH</c>, <c>VALUES</c>) starts at <paramref name="index"/>, behind any opening parentheses.</summary>
    public bool IsQueryStart(int index)
    {
        while (index < _tokens.Length && _tokens[index].IsPunctuation('('))
        {
            index++;
        }

        return index < _tokens.Length
            && (_tokens[index].IsKeyword("SELECT") || _tokens[index].IsKeyword("WITH") || _tokens[index].IsKeyword("VALUES"));
    }

    /// <summary>The index after the token at <paramref name="index"/>, jumping over a parenthesised group.</summary>
    public int Next(int index) =>
        _tokens[index].IsPunctuation('(') ? _match[index] + 1 : index + 1;

    public bool ContainsTopLevel(int start, int end, Func<SqlToken, bool> predicate)
    {
        for (var k = start; k < end; k = Next(k))
        {
            if (predicate(_tokens[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits [start, end) at top-level clause keywords; the first clause is keyed by its first token.</summary>
    public List<(SqlToken Keyword, int From, int To)> SplitClauses(int start, int end, ImmutableHashSet<string> keywords)
    {
        var clauses = new List<(SqlToken, int, int)>();
        if (start >= end)
        {
            return clauses;
        }

        var keyword = _tokens[start];
        var from = start + 1;
        for (var k = start + 1; k < end; k = Next(k))
        {
            var token = _tokens[k];
            if (token.IsWord && keywords.Contains(token.Text) && !(token.IsKeyword("FROM") && _tokens[k - 1].IsKeyword("DISTINCT")))
            {
                clauses.Add((keyword, from, k));
                keyword = token;
                from = k + 1;
            }
        }

        clauses.Add((keyword, from, end));
        return clauses;
    }

    /// <summary>Top-level AND terms; the AND of <c>BETWEEN a AND b</c> is not one.</summary>
    public List<(int From, int To)> SplitConjuncts(int start, int end)
    {
        var terms = new List<(int, int)>();
        var from = start;
        var between = false;
        for (var k = start; k < end; k = Next(k))
        {
            var token = _tokens[k];
            if (token.IsKeyword("BETWEEN"))
            {
                between = true;
            }
            else if (token.IsKeyword("AND"))
            {
                if (between)
                {
                    between = false;
                    continue;
                }

                terms.Add((from, k));
                from = k + 1;
            }
        }

        terms.Add((from, end));
        return terms;
    }

    /// <summary>Top-level OR terms.</summary>
    public List<(int From, int To)> SplitDisjuncts(int start, int end)
    {
        var terms = new List<(int, int)>();
        var from = start;
        for (var k = start; k < end; k = Next(k))
        {
            if (_tokens[k].IsKeyword("OR"))
            {
                terms.Add((from, k));
                from = k + 1;
            }
        }

        terms.Add((from, end));
        return terms;
    }

    private static int[] MatchParentheses(ImmutableArray<SqlToken> tokens)
    {
        var match = new int[tokens.Length];
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Length; i++)
        {
            match[i] = i;
            if (tokens[i].IsPunctuation('('))
            {
                open.Push(i);
            }
            else if (tokens[i].IsPunctuation(')') && open.Count > 0)
            {
                match[open.Pop()] = i;
            }
        }

        // An unclosed parenthesis runs to the end of the statement.
        while (open.Count > 0)
        {
            match[open.Pop()] = tokens.Length - 1;
        }

        return match;
    }
}
