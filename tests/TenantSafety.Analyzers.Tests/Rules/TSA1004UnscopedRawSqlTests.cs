using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>TSA1004 on the test model: tenant entities <c>Lead</c> (DbSet <c>Leads</c>) and <c>Message</c> (<c>Messages</c>), key <c>TeamId</c>.</summary>
public class TSA1004UnscopedRawSqlTests
{
    public static TheoryData<string, EfCoreVersion> NonCompliant => RuleSources.WithEachEf(
        // Every API, sync and async.
        """db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM messages WHERE created_at < {0}"|}, DateTime.UtcNow);""",
        """db.Database.ExecuteSqlRawAsync({|TSA1004:"UPDATE leads SET status = 'archived'"|}).Wait();""",
        """db.Database.ExecuteSql({|TSA1004:$"DELETE FROM \"Messages\" WHERE \"Id\" = {lead.Id}"|});""",
        """db.Database.ExecuteSqlAsync({|TSA1004:$"DELETE FROM \"Messages\" WHERE \"LeadId\" = {lead.Id}"|}).Wait();""",
        """db.Database.ExecuteSqlInterpolated({|TSA1004:$"UPDATE leads SET email = {email} WHERE id = {lead.Id}"|});""",
        """db.Database.ExecuteSqlInterpolatedAsync({|TSA1004:$"UPDATE leads SET email = {email}"|}).Wait();""",
        """db.Database.SqlQuery<int>({|TSA1004:$"SELECT count(*) AS \"Value\" FROM messages"|}).ToList();""",
        """db.Database.SqlQueryRaw<int>({|TSA1004:"SELECT count(*) AS \"Value\" FROM messages WHERE status = {0}"|}, "queued").ToList();""",
        """db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}).ToList();""",
        """db.Leads.FromSql({|TSA1004:$"SELECT * FROM \"Leads\" WHERE \"Email\" = {email}"|}).ToList();""",
        """db.Leads.FromSqlInterpolated({|TSA1004:$"SELECT * FROM leads WHERE email = {email}"|}).ToList();""",
        """db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}).ToListAsync().Wait();""",
        """db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}).FirstOrDefault(l => l.Id == lead.Id);""",
        """db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}).Count();""",
        """foreach (var l in db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|})) { }""",
        // Names: DbSet name, class name, snake_case, quoted, any case, schema-qualified.
        """db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM \"Message\""|});""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"delete from MESSAGES"|});""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"TRUNCATE public.\"Leads\""|});""",
        // Composition that does not scope.
        """db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}).Where(l => l.Status == "new").OrderBy(l => l.Email).ToList();""",
        """var q = db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}); if (flag) q = q.Where(l => l.TeamId == teamId); q.ToList();""",
        """var q = db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|}); q.ToList();""",
        // SQL the compiler can see: concatenations, constants, interpolation text.
        """db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM messages " + "WHERE status = 'bounced'"|});""",
        """const string Purge = "DELETE FROM messages WHERE status = 'bounced'"; db.Database.ExecuteSqlRaw({|TSA1004:Purge|});""",
        """db.Database.ExecuteSqlRaw({|TSA1004:$"DELETE FROM messages WHERE created_at < '{DateTime.UtcNow:O}'"|});""",
        """
        db.Database.ExecuteSqlRaw({|TSA1004:@"
            DELETE FROM messages
            WHERE status = 'bounced'"|});
        """,
        // Tricky SQL: the tenant column only in a comment, a literal or a quoted name; OR; other tables.
        """db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM messages -- WHERE team_id = {0}"|}, teamId);""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM messages /* WHERE team_id = {0} */ WHERE id = {1}"|}, teamId, lead.Id);""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"UPDATE messages SET body = 'WHERE team_id = 1'"|});""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM messages WHERE team_id = {0} OR status = 'spam'"|}, teamId);""",
        """db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads WHERE team_id = {0} OR team_id IS NOT NULL"|}, teamId).ToList();""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"UPDATE leads SET status = 'x' WHERE team_id = {0}; DELETE FROM messages WHERE status = 'x';"|}, teamId);""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"WITH old AS (SELECT id FROM messages WHERE created_at < now()) DELETE FROM messages WHERE id IN (SELECT id FROM old) AND team_id = {0}"|}, teamId);""",
        """db.Database.SqlQueryRaw<string>({|TSA1004:"SELECT m.body AS \"Value\" FROM messages m JOIN leads l ON l.id = m.lead_id WHERE m.team_id = {0}"|}, teamId).ToList();""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"INSERT INTO archive SELECT * FROM messages WHERE created_at < {0}"|}, DateTime.UtcNow);""",
        """db.Database.ExecuteSqlRaw({|TSA1004:"UPDATE countries SET name = 'x' WHERE id IN (SELECT 1 FROM leads WHERE status = 'x')"|});""",
        // A non-tenant entity's SQL that reads a tenant table.
        """db.Countries.FromSqlRaw({|TSA1004:"SELECT c.* FROM countries c JOIN leads l ON l.email = c.name"|}).ToList();""");

