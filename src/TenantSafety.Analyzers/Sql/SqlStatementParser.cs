using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Reads one statement far enough to tell which tables it reads or changes, in which query level, and what its
/// conditions say (<see cref="SqlConditionReader"/>): query expressions with WITH lists and UNION branches, SELECT,
/// UPDATE, DELETE, INSERT, MERGE and TRUNCATE, subqueries in any expression; FROM lists in
/// <c>SqlStatementParser.FromLists.cs</c>. A light reader, not a full parser: what it does not know names no table.
/// </summary>
internal sealed partial class SqlStatementParser
{
    private static readonly ImmutableHashSet<string> SelectClauses = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR", "INTO");

    /// <summary>Words that end a table reference rather than alias it.</summary>
    private static readonly ImmutableHashSet<string> NotAnAlias = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "GROUP", "HAVING", "ORDER",
        "LIMIT", "OFFSET", "FETCH", "FOR", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "RETURNING", "SET", "VALUES",
        "SELECT", "WHEN", "THEN", "AND", "OR", "NOT", "LATERAL", "TABLESAMPLE", "WITH", "DO", "DEFAULT", "OUTER", "AS",
        "INTO", "FROM", "OVERRIDING");

    private readonly SqlTokenList _tokens;
    private readonly Func<SqlQualifiedName, TenantTable?> _tenantTables;
    private readonly SqlConditionReader _conditions;

    /// <param name="tokens">The statement.</param>
    /// <param name="tenantTables">Which names are tenant tables: the name as written (schema-qualified or not); null when not a tenant table.</param>
    public SqlStatementParser(SqlTokenList tokens, Func<SqlQualifiedName, TenantTable?> tenantTables)
    {
        _tokens = tokens;
        _tenantTables = tenantTables;
        _conditions = new SqlConditionReader(tokens, Facts);
    }

    /// <summary>Every table, CTE and subquery reference named as a table, in the order read.</summary>
    public List<SqlTableReference> References { get; } = new();

    /// <summary>The CTEs and subqueries in FROM, whose bodies constraints on their references reach.</summary>
    public List<SqlDerivedSource> Derived { get; } = new();

    /// <summary>What the statement's conditions say.</summary>
    public List<SqlScopeFact> Facts { get; } = new();

    public void Parse() => ParseQuery(new SqlQueryScope(parent: null), 0, _tokens.Count);

    /// <summary>A query expression or a statement in [start, end): optional WITH, then branches joined by UNION/INTERSECT/EXCEPT.</summary>
    private List<SqlQueryScope> ParseQuery(SqlQueryScope parent, int start, int end)
    {
        var cores = new List<SqlQueryScope>();
        if (start >= end)
        {
            return cores;
        }

        if (_tokens[start].IsPunctuation('(') && _tokens.Match(start) == end - 1)
        {
            return ParseQuery(parent, start + 1, end - 1);
        }

        var scope = parent;
        var i = start;
        if (_tokens[i].IsKeyword("WITH"))
        {
            scope = new SqlQueryScope(parent);
            i = ParseWith(scope, i + 1, end);
        }

        var branchStart = i;
        for (var k = i; k < end; k = _tokens.Next(k))
        {
            var token = _tokens[k];
            if (token.IsKeyword("UNION") || token.IsKeyword("INTERSECT") || token.IsKeyword("EXCEPT"))
            {
                cores.AddRange(ParseCore(scope, branchStart, k));
                branchStart = k + 1;
                if (branchStart < end && (_tokens[branchStart].IsKeyword("ALL") || _tokens[branchStart].IsKeyword("DISTINCT")))
                {
                    branchStart++;
                }
            }
        }

        cores.AddRange(ParseCore(scope, branchStart, end));
        return cores;
    }

    private List<SqlQueryScope> ParseCore(SqlQueryScope parent, int start, int end)
    {
        if (start >= end)
        {
            return new List<SqlQueryScope>();
        }

        if (_tokens[start].IsPunctuation('(') && _tokens.Match(start) <= end - 1)
        {
            // (SELECT …) UNION (SELECT …), possibly followed by ORDER BY/LIMIT.
            var inner = ParseQuery(parent, start + 1, _tokens.Match(start));
            ScanExpressions(parent, _tokens.Match(start) + 1, end);
            return inner;
        }

        var core = new SqlQueryScope(parent);
        var first = _tokens[start];
        if (first.IsKeyword("SELECT"))
        {
            ParseSelect(core, start, end);
        }
        else if (first.IsKeyword("UPDATE"))
        {
            ParseUpdate(core, start + 1, end);
        }
        else if (first.IsKeyword("DELETE"))
        {
            ParseDelete(core, start + 1, end);
        }
        else if (first.IsKeyword("INSERT"))
        {
            ParseInsert(core, start + 1, end);
        }
        else if (first.IsKeyword("MERGE"))
        {
            ParseMerge(core, start + 1, end);
        }
        else if (first.IsKeyword("TRUNCATE"))
        {
            ParseTruncate(core, start + 1, end);
        }
        else if (first.IsKeyword("TABLE"))
        {
            var i = start + 1;
            AddNamedReference(core, ref i, end, SqlTableAccess.Read, allowAlias: false);
        }
        else if (first.IsKeyword("VALUES"))
        {
            ScanExpressions(core, start + 1, end);
        }
        else if (first.IsKeyword("EXPLAIN"))
        {
            var i = start + 1;
            while (i < end && (_tokens[i].IsKeyword("ANALYZE") || _tokens[i].IsKeyword("VERBOSE") || _tokens[i].IsPunctuation('(')))
            {
                i = _tokens.Next(i);
            }

            return ParseQuery(parent, i, end);
        }

        // Anything else (DDL, SET, CALL, DO …) names no table we judge.
        return new List<SqlQueryScope> { core };
    }

    /// <summary><c>[RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (query) [, …]</c>; returns the index of the main statement.</summary>
    private int ParseWith(SqlQueryScope scope, int i, int end)
    {
        if (i < end && _tokens[i].IsKeyword("RECURSIVE"))
        {
            i++;
        }

        while (i < end && _tokens[i].IsName)
        {
            var name = _tokens[i].Value;
            i++;
            if (i < end && _tokens[i].IsPunctuation('('))
            {
                i = _tokens.Next(i);
            }

            if (i < end && _tokens[i].IsKeyword("AS"))
            {
                i++;
            }

            while (i < end && (_tokens[i].IsKeyword("NOT") || _tokens[i].IsKeyword("MATERIALIZED")))
            {
                i++;
            }

            if (i >= end || !_tokens[i].IsPunctuation('('))
            {
                return i;
            }

            var source = new SqlDerivedSource();
            Derived.Add(source);
            scope.AddCte(name, source);
            var close = _tokens.Match(i);
            source.Bodies.AddRange(ParseQuery(scope, i + 1, close));
            i = close + 1;

            // SEARCH … SET … / CYCLE … SET … USING …: skip to the next CTE or the main statement.
            while (i < end && !_tokens[i].IsPunctuation(',') && !IsStatementStart(_tokens[i]))
            {
                i = _tokens.Next(i);
            }

            if (i >= end || !_tokens[i].IsPunctuation(','))
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static bool IsStatementStart(SqlToken token) =>
        token.IsKeyword("SELECT") || token.IsKeyword("INSERT") || token.IsKeyword("UPDATE") || token.IsKeyword("DELETE")
        || token.IsKeyword("MERGE") || token.IsKeyword("VALUES") || token.IsKeyword("TABLE") || token.IsPunctuation('(');

    private void ParseSelect(SqlQueryScope core, int start, int end)
    {
        foreach (var (keyword, from, to) in _tokens.SplitClauses(start, end, SelectClauses))
        {
            if (keyword.IsKeyword("FROM"))
            {
                ParseFromList(core, from, to);
            }
            else if (keyword.IsKeyword("WHERE") || keyword.IsKeyword("HAVING"))
            {
                ParseCondition(core, from, to, nullable: null);
            }
            else
            {
                ScanExpressions(core, from, to);
            }
        }
    }

    /// <summary><c>UPDATE [ONLY] t [*] [[AS] a] SET … [FROM …] [WHERE …] [RETURNING …]</c></summary>
    private void ParseUpdate(SqlQueryScope core, int i, int end)
    {
        AddNamedReference(core, ref i, end, SqlTableAccess.Update, allowAlias: true);
        ParseDmlClauses(core, i, end, "FROM");
    }

    /// <summary><c>DELETE FROM [ONLY] t [*] [[AS] a] [USING …] [WHERE …] [RETURNING …]</c></summary>
    private void ParseDelete(SqlQueryScope core, int i, int end)
    {
        if (i < end && _tokens[i].IsKeyword("FROM"))
        {
            i++;
        }

        AddNamedReference(core, ref i, end, SqlTableAccess.Delete, allowAlias: true);
        ParseDmlClauses(core, i, end, "USING");
    }

    private void ParseDmlClauses(SqlQueryScope core, int start, int end, string fromKeyword)
    {
        var clauses = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "SET", fromKeyword, "WHERE", "RETURNING");
        foreach (var (keyword, from, to) in _tokens.SplitClauses(start, end, clauses))
        {
            if (keyword.IsKeyword(fromKeyword))
            {
                ParseFromList(core, from, to);
            }
            else if (keyword.IsKeyword("WHERE"))
            {
                ParseCondition(core, from, to, nullable: null);
            }
            else
            {
                ScanExpressions(core, from, to);
            }
        }
    }

    /// <summary>
    /// <c>INSERT INTO t [AS a] [(cols)] {VALUES … | query | DEFAULT VALUES} [ON CONFLICT …] [RETURNING …]</c>. The target
    /// is not judged: the rows written carry the tenant the statement gives them. The query that feeds it is.
    /// </summary>
    private void ParseInsert(SqlQueryScope core, int i, int end)
    {
        if (i < end && _tokens[i].IsKeyword("INTO"))
        {
            i++;
        }

        SqlNames.ReadQualifiedName(_tokens.Tokens, ref i);
        if (i < end && _tokens[i].IsKeyword("AS"))
        {
            i += 2;
        }

        if (i < end && _tokens[i].IsPunctuation('('))
        {
            i = _tokens.Next(i);
        }

        while (i < end && (_tokens[i].IsKeyword("OVERRIDING") || _tokens[i].IsKeyword("SYSTEM") || _tokens[i].IsKeyword("USER") || _tokens[i].IsKeyword("VALUE")))
        {
            i++;
        }

        // The source ends at ON CONFLICT or RETURNING (a JOIN … ON inside the source is not it).
        var sourceEnd = end;
        for (var k = i; k < end; k = _tokens.Next(k))
        {
            if ((_tokens[k].IsKeyword("ON") && k + 1 < end && _tokens[k + 1].IsKeyword("CONFLICT")) || _tokens[k].IsKeyword("RETURNING"))
            {
                sourceEnd = k;
                break;
            }
        }

        if (i < sourceEnd && (_tokens[i].IsKeyword("SELECT") || _tokens[i].IsKeyword("WITH") || _tokens[i].IsPunctuation('(') || _tokens[i].IsKeyword("TABLE")))
        {
            ParseQuery(core, i, sourceEnd);
        }
        else
        {
            ScanExpressions(core, i, sourceEnd);
        }

        ScanExpressions(core, sourceEnd, end);
    }

    /// <summary><c>MERGE INTO t [[AS] a] USING source ON condition WHEN …</c>: the target is judged by the ON condition.</summary>
    private void ParseMerge(SqlQueryScope core, int i, int end)
    {
        if (i < end && _tokens[i].IsKeyword("INTO"))
        {
            i++;
        }

        AddNamedReference(core, ref i, end, SqlTableAccess.Update, allowAlias: true);
        if (i < end && _tokens[i].IsKeyword("USING"))
        {
            i = ParseFromItem(core, i + 1, end, new List<SqlTableReference>());
        }

        if (i < end && _tokens[i].IsKeyword("ON"))
        {
            var conditionEnd = i + 1;
            while (conditionEnd < end && !_tokens[conditionEnd].IsKeyword("WHEN"))
            {
                conditionEnd = _tokens.Next(conditionEnd);
            }

            ParseCondition(core, i + 1, conditionEnd, nullable: null);
            i = conditionEnd;
        }

        ScanExpressions(core, i, end);
    }

    /// <summary><c>TRUNCATE [TABLE] [ONLY] t [*] [, …]</c>: every row of every tenant, always.</summary>
    private void ParseTruncate(SqlQueryScope core, int i, int end)
    {
        if (i < end && _tokens[i].IsKeyword("TABLE"))
        {
            i++;
        }

        while (i < end)
        {
            AddNamedReference(core, ref i, end, SqlTableAccess.Truncate, allowAlias: false);
            if (i >= end || !_tokens[i].IsPunctuation(','))
            {
                break;
            }

            i++;
        }
    }

    /// <summary>
    /// A WHERE/ON/HAVING condition: subqueries in it are read as queries of their own, and each top-level AND term
    /// that ties a column to a value or to another column becomes a fact (<see cref="SqlConditionReader.Read"/>, whose
    /// parameters these are).
    /// </summary>
    private void ParseCondition(SqlQueryScope scope, int start, int end, List<SqlTableReference>? nullable)
    {
        ScanExpressions(scope, start, end);
        _conditions.Read(scope, start, end, nullable);
    }

    /// <summary>Reads every subquery in [start, end) as a query of its own, nested in <paramref name="scope"/>.</summary>
    private void ScanExpressions(SqlQueryScope scope, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (_tokens[k].IsPunctuation('(') && _tokens.IsQueryStart(k + 1))
            {
                var close = Math.Min(_tokens.Match(k), end);
                ParseQuery(scope, k + 1, close);
                k = close;
            }
        }
    }
}
