using System;
using System.Collections.Generic;

namespace TenantSafety.Analyzers.Sql;

/// <summary>FROM lists: items, joins and their ON and USING conditions, table references and aliases.</summary>
internal sealed partial class SqlStatementParser
{
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
                    conditionEnd = _tokens.Next(conditionEnd);
                }

                ParseCondition(scope, i + 1, conditionEnd, nullable);
                i = conditionEnd;
            }
            else if (i < end && _tokens[i].IsKeyword("USING") && i + 1 < end && _tokens[i + 1].IsPunctuation('('))
            {
                var close = _tokens.Match(i + 1);
                var left = new List<SqlTableReference>(chain);
                for (var c = i + 2; c < close; c++)
                {
                    if (_tokens[c].IsName)
                    {
                        Facts.Add(SqlScopeFact.Equal(
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
            && !(index + 1 < _tokens.Count && _tokens[index + 1].IsPunctuation('('));
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
            var close = Math.Min(_tokens.Match(i), end);
            if (_tokens.IsQueryStart(i + 1))
            {
                var source = new SqlDerivedSource();
                Derived.Add(source);
                source.Bodies.AddRange(ParseQuery(scope, i + 1, close));
                i = close + 1;
                var alias = ReadAlias(ref i, end);
                SkipColumnList(ref i, end);
                var reference = new SqlTableReference(scope, Name: null, alias, Tenant: null, source, SqlTableAccess.Read);
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

        var name = SqlNames.ReadQualifiedName(_tokens.Tokens, ref i);
        if (name is null)
        {
            return start;
        }

        if (i < end && _tokens[i].IsPunctuation('('))
        {
            // A set-returning function: generate_series(…), unnest(…), jsonb_to_recordset(…).
            var close = Math.Min(_tokens.Match(i), end);
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

        var name = SqlNames.ReadQualifiedName(_tokens.Tokens, ref i);
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
                i = _tokens.Next(i);
            }
        }

        var cte = name.Parts.Length == 1 ? scope.FindCte(name.Name) : null;
        var reference = cte is not null
            ? new SqlTableReference(scope, name, alias, Tenant: null, cte, access)
            : new SqlTableReference(scope, name, alias, _tenantTables(name), Derived: null, access);
        cte?.References.Add(reference);
        scope.Tables.Add(reference);
        References.Add(reference);
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
            i = _tokens.Next(i);
        }
    }
}
