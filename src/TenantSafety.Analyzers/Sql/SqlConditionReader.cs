using System;
using System.Collections.Generic;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Reads a WHERE, ON, HAVING or MERGE … ON condition into <see cref="SqlScopeFact"/>s: a column tied to a value
/// (<c>= {0}</c>, <c>= @p</c>, <c>IN (…)</c>, <c>= ANY(…)</c>, <c>IS NOT DISTINCT FROM</c>, a subquery) or two columns
/// equated, in a top-level AND. A column tied to a value or null (<c>team_id = @t OR team_id IS NULL</c>: a tenant's
/// own rows and the shared ones, which belong to no other tenant) is tied too. Subqueries in the condition are the
/// parser's to read.
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

    /// <summary>
    /// Each top-level AND term of [start, end) that ties a column to a value or to another column becomes a fact; terms
    /// under NOT, and under OR unless every alternative ties one column to a value or to null, say nothing.
    /// </summary>
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

            if (_tokens[from].IsKeyword("NOT"))
            {
                continue;
            }

            var fact = _tokens.ContainsTopLevel(from, to, t => t.IsKeyword("OR")) ? ValueOrNull(scope, from, to, nullable) : Comparison(scope, from, to, nullable);
            if (fact is not null)
            {
                _facts.Add(fact);
            }
        }
    }

    /// <summary>
    /// <c>team_id = @t OR team_id IS NULL</c> (in any order, with more values): every alternative ties the same column to
    /// a value or tests it for null, one at least to a value. The rows are the tenant's own and the shared ones; no other
    /// tenant's row passes, so the column counts as tied to a value. Null for any other OR.
    /// </summary>
    private SqlScopeFact? ValueOrNull(SqlQueryScope scope, int from, int to, List<SqlTableReference>? nullable)
    {
        SqlColumnReference? column = null;
        var tiedToValue = false;
        foreach (var (start, end) in _tokens.SplitDisjuncts(from, to))
        {
            var (first, last) = Unparenthesized(start, end);
            var nullTest = IsNullTest(scope, first, last);
            var alternative = nullTest ?? (Comparison(scope, first, last, nullable) is { Right: null } anchor ? anchor.Left : null);
            if (alternative is null || (column is not null && !SameColumn(column, alternative)))
            {
                return null;
            }

            tiedToValue |= nullTest is null;
            column = alternative;
        }

        return column is not null && tiedToValue ? SqlScopeFact.Anchor(scope, column, nullable) : null;
    }

    /// <summary>The column of <c>column IS NULL</c> spanning [from, to); null for anything else.</summary>
    private SqlColumnReference? IsNullTest(SqlQueryScope scope, int from, int to) =>
        to - from >= 3 && _tokens[to - 2].IsKeyword("IS") && _tokens[to - 1].IsKeyword("NULL") && Operand(scope, from, to - 2) is { Column: { } column }
            ? column
            : null;

    private static bool SameColumn(SqlColumnReference a, SqlColumnReference b) =>
        string.Equals(a.Column, b.Column, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Qualifier, b.Qualifier, StringComparison.OrdinalIgnoreCase);

    private (int From, int To) Unparenthesized(int from, int to)
    {
        while (from < to && _tokens[from].IsPunctuation('(') && _tokens.Match(from) == to - 1 && !_tokens.IsQueryStart(from + 1))
        {
            from++;
            to--;
        }

        return (from, to);
    }

    /// <summary>What one comparison says: a column tied to a value, two columns equated, or nothing.</summary>
    private SqlScopeFact? Comparison(SqlQueryScope scope, int from, int to, List<SqlTableReference>? nullable)
    {
        for (var k = from; k < to; k = _tokens.Next(k))
        {
            var token = _tokens[k];
            if (token.IsOperator("="))
            {
                return Equality(scope, Operand(scope, from, k), Operand(scope, k + 1, to), nullable);
            }

            // a IS NOT DISTINCT FROM b
            if (token.IsKeyword("IS") && k + 4 <= to && _tokens[k + 1].IsKeyword("NOT") && _tokens[k + 2].IsKeyword("DISTINCT") && _tokens[k + 3].IsKeyword("FROM"))
            {
                return Equality(scope, Operand(scope, from, k), Operand(scope, k + 4, to), nullable);
            }

            // a IN (…), not a NOT IN (…)
            if (token.IsKeyword("IN") && !(k > from && _tokens[k - 1].IsKeyword("NOT")) && k + 1 < to && _tokens[k + 1].IsPunctuation('('))
            {
                return Operand(scope, from, k) is { Column: { } column } ? SqlScopeFact.Anchor(scope, column, nullable) : null;
            }
        }

        return null;
    }

    private static SqlScopeFact? Equality(SqlQueryScope scope, (SqlColumnReference? Column, bool IsValue) left, (SqlColumnReference? Column, bool IsValue) right, List<SqlTableReference>? nullable)
    {
        if (left.Column is not null && right.Column is not null)
        {
            return SqlScopeFact.Equal(scope, left.Column, right.Column, nullable);
        }

        if (left.Column is not null && right.IsValue)
        {
            return SqlScopeFact.Anchor(scope, left.Column, nullable);
        }

        return right.Column is not null && left.IsValue ? SqlScopeFact.Anchor(scope, right.Column, nullable) : null;
    }

    /// <summary>One side of a comparison: a bare or qualified column, or a value (parameter, constant, expression, subquery, ANY(…)).</summary>
    private (SqlColumnReference? Column, bool IsValue) Operand(SqlQueryScope scope, int first, int last)
    {
        var (from, to) = Unparenthesized(first, last);
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
