using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Reads each statement of a SQL text far enough to tell which tenant tables it reads or changes and whether
/// each one's tenant column is constrained. A light reader, not a parser: it knows FROM/JOIN lists (aliases,
/// schema-qualified and quoted names, subqueries, LATERAL, functions), UPDATE/DELETE/INSERT/MERGE/TRUNCATE
/// targets, WITH lists, UNION branches and subqueries in any expression, and the conditions of WHERE, ON,
/// HAVING and JOIN … USING.
/// </summary>
/// <remarks>
/// <para>A table is scoped when its tenant column is tied to a value (<c>= {0}</c>, <c>= @p</c>, <c>IN (…)</c>,
/// <c>= ANY(…)</c>, a subquery) in a top-level AND of a condition of its own query level, or equated
/// (<c>l.team_id = m.team_id</c>) with a tenant column that is. A condition under OR or NOT does not count.
/// In a LEFT/RIGHT JOIN's ON, only the side that may be null-extended is constrained; a FULL JOIN's ON constrains
/// nothing. A condition in a subquery constrains only that subquery's tables (an outer table it mentions is not
/// filtered by it). A constraint on a CTE or subquery in FROM reaches the tables of its body when every reference
/// to it is constrained.</para>
/// <para>INSERT targets are not judged (the rows written carry the values the statement gives them); a SELECT that
/// feeds an INSERT is.</para>
/// </remarks>
internal sealed class SqlTenantScopeReader
{
    private const int MaxTokens = 20000;

    private static readonly ImmutableHashSet<string> SelectClauses = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR", "INTO");

    private static readonly ImmutableHashSet<string> JoinWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL");

