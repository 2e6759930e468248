using System.Collections.Generic;

namespace TenantSafety.Analyzers.Sql;

/// <summary>What a condition says: a column is tied to a value (<see cref="Right"/> null), or two columns are equal.</summary>
/// <param name="Scope">The query level whose condition says it: only its own tables are filtered by it.</param>
/// <param name="Left">The column the condition ties.</param>
/// <param name="Right">The column it is equal to; null when it is tied to a value.</param>
/// <param name="Nullable">The references an outer join may null-extend on the condition's side.</param>
internal sealed record SqlScopeFact(SqlQueryScope Scope, SqlColumnReference Left, SqlColumnReference? Right, List<SqlTableReference>? Nullable)
{
    public static SqlScopeFact Anchor(SqlQueryScope scope, SqlColumnReference column, List<SqlTableReference>? nullable) => new(scope, column, null, nullable);

    public static SqlScopeFact Equal(SqlQueryScope scope, SqlColumnReference left, SqlColumnReference right, List<SqlTableReference>? nullable) => new(scope, left, right, nullable);

    /// <summary>Whether it filters the rows of <paramref name="reference"/>: a table of its own query level, on the side an outer join may null-extend.</summary>
    public bool MayConstrain(SqlTableReference reference) =>
        reference.Scope == Scope && (Nullable is null || Nullable.Contains(reference));
}
