using System;
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
internal static class SqlTenantScopeReader
{
    /// <summary>Bounds what one text can cost: a longer one is not judged.</summary>
    private const int MaxTokens = 20000;

    /// <summary>The tenant tables the statements of <paramref name="sql"/> read or change without constraining the tenant column.</summary>
    /// <param name="sql">The text as the compiler sees it, holes written as <c>{n}</c>.</param>
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
            var parser = new SqlStatementParser(new SqlTokenList(statements[index].Tokens), tenantTables);
            parser.Parse();
            var isAnchored = SqlScopeSolver.Solve(parser.Facts, parser.Derived);
            foreach (var reference in parser.References)
            {
                if (reference.Tenant is { } table && !table.TenantColumns.Any(column => isAnchored(reference, column)))
                {
                    result.Add(new UnscopedTableUse(table, reference.Name!.Name, reference.Access, index));
                }
            }
        }

        return result.ToImmutable();
    }
}