    /// <summary>Words that end a table reference rather than alias it.</summary>
    private static readonly ImmutableHashSet<string> NotAnAlias = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "GROUP", "HAVING", "ORDER",
        "LIMIT", "OFFSET", "FETCH", "FOR", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "RETURNING", "SET", "VALUES",
        "SELECT", "WHEN", "THEN", "AND", "OR", "NOT", "LATERAL", "TABLESAMPLE", "WITH", "DO", "DEFAULT", "OUTER", "AS",
        "INTO", "FROM", "OVERRIDING");

    private readonly ImmutableArray<SqlToken> _tokens;
    private readonly int[] _match;
    private readonly Func<SqlQualifiedName, TenantTable?> _tenantTables;
    private readonly List<SqlTableReference> _references = new();
    private readonly List<SqlDerivedSource> _derived = new();
    private readonly List<Fact> _facts = new();

    private SqlTenantScopeReader(ImmutableArray<SqlToken> tokens, Func<SqlQualifiedName, TenantTable?> tenantTables)
    {
        _tokens = tokens;
        _tenantTables = tenantTables;
        _match = MatchParentheses(tokens);
    }

    /// <summary>The tenant tables the statements of <paramref name="sql"/> read or change without constraining the tenant column.</summary>
    /// <param name="tenantTables">Which names are tenant tables: the name as written (schema-qualified or not); null when not a tenant table.</param>
    public static ImmutableArray<UnscopedTableUse> FindUnscoped(string sql, Func<SqlQualifiedName, TenantTable?> tenantTables)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        if (tokens.Length > MaxTokens)
        {
            return ImmutableArray<UnscopedTableUse>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<UnscopedTableUse>();
        var statements = SqlStatements.Split(tokens);
        for (var index = 0; index < statements.Length; index++)
        {
            var reader = new SqlTenantScopeReader(statements[index].Tokens, tenantTables);
            foreach (var (reference, table) in reader.Read())
            {
                result.Add(new UnscopedTableUse(table, reference.Name!.Name, reference.Access, index));
            }
        }

        return result.ToImmutable();
    }

    private IEnumerable<(SqlTableReference Reference, TenantTable Table)> Read()
    {
        ParseQuery(new SqlQueryScope(parent: null), 0, _tokens.Length);
        var anchored = Solve();
        foreach (var reference in _references)
        {
            if (reference.Tenant is { } table && !table.TenantColumns.Any(c => anchored.Contains(new Node(reference, c.ToLowerInvariant()))))
            {
                yield return (reference, table);
            }
        }
    }

    // ---- Statements and queries -------------------------------------------------------------------------

    /// <summary>A query expression or a statement in [start, end): optional WITH, then branches joined by UNION/INTERSECT/EXCEPT.</summary>
    private List<SqlQueryScope> ParseQuery(SqlQueryScope parent, int start, int end)
    {
        var cores = new List<SqlQueryScope>();
        if (start >= end)
        {
            return cores;
        }

        if (_tokens[start].IsPunctuation('(') && _match[start] == end - 1)
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
        for (var k = i; k < end; k = Next(k))
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

        if (_tokens[start].IsPunctuation('(') && _match[start] <= end - 1)
        {
            // (SELECT …) UNION (SELECT …), possibly followed by ORDER BY/LIMIT.
            var inner = ParseQuery(parent, start + 1, _match[start]);
            ScanExpressions(parent, _match[start] + 1, end);
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
                i = Next(i);
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
                i = Next(i);
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
            _derived.Add(source);
            scope.AddCte(name, source);
            var close = _match[i];
            source.Bodies.AddRange(ParseQuery(scope, i + 1, close));
            i = close + 1;

            // SEARCH … SET … / CYCLE … SET … USING …: skip to the next CTE or the main statement.
            while (i < end && !_tokens[i].IsPunctuation(',') && !IsStatementStart(_tokens[i]))
            {
                i = Next(i);
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
        foreach (var (keyword, from, to) in SplitClauses(start, end, SelectClauses))
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
        foreach (var (keyword, from, to) in SplitClauses(start, end, clauses))
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

        SqlNames.ReadQualifiedName(_tokens, ref i);
        if (i < end && _tokens[i].IsKeyword("AS"))
        {
            i += 2;
        }

        if (i < end && _tokens[i].IsPunctuation('('))
        {
            i = Next(i);
        }

        while (i < end && (_tokens[i].IsKeyword("OVERRIDING") || _tokens[i].IsKeyword("SYSTEM") || _tokens[i].IsKeyword("USER") || _tokens[i].IsKeyword("VALUE")))
        {
            i++;
        }

        // The source ends at ON CONFLICT or RETURNING (a JOIN … ON inside the source is not it).
        var sourceEnd = end;
        for (var k = i; k < end; k = Next(k))
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
                conditionEnd = Next(conditionEnd);
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

    // ---- FROM lists --------------------------------------------------------------------------------------

    /// <summary>Items separated by commas, each a chain of joins.</summary>
    private List<SqlTableReference> ParseFromList(SqlQueryScope scope, int start, int end)
    {
        var all = new List<SqlTableReference>();
        var i = start;
        while (i < end)
        {
            var chain = new List<SqlTableReference>();
            var afterItem = ParseFromItem(scope, i, end, chain);
            if (afterItem == i)
            {
                // Not a table reference we know: look inside for subqueries and stop.
                ScanExpressions(scope, i, end);
                break;
            }

            i = ParseJoins(scope, afterItem, end, chain);
            all.AddRange(chain);
            if (i < end && _tokens[i].IsPunctuation(','))
            {
                i++;
                continue;
            }

            ScanExpressions(scope, i, end);
            break;
        }

        return all;
    }

    private int ParseJoins(SqlQueryScope scope, int i, int end, List<SqlTableReference> chain)
    {
        while (i < end)
        {
            var kind = "INNER";
            var k = i;
            if (k < end && _tokens[k].IsKeyword("NATURAL"))
            {
                k++;
            }

            if (k < end && IsJoinKindWord(k))
            {
                kind = _tokens[k].Text.ToUpperInvariant();
                k++;
                if (k < end && _tokens[k].IsKeyword("OUTER"))
                {
                    k++;
                }
            }

            if (k >= end || !_tokens[k].IsKeyword("JOIN"))
            {
                return i;
            }

            var right = new List<SqlTableReference>();
            i = ParseFromItem(scope, k + 1, end, right);

            // Conditions about the preserved side of an outer join filter nothing.
            var nullable = kind switch
            {
                "LEFT" => right,
                "RIGHT" => new List<SqlTableReference>(chain),
                "FULL" => new List<SqlTableReference>(),
                _ => null,
            };

            if (i < end && _tokens[i].IsKeyword("ON"))
            {
                var conditionEnd = i + 1;
                while (conditionEnd < end && !IsJoinBoundary(conditionEnd))
                {
                    conditionEnd = Next(conditionEnd);
                }

                ParseCondition(scope, i + 1, conditionEnd, nullable);
                i = conditionEnd;
            }
            else if (i < end && _tokens[i].IsKeyword("USING") && i + 1 < end && _tokens[i + 1].IsPunctuation('('))
            {
                var close = _match[i + 1];
                var left = new List<SqlTableReference>(chain);
                for (var c = i + 2; c < close; c++)
                {
                    if (_tokens[c].IsName)
                    {
                        _facts.Add(Fact.Equal(
                            scope,
                            new SqlColumnReference(scope, null, _tokens[c].Value, left),
                            new SqlColumnReference(scope, null, _tokens[c].Value, right),
                            nullable));
                    }
                }

                i = close + 1;
            }

            chain.AddRange(right);
        }

        return i;
    }

    private bool IsJoinKindWord(int index)
    {
        var token = _tokens[index];
        return (token.IsKeyword("INNER") || token.IsKeyword("LEFT") || token.IsKeyword("RIGHT") || token.IsKeyword("FULL") || token.IsKeyword("CROSS"))
            && !(index + 1 < _tokens.Length && _tokens[index + 1].IsPunctuation('('));
    }

    /// <summary>Where an ON condition ends: the next join, a comma between FROM items.</summary>
    private bool IsJoinBoundary(int index)
    {
        var token = _tokens[index];
        return token.IsPunctuation(',') || token.IsKeyword("JOIN") || token.IsKeyword("NATURAL") || IsJoinKindWord(index);
    }

    /// <summary>One FROM item; adds its references to <paramref name="added"/> and returns the index after it.</summary>
    private int ParseFromItem(SqlQueryScope scope, int i, int end, List<SqlTableReference> added)
    {
        if (i < end && _tokens[i].IsKeyword("LATERAL"))
        {
            i++;
        }

        if (i >= end)
        {
            return i;
        }

        if (_tokens[i].IsPunctuation('('))
        {
            var close = Math.Min(_match[i], end);
            if (IsQueryStart(i + 1))
            {
                var source = new SqlDerivedSource();
                _derived.Add(source);
                source.Bodies.AddRange(ParseQuery(scope, i + 1, close));
                i = close + 1;
                var alias = ReadAlias(ref i, end);
                SkipColumnList(ref i, end);
                var reference = new SqlTableReference(scope, name: null, alias, tenant: null, source, SqlTableAccess.Read);
                source.References.Add(reference);
                scope.Tables.Add(reference);
                added.Add(reference);
                return i;
            }

            // A parenthesised join: (a JOIN b ON …) [AS x].
            added.AddRange(ParseFromList(scope, i + 1, close));
            i = close + 1;
            ReadAlias(ref i, end);
            return i;
        }

        var start = i;
        var only = _tokens[i].IsKeyword("ONLY");
        if (only)
        {
            i++;
        }

        var name = SqlNames.ReadQualifiedName(_tokens, ref i);
        if (name is null)
        {
            return start;
        }

        if (i < end && _tokens[i].IsPunctuation('('))
        {
            // A set-returning function: generate_series(…), unnest(…), jsonb_to_recordset(…).
            var close = Math.Min(_match[i], end);
            ScanExpressions(scope, i + 1, close);
            i = close + 1;
            while (i < end && (_tokens[i].IsKeyword("WITH") || _tokens[i].IsKeyword("ORDINALITY")))
            {
                i++;
            }

            ReadAlias(ref i, end);
            SkipColumnList(ref i, end);
            return i;
        }

        added.Add(AddReference(scope, name, ref i, end, SqlTableAccess.Read, allowAlias: true));
        return i;
    }

    /// <summary>A table named at <paramref name="i"/> with an optional alias; no reference when no name is there.</summary>
    private void AddNamedReference(SqlQueryScope scope, ref int i, int end, SqlTableAccess access, bool allowAlias)
    {
        if (i < end && _tokens[i].IsKeyword("ONLY"))
        {
            i++;
        }

        var name = SqlNames.ReadQualifiedName(_tokens, ref i);
        if (name is not null)
        {
            AddReference(scope, name, ref i, end, access, allowAlias);
        }
    }

    private SqlTableReference AddReference(SqlQueryScope scope, SqlQualifiedName name, ref int i, int end, SqlTableAccess access, bool allowAlias)
    {
        if (i < end && _tokens[i].IsOperator("*"))
        {
            i++;
        }

        var alias = allowAlias ? ReadAlias(ref i, end) : null;
        if (allowAlias)
        {
            SkipColumnList(ref i, end);
        }

        if (i < end && _tokens[i].IsKeyword("TABLESAMPLE"))
        {
            i++;
            while (i < end && (_tokens[i].IsName && !NotAnAlias.Contains(_tokens[i].Text) || _tokens[i].IsPunctuation('(')))
            {
                i = Next(i);
            }
        }

        var cte = name.Parts.Length == 1 ? scope.FindCte(name.Name) : null;
        var reference = cte is not null
            ? new SqlTableReference(scope, name, alias, tenant: null, cte, access)
            : new SqlTableReference(scope, name, alias, _tenantTables(name), derived: null, access);
        cte?.References.Add(reference);
        scope.Tables.Add(reference);
        _references.Add(reference);
        return reference;
    }

    private string? ReadAlias(ref int i, int end)
    {
        if (i < end && _tokens[i].IsKeyword("AS") && i + 1 < end && _tokens[i + 1].IsName)
        {
            i += 2;
            return _tokens[i - 1].Value;
        }

        if (i < end && (_tokens[i].Kind == SqlTokenKind.QuotedIdentifier || (_tokens[i].IsWord && !NotAnAlias.Contains(_tokens[i].Text))))
        {
            i++;
            return _tokens[i - 1].Value;
        }

        return null;
    }

    private void SkipColumnList(ref int i, int end)
    {
        if (i < end && _tokens[i].IsPunctuation('('))
        {
            i = Next(i);
        }
    }

    // ---- Conditions --------------------------------------------------------------------------------------

    /// <summary>
    /// A WHERE/ON/HAVING condition: subqueries in it are read as queries of their own, and each top-level AND term
    /// that ties a column to a value or to another column becomes a fact.
    /// </summary>
    /// <param name="nullable">For an outer join's ON: the references it may constrain. Null: all.</param>
    private void ParseCondition(SqlQueryScope scope, int start, int end, List<SqlTableReference>? nullable)
    {
        ScanExpressions(scope, start, end);
        ReadConjuncts(scope, start, end, nullable);
    }

    private void ReadConjuncts(SqlQueryScope scope, int start, int end, List<SqlTableReference>? nullable)
    {
        foreach (var (from, to) in SplitConjuncts(start, end))
        {
            if (from >= to)
            {
                continue;
            }

            if (_tokens[from].IsPunctuation('(') && _match[from] == to - 1 && !IsQueryStart(from + 1))
            {
                ReadConjuncts(scope, from + 1, to - 1, nullable);
                continue;
            }

            if (_tokens[from].IsKeyword("NOT") || ContainsTopLevel(from, to, t => t.IsKeyword("OR")))
            {
                continue;
            }

            ReadComparison(scope, from, to, nullable);
        }
    }

    private void ReadComparison(SqlQueryScope scope, int from, int to, List<SqlTableReference>? nullable)
    {
        for (var k = from; k < to; k = Next(k))
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
                    _facts.Add(Fact.Anchor(scope, column, nullable));
                }

                return;
            }
        }
    }

    private void AddEquality(SqlQueryScope scope, ComparisonSide left, ComparisonSide right, List<SqlTableReference>? nullable)
    {
        if (left.Column is not null && right.Column is not null)
        {
            _facts.Add(Fact.Equal(scope, left.Column, right.Column, nullable));
        }
        else if (left.Column is not null && right.IsValue)
        {
            _facts.Add(Fact.Anchor(scope, left.Column, nullable));
        }
        else if (right.Column is not null && left.IsValue)
        {
            _facts.Add(Fact.Anchor(scope, right.Column, nullable));
        }
    }

    /// <summary>One side of a comparison: a bare or qualified column, or a value (parameter, constant, expression, subquery, ANY(…)).</summary>
    private ComparisonSide Operand(SqlQueryScope scope, int from, int to)
    {
        while (from < to && _tokens[from].IsPunctuation('(') && _match[from] == to - 1 && !IsQueryStart(from + 1))
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
            end = Next(end);
        }

        var i = from;
        var name = SqlNames.ReadQualifiedName(_tokens, ref i);
        if (name is not null && i == end && name.Parts.Length <= 3 && !IsValueKeyword(name))
        {
            var qualifier = name.Parts.Length >= 2 ? name.Parts[name.Parts.Length - 2].Value : null;
            return new ComparisonSide(new SqlColumnReference(scope, qualifier, name.Name), isValue: false);
        }

        return new ComparisonSide(column: null, isValue: true);
    }

    private static bool IsValueKeyword(SqlQualifiedName name) =>
        name.Parts.Length == 1 && name.Last.IsWord
        && (name.Last.IsKeyword("NULL") || name.Last.IsKeyword("TRUE") || name.Last.IsKeyword("FALSE") || name.Last.IsKeyword("CURRENT_USER")
            || name.Last.IsKeyword("CURRENT_DATE") || name.Last.IsKeyword("CURRENT_TIMESTAMP") || name.Last.IsKeyword("DEFAULT"));

    /// <summary>Reads every subquery in [start, end) as a query of its own, nested in <paramref name="scope"/>.</summary>
    private void ScanExpressions(SqlQueryScope scope, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (_tokens[k].IsPunctuation('(') && IsQueryStart(k + 1))
            {
                var close = Math.Min(_match[k], end);
                ParseQuery(scope, k + 1, close);
                k = close;
            }
        }
    }

    private bool IsQueryStart(int index)
    {
        while (index < _tokens.Length && _tokens[index].IsPunctuation('('))
        {
            index++;
        }

        return index < _tokens.Length
            && (_tokens[index].IsKeyword("SELECT") || _tokens[index].IsKeyword("WITH") || _tokens[index].IsKeyword("VALUES"));
    }

    // ---- Token helpers -----------------------------------------------------------------------------------

    /// <summary>The index after the token at <paramref name="index"/>, jumping over a parenthesised group.</summary>
    private int Next(int index) =>
        _tokens[index].IsPunctuation('(') ? _match[index] + 1 : index + 1;

    private bool ContainsTopLevel(int start, int end, Func<SqlToken, bool> predicate)
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
    private List<(SqlToken Keyword, int From, int To)> SplitClauses(int start, int end, ImmutableHashSet<string> keywords)
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
    private List<(int From, int To)> SplitConjuncts(int start, int end)
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

    // ---- Solving -----------------------------------------------------------------------------------------

    /// <summary>The (reference, column) pairs constrained on every row the statement touches.</summary>
    private HashSet<Node> Solve()
    {
        HashSet<Node> anchored = new();
        for (var round = 0; round < 8; round++)
        {
            anchored = Closure();
            var pushed = false;
            foreach (var source in _derived)
            {
                if (source.References.Count == 0)
                {
                    continue;
                }

                var columns = anchored.Where(n => n.Reference == source.References[0]).Select(n => n.Column).ToList();
                foreach (var column in columns)
                {
                    if (source.References.All(r => anchored.Contains(new Node(r, column))) && source.PushedColumns.Add(column))
                    {
                        foreach (var body in source.Bodies)
                        {
                            _facts.Add(Fact.Anchor(body, new SqlColumnReference(body, null, column), nullable: null));
                        }

                        pushed = true;
                    }
                }
            }

            if (!pushed)
            {
                break;
            }
        }

        return anchored;
    }

    private HashSet<Node> Closure()
    {
        var anchored = new HashSet<Node>();
        var edges = new Dictionary<Node, List<Node>>();
        var queue = new Queue<Node>();
        foreach (var fact in _facts)
        {
            if (fact.Right is null)
            {
                foreach (var node in Resolve(fact.Left).Where(fact.MayConstrain))
                {
                    if (anchored.Add(node))
                    {
                        queue.Enqueue(node);
                    }
                }

                continue;
            }

            var right = Resolve(fact.Right).ToList();
            foreach (var a in Resolve(fact.Left))
            {
                foreach (var b in right)
                {
                    if (fact.MayConstrain(b))
                    {
                        AddEdge(edges, a, b);
                    }

                    if (fact.MayConstrain(a))
                    {
                        AddEdge(edges, b, a);
                    }
                }
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (edges.TryGetValue(node, out var targets))
            {
                foreach (var target in targets)
                {
                    if (anchored.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
        }

        return anchored;
    }

    private static void AddEdge(Dictionary<Node, List<Node>> edges, Node from, Node to)
    {
        if (!edges.TryGetValue(from, out var list))
        {
            edges[from] = list = new List<Node>();
        }

        list.Add(to);
    }

    /// <summary>The references a column may belong to: by qualifier, else the tenant tables and derived sources that have it, innermost scope first.</summary>
    private static IEnumerable<Node> Resolve(SqlColumnReference column)
    {
        var key = column.Column.ToLowerInvariant();
        if (column.Within is not null)
        {
            return column.Within.Select(r => new Node(r, key));
        }

        for (var scope = column.Scope; scope is not null; scope = scope.Parent)
        {
            var candidates = column.Qualifier is { } qualifier
                ? scope.Tables.Where(r => r.IsNamedBy(qualifier)).Take(1).ToList()
                : scope.Tables.Where(r => r.Derived is not null || (r.Tenant is not null && r.Tenant.IsTenantColumn(column.Column))).ToList();
            if (candidates.Count > 0)
            {
                return candidates.Select(r => new Node(r, key));
            }
        }

        return Enumerable.Empty<Node>();
    }

    private readonly struct ComparisonSide
    {
        public ComparisonSide(SqlColumnReference? column, bool isValue)
        {
            Column = column;
            IsValue = isValue;
        }

        public SqlColumnReference? Column { get; }

        public bool IsValue { get; }
    }

    private readonly struct Node : IEquatable<Node>
    {
        public Node(SqlTableReference reference, string column)
        {
            Reference = reference;
            Column = column;
        }

        public SqlTableReference Reference { get; }

        public string Column { get; }

        public bool Equals(Node other) => ReferenceEquals(Reference, other.Reference) && Column == other.Column;

        public override bool Equals(object? obj) => obj is Node other && Equals(other);

        public override int GetHashCode() => (Reference.GetHashCode() * 397) ^ Column.GetHashCode();
    }

    /// <summary>What a condition says: a column is tied to a value (<see cref="Right"/> null), or two columns are equal.</summary>
    private sealed class Fact
    {
        private Fact(SqlQueryScope scope, SqlColumnReference left, SqlColumnReference? right, List<SqlTableReference>? nullable)
        {
            Scope = scope;
            Left = left;
            Right = right;
            Nullable = nullable;
        }

        /// <summary>The query level whose condition says it: only its own tables are filtered by it.</summary>
        public SqlQueryScope Scope { get; }

        public SqlColumnReference Left { get; }

        public SqlColumnReference? Right { get; }

        public List<SqlTableReference>? Nullable { get; }

        public static Fact Anchor(SqlQueryScope scope, SqlColumnReference column, List<SqlTableReference>? nullable) => new(scope, column, null, nullable);

        public static Fact Equal(SqlQueryScope scope, SqlColumnReference left, SqlColumnReference right, List<SqlTableReference>? nullable) => new(scope, left, right, nullable);

        public bool MayConstrain(Node node) =>
            node.Reference.Scope == Scope && (Nullable is null || Nullable.Contains(node.Reference));
    }
}
