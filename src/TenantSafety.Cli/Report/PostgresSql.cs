using System.Text.RegularExpressions;

namespace TenantSafety.Cli.Report;

/// <summary>PostgreSQL DDL the report prints: index builds that do not block writes, and tenant row-level security.</summary>
internal static partial class PostgresSql
{
    /// <summary>Words PostgreSQL reserves as identifiers (a subset that table and column names meet in practice).</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "both", "case", "cast", "check", "collate", "column",
        "constraint", "create", "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default",
        "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant",
        "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp",
        "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
        "variadic", "when", "where", "window", "with",
    };

    /// <summary>The name of the setting a connection sets to its tenant for row-level security: <c>app.team_id</c> for <c>team_id</c>.</summary>
    public static string TenantSetting(string tenantKeyColumn) => "app." + tenantKeyColumn.ToLowerInvariant();

    public static string Identifier(string name) =>
        SimpleIdentifier().IsMatch(name) && !s_reserved.Contains(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// <c>CREATE INDEX CONCURRENTLY IF NOT EXISTS …</c>: builds without blocking writes; must run outside a transaction,
    /// one statement at a time; re-runnable.
    /// </summary>
    public static string CreateIndexConcurrently(string name, string table, IReadOnlyList<string> columns, IReadOnlyList<bool> descending)
    {
        var columnList = string.Join(", ", columns.Select((c, i) => Identifier(c) + (i < descending.Count && descending[i] ? " DESC" : string.Empty)));
        return $"CREATE INDEX CONCURRENTLY IF NOT EXISTS {Identifier(name)} ON {Identifier(table)} ({columnList});";
    }

    /// <summary>
    /// Row-level security for one tenant table: rows are visible and writable only when their tenant key equals the
    /// session's tenant setting. An unset setting matches no row (fail closed).
    /// </summary>
    public static string RowLevelSecurity(string table, string tenantKeyColumn, string tenantKeySqlType)
    {
        var quotedTable = Identifier(table);
        var predicate = $"{Identifier(tenantKeyColumn)} = NULLIF(current_setting('{TenantSetting(tenantKeyColumn)}', true), '')::{tenantKeySqlType}";
        return $"""
            ALTER TABLE {quotedTable} ENABLE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant_isolation ON {quotedTable};
            CREATE POLICY tenant_isolation ON {quotedTable}
                USING ({predicate})
                WITH CHECK ({predicate});
            """;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_$]*$")]
    private static partial Regex SimpleIdentifier();
}
