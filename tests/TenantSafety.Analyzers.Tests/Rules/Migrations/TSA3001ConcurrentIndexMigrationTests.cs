using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.ConcurrentIndexMigrationAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Migrations;

public class TSA3001ConcurrentIndexMigrationTests
{
    public static TheoryData<string, EfCoreVersion> IndexOnExistingTable => MigrationSources.WithEachEf(
        // CreateIndex as EF Core scaffolds it, and its other forms.
        """
                migrationBuilder.{|TSA3001:CreateIndex(
                    name: "IX_messages_team_id",
                    table: "messages",
                    column: "team_id")|};
        """,
        """        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_messages_team_id_status", table: "messages", columns: new[] { "team_id", "status" }, unique: true)|};""",
        """        migrationBuilder.{|TSA3001:CreateIndex("IX_leads_team_id", "leads", "team_id")|};""",
        """        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_messages_team_id", table: "messages", schema: "public", column: "team_id", filter: "status = 'queued'")|};""",
        // An annotation that is not Npgsql's, or that says false.
        """        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_a", table: "messages", column: "team_id")|}.Annotation("Npgsql:IndexMethod", "btree");""",
        """        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_a", table: "messages", column: "team_id")|}.Annotation("Npgsql:CreatedConcurrently", false);""",
        // The table is created later, or under another name.
        """
                migrationBuilder.{|TSA3001:CreateIndex(name: "IX_a", table: "messages", column: "team_id")|};
                migrationBuilder.CreateTable(name: "messages", columns: table => new { id = table.Column<int>(nullable: false) });
        """,
        """
                migrationBuilder.CreateTable(name: "message_archive", columns: table => new { id = table.Column<int>(nullable: false) });
                migrationBuilder.{|TSA3001:CreateIndex(name: "IX_a", table: "messages", column: "team_id")|};
        """,
        // Hand-written SQL.
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix_messages_team_id ON messages (team_id)")|};""",
        """        migrationBuilder.{|TSA3001:Sql("create unique index ix_messages_team_id on public.messages using btree (team_id)")|};""",
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX IF NOT EXISTS ix ON ONLY \"Messages\" (\"TeamId\")")|};""",
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ON messages (team_id)")|};""",
        // Comments, literals and quoted names that say CONCURRENTLY do not make the statement concurrent.
        """
                migrationBuilder.{|TSA3001:Sql(@"-- must be built CONCURRENTLY on production
        CREATE INDEX ix ON messages (team_id)")|};
        """,
        """        migrationBuilder.{|TSA3001:Sql("CREATE /* CONCURRENTLY */ INDEX ix ON messages (team_id)")|};""",
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX \"CONCURRENTLY\" ON messages (team_id)")|};""",
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix ON messages (team_id) WHERE note <> 'CONCURRENTLY'")|};""",
        // Concatenations and constants.
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix " + "ON messages (team_id)")|};""",
        """        const string Ddl = "CREATE INDEX ix ON messages (team_id)"; migrationBuilder.{|TSA3001:Sql(Ddl)|};""",
        // Among other statements.
        """        migrationBuilder.{|TSA3001:Sql("UPDATE messages SET status = 'sent' WHERE status IS NULL; CREATE INDEX ix ON messages (team_id);")|};""",
        // A table created in SQL counts only for later statements.
        """        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix ON t (c); CREATE TABLE t (c int);")|};""");

    [Theory]
    [MemberData(nameof(IndexOnExistingTable))]
    public Task Index_on_an_existing_table_without_CONCURRENTLY_is_reported(string up, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(MigrationSources.Migration(up), ef, DatabaseProvider.Npgsql);

    public static TheoryData<string, EfCoreVersion> ConcurrentlyInTransaction => MigrationSources.WithEachEf(
        """        migrationBuilder.{|TSA3002:Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)")|};""",
        """        migrationBuilder.{|TSA3002:Sql("create unique index concurrently if not exists ix on messages (team_id)")|};""",
        """        migrationBuilder.{|TSA3002:Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)", suppressTransaction: false)|};""",
        """        migrationBuilder.{|TSA3002:Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)", false)|};""",
        """        migrationBuilder.{|TSA3002:Sql("DROP INDEX CONCURRENTLY IF EXISTS ix_messages_team_id")|};""",
        """        migrationBuilder.{|TSA3002:Sql("REINDEX INDEX CONCURRENTLY ix_messages_team_id")|};""",
        """        migrationBuilder.{|TSA3002:Sql("REINDEX (VERBOSE) TABLE CONCURRENTLY messages")|};""",
        """        migrationBuilder.{|TSA3002:Sql("ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY")|};""",
        """        migrationBuilder.{|TSA3002:Sql("-- index\nCREATE INDEX CONCURRENTLY ix ON messages (team_id);")|};""",
        """        migrationBuilder.{|TSA3002:Sql($"CREATE INDEX CONCURRENTLY ix_{nameof(AddIndexes)} ON messages (team_id)")|};""",
        """
                migrationBuilder.{|TSA3002:Sql(""
                    CREATE INDEX CONCURRENTLY ix_messages_team_status
                        ON messages (team_id, status);
                    "")|};
        """.Replace("\"\"", "\"\"\"", System.StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(ConcurrentlyInTransaction))]
    public Task CONCURRENTLY_inside_the_migration_transaction_is_reported(string up, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(MigrationSources.Migration(up), ef, DatabaseProvider.Npgsql);

    public static TheoryData<string, EfCoreVersion> Compliant => MigrationSources.WithEachEf(
        // Npgsql builds the index concurrently, outside the transaction.
        """
                migrationBuilder.CreateIndex(
                    name: "IX_messages_team_id",
                    table: "messages",
                    column: "team_id")
                    .Annotation("Npgsql:CreatedConcurrently", true);
        """,
        """        migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "team_id").Annotation("Npgsql:IndexMethod", "btree").Annotation("Npgsql:CreatedConcurrently", true);""",
        // A value we cannot read is given the benefit of the doubt.
        """        var concurrently = DateTime.Now.Year > 2000; migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "team_id").Annotation("Npgsql:CreatedConcurrently", concurrently);""",
        // A table created earlier in the same migration is new and empty.
        """
                migrationBuilder.CreateTable(
                    name: "messages",
                    columns: table => new
                    {
                        id = table.Column<int>(type: "integer", nullable: false),
                        team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    },
                    constraints: table => table.PrimaryKey("PK_messages", x => x.id));

                migrationBuilder.CreateIndex(name: "IX_messages_team_id", table: "messages", column: "team_id");
                migrationBuilder.Sql("CREATE INDEX ix_messages_team_id_2 ON messages (team_id)");
        """,
        """        migrationBuilder.Sql("CREATE TABLE IF NOT EXISTS t (c int); CREATE INDEX ix ON t (c);");""",
        """        migrationBuilder.Sql("CREATE UNLOGGED TABLE public.t (c int)"); migrationBuilder.CreateIndex("ix", "t", "c");""",
        // CONCURRENTLY outside the transaction.
        """        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)", suppressTransaction: true);""",
        """        migrationBuilder.Sql("CREATE UNIQUE INDEX CONCURRENTLY ix ON messages (team_id)", true);""",
        """        migrationBuilder.Sql("DROP INDEX CONCURRENTLY ix", suppressTransaction: true);""",
        """        var suppress = DateTime.Now.Year > 2000; migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)", suppress);""",
        // Not index DDL: text in literals and comments, other statements, REFRESH … CONCURRENTLY (allowed in a transaction).
        """        migrationBuilder.Sql("INSERT INTO notes (body) VALUES ('CREATE INDEX ix ON messages (team_id)')");""",
        """        migrationBuilder.Sql("/* CREATE INDEX ix ON messages (team_id) */ SELECT 1");""",
        """        migrationBuilder.Sql("-- CREATE INDEX CONCURRENTLY ix ON messages (team_id)\nSELECT 1");""",
        """        migrationBuilder.Sql("SELECT $ddl$CREATE INDEX CONCURRENTLY ix ON messages (team_id)$ddl$");""",
        """        migrationBuilder.Sql("REFRESH MATERIALIZED VIEW CONCURRENTLY team_stats");""",
        """        migrationBuilder.Sql("ALTER TABLE messages ADD COLUMN archived boolean NOT NULL DEFAULT false");""",
        """        migrationBuilder.DropIndex(name: "IX_messages_team_id", table: "messages");""",
        // SQL built at run time is not guessed at.
        """        var table = DateTime.Now.Year > 2000 ? "messages" : "leads"; migrationBuilder.Sql("CREATE INDEX ix ON " + table + " (team_id)");""");

    [Theory]
    [MemberData(nameof(Compliant))]
    public Task Compliant_migrations_are_not_reported(string up, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(MigrationSources.Migration(up), ef, DatabaseProvider.Npgsql);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Down_is_judged_like_Up(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration(
                up: """        migrationBuilder.DropIndex(name: "IX_messages_team_id", table: "messages");""",
                down: """        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_messages_team_id", table: "messages", column: "team_id")|};"""),
            ef,
            DatabaseProvider.Npgsql);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_table_created_in_Up_is_not_new_in_another_migration_or_method(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration(
                up: """        migrationBuilder.CreateTable(name: "messages", columns: table => new { id = table.Column<int>(nullable: false) });""",
                down: """        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_messages_team_id", table: "messages", column: "team_id")|};""")
            + """
                public partial class Later : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix ON messages (team_id)")|};
                    }
                }
                """,
            ef,
            DatabaseProvider.Npgsql);

    [Fact]
    public Task Both_rules_on_one_Sql_call() =>
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration("""        migrationBuilder.{|TSA3001:{|TSA3002:Sql("CREATE INDEX ix ON leads (team_id); CREATE INDEX CONCURRENTLY iy ON messages (team_id);")|}|};"""),
            EfCoreVersion.Ef10,
            DatabaseProvider.Npgsql);

    [Fact]
    public Task Messages_name_the_table_and_the_statement() =>
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration("""
                        migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "team_id");
                        migrationBuilder.Sql("DROP INDEX CONCURRENTLY ix");
                """),
            EfCoreVersion.Ef10,
            DatabaseProvider.Npgsql,
            Verify.Diagnostic("TSA3001").WithSpan(7, 26, 7, 89).WithArguments("messages"),
            Verify.Diagnostic("TSA3002").WithSpan(8, 26, 8, 59).WithArguments("DROP INDEX CONCURRENTLY"));

    [Fact]
    public Task A_table_named_by_a_variable_is_named_as_written() =>
        // A loop over table names: the message names the variable rather than a question mark.
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration("""
                        foreach (var table in new[] { "leads", "messages" })
                        {
                            migrationBuilder.{|#0:CreateIndex(name: $"IX_{table}_CompanyId", table: table, column: "CompanyId")|};
                        }
                """),
            EfCoreVersion.Ef10,
            DatabaseProvider.Npgsql,
            Verify.Diagnostic("TSA3001").WithLocation(0).WithArguments("table"));

    public static TheoryData<EfCoreVersion> Versions => new() { EfCoreVersion.Ef8, EfCoreVersion.Ef10 };

    [Theory]
    [MemberData(nameof(Versions))]
    public Task Without_the_Npgsql_provider_the_rules_are_silent(EfCoreVersion ef) =>
        // The same migrations that are reported above, in a project on another provider (SQL Server, SQLite …).
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration("""
                        migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "team_id");
                        migrationBuilder.Sql("CREATE INDEX ix ON messages (team_id)");
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY iy ON messages (team_id)");
                """),
            ef,
            DatabaseProvider.None);

    /// <summary>
    /// A project that references Npgsql may ship migrations for another provider too (a SQL Server set): one whose code
    /// names that provider's annotations or store types and nothing of Npgsql's is not judged; one that names Npgsql's is.
    /// </summary>
    [Theory]
    [MemberData(nameof(Versions))]
    public Task A_migration_written_for_another_provider_is_not_judged(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            MigrationSources.Migration("""
                        migrationBuilder.AddColumn<string>(name: "name", table: "messages", type: "nvarchar(200)", nullable: true);
                        migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "name");
                """)
            + """

                public partial class SqlServerIdentity : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AlterColumn<int>(name: "id", table: "leads").Annotation("SqlServer:Identity", "1, 1");
                        migrationBuilder.Sql("CREATE INDEX ix ON leads (team_id)");
                    }
                }

                public partial class Postgres : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AlterColumn<int>(name: "id", table: "leads").Annotation("Npgsql:ValueGenerationStrategy", 2);
                        migrationBuilder.AddColumn<string>(name: "note", table: "leads", type: "nvarchar(20)", nullable: true);
                        migrationBuilder.{|TSA3001:CreateIndex(name: "IX_b", table: "leads", column: "team_id")|};
                    }
                }
                """,
            ef,
            DatabaseProvider.Npgsql);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task Only_classes_deriving_from_Migration_are_read(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.EntityFrameworkCore.Migrations;

            public static class IndexScripts
            {
                public static void Add(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "team_id");
                    migrationBuilder.Sql("CREATE INDEX CONCURRENTLY iy ON messages (team_id)");
                }
            }
            """,
            ef,
            DatabaseProvider.Npgsql);
}
