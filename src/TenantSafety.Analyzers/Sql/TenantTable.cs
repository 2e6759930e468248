using System;
using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Sql;

/// <summary>A table that holds tenant rows, as SQL text may name it, and the columns that hold its tenant key.</summary>
internal sealed class TenantTable
{
    public TenantTable(string entityName, ImmutableArray<string> tenantColumns)
    {
        EntityName = entityName;
        TenantColumns = tenantColumns;
    }

    /// <summary>The entity mapped to the table, for messages.</summary>
    public string EntityName { get; }

    /// <summary>The names the tenant key column may go by (<c>team_id</c>, <c>TeamId</c> …), matched case-insensitively.</summary>
    public ImmutableArray<string> TenantColumns { get; }

    /// <summary>The first name, for messages: the mapped column.</summary>
    public string ColumnName => TenantColumns.IsEmpty ? "team_id" : TenantColumns[0];

    public bool IsTenantColumn(string column)
    {
        foreach (var name in TenantColumns)
        {
            if (string.Equals(name, column, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How a statement touches a table.</summary>
internal enum SqlTableAccess
{
    Read,
    Update,
    Delete,
    Truncate,
}

/// <summary>A tenant table a statement reads or changes without constraining its tenant column.</summary>
/// <param name="Table">The tenant table.</param>
/// <param name="WrittenName">The table's name as the SQL writes it (without schema).</param>
/// <param name="Access">How the statement touches it.</param>
/// <param name="StatementIndex">Zero-based index of the statement in the text.</param>
internal sealed record UnscopedTableUse(TenantTable Table, string WrittenName, SqlTableAccess Access, int StatementIndex)
{
    public override string ToString() => $"{Access} {WrittenName} (statement {StatementIndex})";
}
