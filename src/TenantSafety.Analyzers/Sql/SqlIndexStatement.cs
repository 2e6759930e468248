using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Sql;

/// <summary>What the migration rules need to know about a statement of a <c>migrationBuilder.Sql(…)</c> text.</summary>
/// <param name="IsCreateIndex"><c>CREATE [UNIQUE] INDEX …</c>.</param>
/// <param name="IsConcurrent">
/// The statement uses <c>CONCURRENTLY</c> and so cannot run in a transaction block: <c>CREATE INDEX CONCURRENTLY</c>,
/// <c>DROP INDEX CONCURRENTLY</c>, <c>REINDEX … CONCURRENTLY</c>, <c>ALTER TABLE … DETACH PARTITION … CONCURRENTLY</c>.
/// (<c>REFRESH MATERIALIZED VIEW CONCURRENTLY</c> may run in one and does not count.)
/// </param>
/// <param name="IndexKeywordEnd">For <c>CREATE INDEX</c>: the offset in the SQL text just after the <c>INDEX</c> keyword.</param>
/// <param name="Table">For <c>CREATE INDEX</c>: the table's name (without schema), when it can be read.</param>
/// <param name="Description">What the statement is, for messages: <c>CREATE INDEX CONCURRENTLY</c>, <c>REINDEX CONCURRENTLY</c> ….</param>
internal sealed record SqlIndexStatement(bool IsCreateIndex, bool IsConcurrent, int IndexKeywordEnd, string? Table, string Description)
{
    /// <summary>The statement if it is one the migration rules care about, else null.</summary>
    public static SqlIndexStatement? TryRead(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        if (statement.StartsWith("CREATE"))
        {
            var i = 1;
            if (i < tokens.Length && tokens[i].IsKeyword("UNIQUE"))
            {
                i++;
            }

            if (i >= tokens.Length || !tokens[i].IsKeyword("INDEX"))
            {
                return null;
            }

            var indexEnd = tokens[i].End;
            var concurrent = i + 1 < tokens.Length && tokens[i + 1].IsKeyword("CONCURRENTLY");
            return new SqlIndexStatement(
                IsCreateIndex: true,
                concurrent,
                indexEnd,
                ReadTableAfterOn(tokens, i + 1),
                concurrent ? "CREATE INDEX CONCURRENTLY" : "CREATE INDEX");
        }

        string? description = null;
        if (statement.StartsWith("DROP") && tokens.Length > 2 && tokens[1].IsKeyword("INDEX") && tokens[2].IsKeyword("CONCURRENTLY"))
        {
            description = "DROP INDEX CONCURRENTLY";
        }
        else if (statement.StartsWith("REINDEX") && ContainsKeyword(tokens, "CONCURRENTLY"))
        {
            description = "REINDEX CONCURRENTLY";
        }
        else if (statement.StartsWith("ALTER") && ContainsKeyword(tokens, "DETACH") && ContainsKeyword(tokens, "CONCURRENTLY"))
        {
            description = "DETACH PARTITION CONCURRENTLY";
        }

        return description is null ? null : new SqlIndexStatement(IsCreateIndex: false, IsConcurrent: true, IndexKeywordEnd: -1, Table: null, description);
    }

    /// <summary>The table a <c>CREATE TABLE [IF NOT EXISTS] name</c> statement creates, else null.</summary>
    public static string? CreatedTable(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        if (!statement.StartsWith("CREATE"))
        {
            return null;
        }

        var i = 1;
        while (i < tokens.Length && (tokens[i].IsKeyword("TEMP") || tokens[i].IsKeyword("TEMPORARY") || tokens[i].IsKeyword("UNLOGGED")))
        {
            i++;
        }

        if (i >= tokens.Length || !tokens[i].IsKeyword("TABLE"))
        {
            return null;
        }

        i++;
        if (i + 2 < tokens.Length && tokens[i].IsKeyword("IF") && tokens[i + 1].IsKeyword("NOT") && tokens[i + 2].IsKeyword("EXISTS"))
        {
            i += 3;
        }

        return SqlNames.ReadQualifiedName(tokens, ref i)?.Name;
    }

    private static string? ReadTableAfterOn(ImmutableArray<SqlToken> tokens, int from)
    {
        for (var i = from; i < tokens.Length; i++)
        {
            if (tokens[i].IsKeyword("ON"))
            {
                var j = i + 1;
                if (j < tokens.Length && tokens[j].IsKeyword("ONLY"))
                {
                    j++;
                }

                return SqlNames.ReadQualifiedName(tokens, ref j)?.Name;
            }

            if (tokens[i].IsPunctuation('('))
            {
                return null;
            }
        }

        return null;
    }

    private static bool ContainsKeyword(ImmutableArray<SqlToken> tokens, string keyword)
    {
        foreach (var token in tokens)
        {
            if (token.IsKeyword(keyword))
            {
                return true;
            }
        }

        return false;
    }
}
