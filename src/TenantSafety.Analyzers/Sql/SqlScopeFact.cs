using System.Collections.Generic;

namespace TenantSafety.Analyzers.Sql;

/// <summary>What a condition says: a column is tied to a value (<see cref="Right"/> null), or two columns are equal.</summary>
internal sealed class SqlScopeFact
{
    private SqlScopeFact(SqlQueryScope scope, SqlColumnReference left, SqlColumnReference? right, List<SqlTableReference>? nullable)
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

    public static SqlScopeFact Anchor(SqlQueryScope scope, SqlColumnReference column, List<SqlTableReference>? nullable) => new(scope, column, null, nullable);

    public static SqlScopeFact Equal(SqlQueryScope scope, SqlColumnReference left, SqlColumnReference right, List<SqlTableReference>? nullable) => new(scope, left, right, nullable);

    /// <summary>Whether it filters the rows of <paramref name="reference"/>: a table of its own query level, on the side an outer join may null-extend.</summary>
    public bool MayConstrain(SqlTableReference reference) =>
        reference.Scope == Scope && (Nullable is null || Nullable.Contains(reference));
}
