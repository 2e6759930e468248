using System;
using System.Collections.Immutable;
using System.Linq;
using TenantSafety.Analyzers.Sql;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Sql;

public class SqlTenantScopeReaderTests
{
    // Tenant tables as a catalog would give them: snake_case tables with team_id, and a PascalCase one with TeamId.
    private static readonly TenantTable Snake = new("X", ImmutableArray.Create("team_id", "TeamId"));
    private static readonly TenantTable Pascal = new("Lead", ImmutableArray.Create("TeamId", "team_id"));

    private static TenantTable? Catalog(SqlQualifiedName name) => name.Name.ToLowerInvariant() switch
    {
        "messages" or "leads" or "inbox_items" or "campaign_queue" => Snake,
        "leadactivities" => Pascal,
        _ => null,
    };

    private static string Unscoped(string sql) =>
        string.Join(", ", SqlTenantScopeReader.FindUnscoped(sql, Catalog).Select(u => $"{u.Access} {u.WrittenName}"));

    [Theory]
    // Plain reads and writes.
    [InlineData("SELECT * FROM messages", "Read messages")]
    [InlineData("select * from MESSAGES", "Read MESSAGES")]
    [InlineData("SELECT * FROM \"Messages\"", "Read Messages")]
    [InlineData("SELECT * FROM public.messages m WHERE m.status = 'queued'", "Read messages")]
    [InlineData("SELECT * FROM \"public\".\"messages\"", "Read messages")]
    [InlineData("SELECT * FROM ONLY messages *", "Read messages")]
    [InlineData("DELETE FROM messages WHERE created_at < {0}", "Delete messages")]
    [InlineData("UPDATE messages SET status = 'x' WHERE id = @id", "Update messages")]
    [InlineData("UPDATE messages m SET status = 'x' WHERE m.id = $1", "Update messages")]
    [InlineData("TRUNCATE messages", "Truncate messages")]
    [InlineData("TRUNCATE TABLE ONLY messages, leads RESTART IDENTITY", "Truncate messages, Truncate leads")]
    [InlineData("TABLE messages", "Read messages")]
    [InlineData("EXPLAIN ANALYZE SELECT * FROM messages", "Read messages")]
    // Conditions that do not scope.
    [InlineData("SELECT * FROM messages WHERE team_id = {0} OR status = 'x'", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE NOT team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id <> {0}", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id NOT IN ({0})", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id > {0}", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id IS NOT NULL", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE (team_id = {0} OR id = {1})", "Read messages")]
    // Own or shared rows only when every alternative is the tenant column of one table, tied to a value or null.
    [InlineData("SELECT * FROM messages WHERE team_id = {0} OR status IS NULL", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id = {0} OR team_id IS NOT NULL", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id = {0} OR team_id > {1}", "Read messages")]
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.id = m.lead_id WHERE (m.team_id = {0} OR l.team_id IS NULL) AND l.team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id IS NULL OR team_id IS NULL", "Read messages")]
    [InlineData("SELECT * FROM messages m WHERE l.team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages m WHERE lead_team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE team_id = team_id", "Read messages")]
    // team_id only in a string, a comment or as a selected column.
    [InlineData("SELECT * FROM messages WHERE body = 'team_id = 1'", "Read messages")]
    [InlineData("SELECT * FROM messages -- WHERE team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages /* WHERE team_id = {0} */ WHERE id = {1}", "Read messages")]
    [InlineData("SELECT team_id, count(*) FROM messages GROUP BY team_id", "Read messages")]
    [InlineData("SELECT * FROM messages ORDER BY team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages WHERE \"team_id = 1\" = {0}", "Read messages")]
    [InlineData("SELECT $$ WHERE team_id = 1 $$ FROM messages", "Read messages")]
    // Joins: every tenant table needs its own constraint, directly or through an equality with one that has it.
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.id = m.lead_id WHERE m.team_id = {0}", "Read leads")]
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.id = m.lead_id AND l.team_id = {0}", "Read messages")]
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.team_id = m.team_id", "Read messages, Read leads")]
    [InlineData("SELECT * FROM messages m LEFT JOIN leads l ON l.id = m.lead_id AND m.team_id = {0}", "Read messages, Read leads")]
    [InlineData("SELECT * FROM messages m RIGHT JOIN leads l ON l.id = m.lead_id AND l.team_id = {0}", "Read messages, Read leads")]
    [InlineData("SELECT * FROM messages m FULL JOIN leads l ON l.team_id = {0} AND m.team_id = {0}", "Read messages, Read leads")]
    [InlineData("SELECT * FROM messages m, leads l WHERE m.team_id = {0}", "Read leads")]
    [InlineData("SELECT * FROM messages m CROSS JOIN leads l WHERE m.team_id = {0}", "Read leads")]
    // Subqueries are judged on their own; an outer table is not filtered by a subquery's condition.
    [InlineData("SELECT * FROM messages WHERE team_id = {0} AND lead_id IN (SELECT id FROM leads WHERE status = 'x')", "Read leads")]
    [InlineData("SELECT * FROM messages m WHERE EXISTS (SELECT 1 FROM leads l WHERE l.id = m.lead_id AND m.team_id = {0})", "Read messages, Read leads")]
    [InlineData("SELECT * FROM messages m WHERE m.team_id = {0} AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = m.lead_id)", "Read leads")]
    [InlineData("SELECT (SELECT count(*) FROM leads) FROM messages WHERE team_id = {0}", "Read leads")]
    [InlineData("SELECT * FROM (SELECT * FROM messages) AS x", "Read messages")]
    [InlineData("SELECT * FROM (SELECT * FROM messages) x JOIN leads l ON l.id = x.lead_id WHERE x.team_id = {0}", "Read leads")]
    [InlineData("SELECT * FROM leads l, LATERAL (SELECT * FROM messages m WHERE m.lead_id = l.id) x WHERE l.team_id = {0}", "Read messages")]
    // CTEs.
    [InlineData("WITH recent AS (SELECT * FROM messages WHERE created_at > now()) SELECT * FROM recent", "Read messages")]
    [InlineData("WITH a AS (SELECT * FROM messages) SELECT * FROM a x JOIN a y ON x.id = y.id WHERE x.team_id = {0}", "Read messages")]
    [InlineData("WITH gone AS (DELETE FROM messages WHERE created_at < {0} RETURNING *) INSERT INTO archive SELECT * FROM gone", "Delete messages")]
    [InlineData("WITH t AS (SELECT {0} AS team_id) SELECT * FROM messages, t", "Read messages")]
    // UNION branches are separate.
    [InlineData("SELECT id FROM messages WHERE team_id = {0} UNION ALL SELECT id FROM leads", "Read leads")]
    [InlineData("(SELECT id FROM messages) UNION (SELECT id FROM leads WHERE team_id = {0}) ORDER BY id", "Read messages")]
    // Writes fed by reads; UPDATE … FROM; DELETE … USING; MERGE.
    [InlineData("INSERT INTO archive (id) SELECT id FROM messages WHERE created_at < {0}", "Read messages")]
    [InlineData("INSERT INTO messages (team_id, body) SELECT team_id, body FROM leads", "Read leads")]
    [InlineData("UPDATE messages m SET status = l.status FROM leads l WHERE l.id = m.lead_id AND l.team_id = {0}", "Update messages")]
    [InlineData("DELETE FROM messages m USING leads l WHERE l.id = m.lead_id AND m.team_id = {0}", "Read leads")]
    [InlineData("MERGE INTO messages m USING staging s ON s.id = m.id WHEN MATCHED THEN UPDATE SET body = s.body", "Update messages")]
    // Several statements: each judged alone.
    [InlineData("UPDATE messages SET status = 'x' WHERE team_id = {0}; DELETE FROM leads WHERE id = {1};", "Delete leads")]
    [InlineData("SELECT * FROM messages WHERE team_id = {0}; SELECT * FROM messages", "Read messages")]
    // Mapped PascalCase names.
    [InlineData("SELECT * FROM \"LeadActivities\" WHERE \"Kind\" = {0}", "Read LeadActivities")]
    public void Unscoped_tenant_tables_are_found(string sql, string expected) => Assert.Equal(expected, Unscoped(sql));

    [Theory]
    // Constraints in every form the reader knows.
    [InlineData("SELECT * FROM messages WHERE team_id = {0}")]
    [InlineData("SELECT * FROM messages WHERE {0} = team_id")]
    [InlineData("SELECT * FROM messages WHERE TEAM_ID = @teamId")]
    [InlineData("SELECT * FROM messages WHERE \"team_id\" = $1")]
    [InlineData("SELECT * FROM messages WHERE team_id = {0}::uuid")]
    [InlineData("SELECT * FROM messages WHERE team_id::text = {0}")]
    [InlineData("SELECT * FROM messages WHERE (team_id) = ({0})")]
    [InlineData("SELECT * FROM messages WHERE team_id IN ({0}, {1})")]
    [InlineData("SELECT * FROM messages WHERE team_id = ANY({0})")]
    [InlineData("SELECT * FROM messages WHERE team_id = ANY(@teams)")]
    [InlineData("SELECT * FROM messages WHERE team_id IS NOT DISTINCT FROM {0}")]
    [InlineData("SELECT * FROM messages WHERE team_id = current_setting('app.team_id')::uuid")]
    [InlineData("SELECT * FROM messages WHERE team_id = 'a1b2c3d4-0000-0000-0000-000000000000'")]
    [InlineData("SELECT * FROM messages WHERE team_id IN (SELECT team_id FROM memberships WHERE user_id = {0})")]
    [InlineData("SELECT * FROM messages m WHERE m.status = 'x' AND m.team_id = {0}")]
    [InlineData("SELECT * FROM messages m WHERE created_at BETWEEN {1} AND {2} AND m.team_id = {0}")]
    [InlineData("SELECT * FROM messages m WHERE (m.status = 'x' AND (m.team_id = {0}))")]
    [InlineData("SELECT * FROM public.messages WHERE messages.team_id = {0}")]
    [InlineData("SELECT * FROM public.messages WHERE public.messages.team_id = {0}")]
    [InlineData("SELECT * FROM \"Messages\" AS \"m\" WHERE \"m\".\"TeamId\" = {0}")]
    [InlineData("SELECT * FROM \"LeadActivities\" WHERE \"TeamId\" = {0}")]
    [InlineData("SELECT team_id, count(*) FROM messages GROUP BY team_id HAVING team_id = {0}")]
    // Own or shared rows: a tenant's rows and those of no tenant; no other tenant's row passes.
    [InlineData("SELECT * FROM messages WHERE team_id = {0} OR team_id IS NULL")]
    [InlineData("SELECT * FROM messages WHERE (team_id IS NULL OR team_id = @teamId) AND status = 'x'")]
    [InlineData("SELECT * FROM messages m WHERE m.status = 'x' AND (m.team_id = {0} OR (m.team_id IS NULL))")]
    [InlineData("SELECT * FROM messages WHERE TEAM_ID = {0} OR team_id = {1} OR team_id IS NULL")]
    [InlineData("SELECT * FROM messages WHERE team_id = ANY({0}) OR team_id IS NULL")]
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.team_id = m.team_id WHERE m.team_id = {0} OR m.team_id IS NULL")]
    // Joins scoped through equalities.
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.id = m.lead_id AND l.team_id = m.team_id WHERE m.team_id = {0}")]
    [InlineData("SELECT * FROM messages m JOIN leads l ON l.team_id = m.team_id AND l.id = m.lead_id WHERE l.team_id = {0}")]
    [InlineData("SELECT * FROM messages m INNER JOIN leads l USING (team_id) WHERE m.team_id = {0}")]
    [InlineData("SELECT * FROM messages m LEFT JOIN leads l ON l.id = m.lead_id AND l.team_id = m.team_id WHERE m.team_id = {0}")]
    [InlineData("SELECT * FROM messages m LEFT OUTER JOIN leads l ON l.id = m.lead_id AND l.team_id = {0} WHERE m.team_id = {0}")]
    [InlineData("SELECT * FROM messages m JOIN teams t ON t.id = m.team_id WHERE t.id = {0}")]
    [InlineData("SELECT * FROM messages m, leads l WHERE m.team_id = {0} AND l.team_id = {0} AND l.id = m.lead_id")]
    [InlineData("SELECT * FROM (messages m JOIN leads l ON l.team_id = m.team_id) WHERE m.team_id = {0}")]
    // Subqueries and correlation.
    [InlineData("SELECT * FROM messages m WHERE m.team_id = {0} AND EXISTS (SELECT 1 FROM leads l WHERE l.id = m.lead_id AND l.team_id = m.team_id)")]
    [InlineData("SELECT (SELECT count(*) FROM leads l WHERE l.team_id = m.team_id) FROM messages m WHERE m.team_id = {0}")]
    [InlineData("SELECT * FROM (SELECT * FROM messages WHERE team_id = {0}) x")]
    [InlineData("SELECT * FROM (SELECT * FROM messages) x WHERE x.team_id = {0}")]
    [InlineData("SELECT * FROM generate_series(1, 10) g, messages m WHERE m.team_id = {0}")]
    // CTEs.
    [InlineData("WITH recent AS (SELECT * FROM messages WHERE team_id = {0}) SELECT * FROM recent")]
    [InlineData("WITH recent AS (SELECT * FROM messages) SELECT * FROM recent WHERE team_id = {0}")]
    [InlineData("WITH recent AS MATERIALIZED (SELECT * FROM messages) SELECT * FROM recent r WHERE r.team_id = {0}")]
    [InlineData("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t")]
    [InlineData("WITH messages AS (SELECT 1 AS id) SELECT * FROM messages")]
    [InlineData("WITH gone AS (DELETE FROM messages WHERE team_id = {0} AND created_at < {1} RETURNING *) INSERT INTO archive SELECT * FROM gone")]
    // Writes.
    [InlineData("DELETE FROM messages WHERE team_id = {0} AND created_at < {1}")]
    [InlineData("UPDATE messages SET status = 'x' WHERE team_id = @p0 AND id = @p1")]
    [InlineData("UPDATE messages m SET status = 'x' FROM leads l WHERE l.id = m.lead_id AND l.team_id = {0} AND m.team_id = l.team_id")]
    [InlineData("INSERT INTO messages (team_id, body) VALUES ({0}, {1})")]
    [InlineData("INSERT INTO messages (team_id, body) VALUES ({0}, {1}) ON CONFLICT (id) DO UPDATE SET body = excluded.body")]
    [InlineData("INSERT INTO archive SELECT * FROM messages m JOIN leads l ON l.team_id = m.team_id WHERE m.team_id = {0}")]
    [InlineData("MERGE INTO messages m USING staging s ON s.id = m.id AND m.team_id = {0} WHEN MATCHED THEN UPDATE SET body = s.body")]
    [InlineData("SELECT * FROM messages WHERE team_id = {0} UNION SELECT * FROM leads WHERE team_id = {0}")]
    // Not tenant tables, or no table at all.
    [InlineData("SELECT * FROM countries")]
    [InlineData("SELECT * FROM message_templates")]
    [InlineData("SELECT 'SELECT * FROM messages'")]
    [InlineData("-- SELECT * FROM messages\nSELECT 1")]
    [InlineData("SELECT purge_messages({0})")]
    [InlineData("CREATE INDEX ix ON messages (team_id)")]
    [InlineData("SET app.team_id = '1'")]
    [InlineData("SELECT * FROM unnest({0}::uuid[]) AS messages")]
    [InlineData("")]
    public void Scoped_or_unrelated_statements_are_not_reported(string sql) => Assert.Equal("", Unscoped(sql));

    [Theory]
    [InlineData("SELECT * FROM")]
    [InlineData("SELECT * FROM messages WHERE")]
    [InlineData("SELECT * FROM messages m JOIN")]
    [InlineData("SELECT * FROM (SELECT")]
    [InlineData("SELECT * FROM messages WHERE team_id = (")]
    [InlineData("WITH")]
    [InlineData("WITH x AS (")]
    [InlineData("UPDATE")]
    [InlineData("DELETE FROM")]
    [InlineData("INSERT INTO messages (")]
    [InlineData(")))) SELECT ((((")]
    [InlineData("MERGE INTO messages m USING")]
    [InlineData("SELECT * FROM a JOIN b USING (")]
    [InlineData("TRUNCATE")]
    [InlineData("EXPLAIN")]
    public void Half_written_SQL_never_throws(string sql) => SqlTenantScopeReader.FindUnscoped(sql, Catalog);

    [Fact]
    public void Statement_index_says_which_statement()
    {
        var uses = SqlTenantScopeReader.FindUnscoped("SELECT 1; SELECT * FROM leads WHERE team_id = {0}; DELETE FROM messages", Catalog);
        var use = Assert.Single(uses);
        Assert.Equal(2, use.StatementIndex);
        Assert.Equal(SqlTableAccess.Delete, use.Access);
        Assert.Same(Snake, use.Table);
    }

    [Fact]
    public void Deeply_nested_SQL_is_read_without_running_out_of_stack()
    {
        var sql = string.Concat(Enumerable.Repeat("SELECT * FROM (", 200)) + "SELECT * FROM messages" + new string(')', 200);
        Assert.Contains("Read messages", Unscoped(sql), StringComparison.Ordinal);
    }
}
