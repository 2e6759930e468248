using System.Collections.Generic;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Reads a WHERE, ON, HAVING or MERGE … ON condition into <see cref="SqlScopeFact"/>s: a column tied to a value
/// (<c>= {0}</c>, <c>= @p</c>, <c>IN (…)</c>, <c>= ANY(…)</c>, <c>IS NOT DISTINCT FROM</c>, a subquery) or two columns
/// equated, in a top-level AND. Subqueries in the condition are the parser's to read.
/// </summary>
internal sealed class SqlConditionReader
{
    private readonly SqlTokenList _tokens;
    private readonly List<SqlScopeFact> _facts;

    public SqlConditionReader(SqlTokenList tokens, List<SqlScopeFact> facts)
    {
        _tokens = tokens;
        _facts = facts;
    }

    /// <summary>Each top-level AND term of [start, end) that ties a column to a value or to another column becomes a fact; terms under OR or NOT say nothing.</summary>
    /// <param name="scope">The query level whose condition it is: only its own tables are filtered by it.</param>
    /// <param name="start">The condition's first token.</param>
    /// <param name="end">The token after the condition.</param>
    /// <param name="nullable">For an outer join's ON: the references it may constrain. Null: all.</param>
    public void Read(SqlQueryScope scope, int start, int end, List<SqlTableReference>? nullable)
    {
        foreach (var (from, to) in _tokens.SplitConjuncts(start, end))
        {
            if (from >= to)
            {
                continue;
            }

            if (_tokens[from].IsPunctuation('(') && _tokens.Match(from) == to - 1 && !_tokens.IsQueryStart(from + 1))
            {
                Read(scope, from + 1, to - 1, nullable);
                continue;
            }

            if (_tokens[from].IsKeyword("NOT") || _tokens.ContainsTopLevel(from, to, t => t.IsKeyword("OR")))
            {
                continue;
            }

            ReadComparison(scope, from, to, nullable);
        }
    }

    private void ReadComparison(SqlQueryScope scope, int from, int to, List<SqlTableReference>? nullable)
    {
        for (var k = from; k < to; k = _tokens.Next(k))
        {
            var token = _tokens[k];
            if (token.IsOperator("="))
            {
                AddEquality(scope, Operand(scope, from, k), Operand(scope, k + 1, to), nullable);
                return;
            }

            // a IS NOT DISTINCT FROM b
            if (token.IsKeyword("IS") && k + 4 <= to && _tokens[k + 1].IsKeyword("NOT") && _tokens[k + 2].IsKeyword("DISTINCT") && _tokens[k + 3].IsKeyword("FROM"))
            {
                AddEquality(scope, Operand(scope, from, k), Operand(scope, k + 4, to), nullable);
                return;
            }

            // a IN (…), not a NOT IN (…)
            if (token.IsKeyword("IN") && !(k > from && _tokens[k - 1].IsKeyword("NOT")) && k + 1 < to && _tokens[k + 1].IsPunctuation('('))
            {
                if (Operand(scope, from, k) is { Column: { } column })
                {
                    _facts.Add(SqlScopeFact.Anchor(scope, column, nullable));
                }

                return;
            }
        }
    }

    private void AddEquality(SqlQueryScope scope, (SqlColumnReference? Column, bool IsValue) left, (SqlColumnReference? Column, bool IsValue) right, List<SqlTableReference>? nullable)
    {
        if (left.Column is not null && right.Column is not null)
        {
            _facts.Add(SqlScopeFact.Equal(scope, left.Column, right.Column, nullable));
        }
        else if (left.Column is not null && right.IsValue)
        {
            _facts.Add(SqlScopeFact.Anchor(scope, left.Column, nullable));
        }
        else if (right.Column is not null && left.IsValue)
        {
            _facts.Add(SqlScopeFact.Anchor(scope, right.Column, nullable));
        }
    }

    /// <summary>One side of a comparison: a bare or qualified column, or a value (parameter, constant, expression, subquery, ANY(…)).</summary>
    private (SqlColumnReference? Column, bool IsValue) Operand(SqlQueryScope scope, int from, int to)
    {
        while (from < to && _tokens[from].IsPunctuation('(') && _tokens.Match(from) == to - 1 && !_tokens.IsQueryStart(from + 1))
        {
            from++;
            to--;
        }

        if (from >= to)
        {
            return default;
        }

        // A cast does not change what is compared: team_id::text, {0}::uuid.
        var end = from;
        while (end < to && !_tokens[end].IsOperator("::"))
        {
            end = _tokens.Next(end);
        }

        var i = from;
        var name = SqlNames.ReadQualifiedName(_tokens.Tokens, ref i);
        if (name is not null && i == end && name.Parts.Length <= 3 && !IsValueKeyword(name))
        {
            var qualifier = name.Parts.Length >= 2 ? name.Parts[name.Parts.Length - 2].Value : null;
            return (new SqlColumnReference(scope, qualifier, name.Name), IsValue: false);
        }

        return (Column: null, IsValue: true);
    }

    private static bool IsValueKeyword(SqlQualifiedName name) =>
        name.Parts.Length == 1 && name.Last.IsWord
        && (name.Last.IsKeyword("NULL") || name.Last.IsKeyword("TRUE") || name.Last.IsKeyword("FALSE") || name.Last.IsKeyword("CURRENT_USER")
            || name.Last.IsKeyword("CURRENT_DATE") || name.Last.IsKeyword("CURRENT_TIMESTAMP") || name.Last.IsKeyword("DEFAULT"));
}