    [Theory]
    [MemberData(nameof(NonCompliant))]
    public Task Unscoped_raw_SQL_is_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RuleSources.InMethod(body + "\n        return 0;"), ef);

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        """db.Database.ExecuteSqlRaw("DELETE FROM messages WHERE team_id = {0} AND created_at < {1}", teamId, DateTime.UtcNow);""",
        """db.Database.ExecuteSql($"UPDATE leads SET status = 'archived' WHERE team_id = {teamId}");""",
        """db.Database.ExecuteSqlInterpolated($"DELETE FROM \"Messages\" WHERE \"TeamId\" = {teamId} AND \"Id\" = {lead.Id}");""",
        """db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM messages WHERE team_id = {teamId}").ToList();""",
        """db.Database.ExecuteSqlRaw("UPDATE leads SET status = 'x' WHERE team_id = ANY({0})", teamIds.ToArray());""",
        """db.Database.ExecuteSqlRaw("DELETE FROM messages m USING leads l WHERE l.id = m.lead_id AND l.team_id = {0} AND m.team_id = l.team_id", teamId);""",
        """db.Database.SqlQueryRaw<string>("SELECT m.body AS \"Value\" FROM messages m JOIN leads l ON l.id = m.lead_id AND l.team_id = m.team_id WHERE m.team_id = {0}", teamId).ToList();""",
        """db.Database.ExecuteSqlRaw("WITH old AS (SELECT id FROM messages WHERE team_id = {0} AND created_at < now()) DELETE FROM messages WHERE team_id = {0} AND id IN (SELECT id FROM old)", teamId);""",
        """db.Database.ExecuteSqlRaw("INSERT INTO messages (id, team_id, body) VALUES ({0}, {1}, {2})", Guid.NewGuid(), teamId, "hi");""",
        // Own or shared rows, as the LINQ form l.TeamId == teamId || l.TeamId == null: shared rows belong to no other tenant.
        """db.Leads.FromSqlRaw("SELECT * FROM leads WHERE team_id = {0} OR team_id IS NULL", teamId).ToList();""",
        """db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM messages WHERE (team_id IS NULL OR team_id = {teamId}) AND status = 'queued'").ToList();""",
        // Not tenant tables.
        """db.Database.ExecuteSqlRaw("DELETE FROM countries WHERE name = 'Atlantis'");""",
        """db.Database.ExecuteSqlRaw("UPDATE teams SET name = {0}", email);""",
        """db.Database.ExecuteSqlRaw("SELECT 'DELETE FROM messages'");""",
        """db.Database.ExecuteSqlRaw("-- DELETE FROM messages\nSELECT 1");""",
        // A LINQ tenant predicate composed after FromSql* scopes it.
        """db.Leads.FromSqlRaw("SELECT * FROM leads").Where(l => l.TeamId == teamId).ToList();""",
        """db.Leads.FromSqlRaw("SELECT * FROM leads").Where(l => l.Status == "new").Where(l => l.TeamId == teamId).ToList();""",
        """db.Leads.FromSqlRaw("SELECT * FROM leads").FirstOrDefault(l => l.TeamId == teamId && l.Id == lead.Id);""",
        """var q = db.Leads.FromSql($"SELECT * FROM leads"); q = q.Where(l => l.TeamId == teamId); q.ToList();""",
        """db.Leads.FromSqlInterpolated($"SELECT * FROM leads WHERE team_id = {teamId}").ToList();""",
        // SQL built at run time is not guessed at.
        """var sql = "DELETE FROM messages"; db.Database.ExecuteSqlRaw(sql);""",
        """db.Database.ExecuteSqlRaw("DELETE FROM messages " + email);""",
        """db.Database.ExecuteSqlRaw($"DELETE FROM messages {email}");""",
        """db.Database.ExecuteSqlRaw(string.Format("DELETE FROM messages WHERE {0}", email));""",
        // Built and returned, not run here.
        """var built = db.Leads.FromSqlRaw("SELECT * FROM leads");""");

    [Theory]
    [MemberData(nameof(Compliant))]
    public Task Scoped_or_unreadable_raw_SQL_is_not_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RuleSources.InMethod(body + "\n        return 0;"), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task FromSql_on_an_entity_with_a_tenant_filter_is_composed_with_the_filter(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod(
                """
                        fdb.Notes.FromSqlRaw("SELECT * FROM notes").ToList();
                        fdb.Notes.FromSqlRaw({|TSA1004:"SELECT * FROM notes"|}).IgnoreQueryFilters().ToList();
                        fdb.Database.ExecuteSqlRaw({|TSA1004:"DELETE FROM notes WHERE status = 'x'"|});
                        return 0;
                """,
                FilteredModels.TenantFilterInOnModelCreating),
            ef);

    [Fact]
    public Task Message_names_the_table_the_column_and_what_the_statement_does() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InMethod("""
                        db.Database.ExecuteSqlRaw("DELETE FROM messages WHERE status = 'x'");
                        db.Database.ExecuteSqlRaw("TRUNCATE \"Leads\"");
                        db.Leads.FromSqlRaw("SELECT * FROM leads").ToList();
                        return 0;
                """),
            Verify.Diagnostic("TSA1004").WithSpan(49, 35, 49, 76).WithArguments("messages", "TeamId", "deletes from", "team"),
            Verify.Diagnostic("TSA1004").WithSpan(50, 35, 50, 55).WithArguments("Leads", "TeamId", "truncates", "team"),
            Verify.Diagnostic("TSA1004").WithSpan(51, 29, 51, 50).WithArguments("leads", "TeamId", "reads", "team"));

    [Fact]
    public Task One_finding_per_problem_even_with_several_execution_points() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InMethod("""
                    var q = db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|});
                    q.ToList();
                    q.Count();
                    foreach (var l in q) { }
                    return 0;
            """));

    [Fact]
    public Task Raw_SQL_in_a_helper_is_judged_where_the_query_runs() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InMethod(
            """
                    Raw(db).Where(l => l.TeamId == teamId).ToList();
                    return Raw(db).ToList();
                }

                private static IQueryable<Lead> Raw(AppDbContext db) => db.Leads.FromSqlRaw({|TSA1004:"SELECT * FROM leads"|});

                private void Unused()
                {
            """));

    public static TheoryData<string, string, string> MappedNames => new()
    {
        // [Table], ToTable, HasColumnName, [Column], configured key.
        { "[System.ComponentModel.DataAnnotations.Schema.Table(\"lead_records\")] public class Contact : ITeamOwned { public Guid Id { get; set; } public Guid TeamId { get; set; } }", "", "DELETE FROM lead_records" },
        { "public class Contact : ITeamOwned { public Guid Id { get; set; } public Guid TeamId { get; set; } }", "modelBuilder.Entity<Contact>().ToTable(\"crm_contacts\", \"crm\");", "DELETE FROM crm.crm_contacts" },
        { "public class Contact : ITeamOwned { public Guid Id { get; set; } public Guid TeamId { get; set; } }", "", "DELETE FROM \"Contacts\" WHERE \"OwnerTeam\" = {0}" },
        { "public class Contact : ITeamOwned { public Guid Id { get; set; } public Guid TeamId { get; set; } }", "modelBuilder.Entity<Contact>().Property(c => c.TeamId).HasColumnName(\"owner_team\");", "DELETE FROM contact WHERE team = {0}" },
    };

    [Theory]
    [MemberData(nameof(MappedNames))]
    public Task Mapped_table_names_are_known(string entity, string onModelCreating, string sql) =>
        Verify.VerifyAnalyzerAsync(MappedModel(entity, onModelCreating, "{|TSA1004:\"" + sql.Replace("\"", "\\\"", System.StringComparison.Ordinal) + "\"|}"));

    [Theory]
    [InlineData("public class Contact : ITeamOwned { public Guid Id { get; set; } public Guid TeamId { get; set; } }", "modelBuilder.Entity<Contact>().Property(c => c.TeamId).HasColumnName(\"owner_team\");", "DELETE FROM contacts WHERE owner_team = {0}")]
    [InlineData("public class Contact : ITeamOwned { public Guid Id { get; set; } [System.ComponentModel.DataAnnotations.Schema.Column(\"tenant\")] public Guid TeamId { get; set; } }", "", "DELETE FROM contacts WHERE tenant = {0}")]
    [InlineData("[System.ComponentModel.DataAnnotations.Schema.Table(\"lead_records\")] public class Contact : ITeamOwned { public Guid Id { get; set; } public Guid TeamId { get; set; } }", "", "DELETE FROM lead_records WHERE team_id = {0}")]
    public Task Mapped_tenant_columns_scope(string entity, string onModelCreating, string sql) =>
        Verify.VerifyAnalyzerAsync(MappedModel(entity, onModelCreating, "\"" + sql + "\""));

    [Fact]
    public Task Configured_tenant_key_names_the_column() =>
        Verify.VerifyAnalyzerAsync(
            [MappedModel(
                "public class Contact { public Guid Id { get; set; } public Guid TenantId { get; set; } public Guid TeamId { get; set; } }",
                "",
                "{|TSA1004:\"DELETE FROM contacts WHERE team_id = {0}\"|}")
                + """
                public static class More
                {
                    public static void Run(ContactsContext db, Guid tenantId) => db.Database.ExecuteSqlRaw("DELETE FROM contacts WHERE tenant_id = {0}", tenantId);
                }
                """],
            EfCoreVersion.Ef10,
            "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n");

    private static string MappedModel(string entity, string onModelCreating, string sqlArgument) => TestModel.Entities + entity + $$"""

        public class ContactsContext : DbContext
        {
            public DbSet<Contact> Contacts { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                {{onModelCreating}}
            }
        }

        public static class Purge
        {
            public static void Run(ContactsContext db) => db.Database.ExecuteSqlRaw({{sqlArgument}});
        }

        """;
}
