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
internal sealed class UnscopedTableUse
{
    public UnscopedTableUse(TenantTable table, string writtenName, SqlTableAccess access, int statementIndex)
    {
        Table = table;
        WrittenName = writtenName;
        Access = access;
        StatementIndex = statementIndex;
    }

    public TenantTable Table { get; }

    /// <summary>The table's name as the SQL writes it (without schema).</summary>
    public string WrittenName { get; }

    public SqlTableAccess Access { get; }

    /// <summary>Zero-based index of the statement in the text.</summary>
    public int StatementIndex { get; }

    public override string ToString() => $"{Access} {WrittenName} (statement {StatementIndex})";
}
