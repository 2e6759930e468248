using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Cli.Report;

/// <summary>PostgreSQL DDL the report prints beside the index builds (<see cref="ModelFixRenderer"/>): tenant row-level security.</summary>
internal static class PostgresSql
{
    /// <summary>The name of the setting a connection sets to its tenant for row-level security: <c>app.team_id</c> for <c>team_id</c>.</summary>
    public static string TenantSetting(string tenantKeyColumn) => "app." + tenantKeyColumn.ToLowerInvariant();

    public static string Identifier(string name) => ModelFixRenderer.SqlIdentifier(name);

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
}
