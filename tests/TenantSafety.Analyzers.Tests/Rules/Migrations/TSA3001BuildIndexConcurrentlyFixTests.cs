using System.Threading.Tasks;
using TenantSafety.Analyzers.CodeFixes.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.ConcurrentIndexMigrationAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.BuildIndexConcurrentlyFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Migrations;

public class TSA3001BuildIndexConcurrentlyFixTests
{
    public static TheoryData<EfCoreVersion> Versions => new() { EfCoreVersion.Ef8, EfCoreVersion.Ef10 };

    [Theory]
    [MemberData(nameof(Versions))]
    public Task Scaffolded_CreateIndex_gets_the_annotation_on_its_own_line(EfCoreVersion ef) =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration("""
                        migrationBuilder.{|TSA3001:CreateIndex(
                            name: "IX_messages_team_id",
                            table: "messages",
                            column: "team_id")|};
                """),
            MigrationSources.Migration("""
                        migrationBuilder.CreateIndex(
                            name: "IX_messages_team_id",
                            table: "messages",
                            column: "team_id")
                            .Annotation("Npgsql:CreatedConcurrently", true);
                """),
            ef,
            provider: DatabaseProvider.Npgsql);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task One_line_CreateIndex_gets_the_annotation_inline(EfCoreVersion ef) =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration("""        migrationBuilder.{|TSA3001:CreateIndex("IX_leads_team_id", "leads", "team_id")|}; // lookups by team"""),
            MigrationSources.Migration("""        migrationBuilder.CreateIndex("IX_leads_team_id", "leads", "team_id").Annotation("Npgsql:CreatedConcurrently", true); // lookups by team"""),
            ef,
            provider: DatabaseProvider.Npgsql);

    [Fact]
    public Task An_annotation_that_says_false_is_set_to_true() =>
        // Adding a second annotation of the same name would throw when the migration runs.
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration("""        migrationBuilder.{|TSA3001:CreateIndex("IX_a", "messages", "team_id")|}.Annotation("Npgsql:CreatedConcurrently", false).Annotation("Npgsql:IndexMethod", "btree");"""),
            MigrationSources.Migration("""        migrationBuilder.CreateIndex("IX_a", "messages", "team_id").Annotation("Npgsql:CreatedConcurrently", true).Annotation("Npgsql:IndexMethod", "btree");"""),
            EfCoreVersion.Ef10,
            provider: DatabaseProvider.Npgsql);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task Sql_is_rewritten_to_CONCURRENTLY_outside_the_transaction(EfCoreVersion ef) =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration("""        migrationBuilder.{|TSA3001:Sql("CREATE UNIQUE INDEX ix_messages_team_id ON messages (team_id);")|};"""),
            MigrationSources.Migration("""        migrationBuilder.Sql("CREATE UNIQUE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id);", suppressTransaction: true);"""),
            ef,
            provider: DatabaseProvider.Npgsql);

    [Fact]
    public Task Sql_keeps_its_literal_form_comments_and_escapes() =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration("""
                        migrationBuilder.{|TSA3001:Sql(@"-- the index for the inbox
                create index /* not unique */ ix_inbox ON ""messages"" (team_id) WHERE status = 'index'")|};
                        migrationBuilder.{|TSA3001:Sql("\tCREATE INDEX\tix ON messages (team_id)", suppressTransaction: false)|};
                """),
            MigrationSources.Migration("""
                        migrationBuilder.Sql(@"-- the index for the inbox
                create index CONCURRENTLY /* not unique */ ix_inbox ON ""messages"" (team_id) WHERE status = 'index'", suppressTransaction: true);
                        migrationBuilder.Sql("\tCREATE INDEX CONCURRENTLY\tix ON messages (team_id)", suppressTransaction: true);
                """),
            EfCoreVersion.Ef10,
            provider: DatabaseProvider.Npgsql);

    [Fact]
    public Task Raw_string_literal_is_rewritten_in_place() =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration(""""
                        migrationBuilder.{|TSA3001:Sql("""
                            CREATE INDEX ix_messages_team_status
                                ON messages (team_id, status);
                            """)|};
                """"),
            MigrationSources.Migration(""""
                        migrationBuilder.Sql("""
                            CREATE INDEX CONCURRENTLY ix_messages_team_status
                                ON messages (team_id, status);
                            """, suppressTransaction: true);
                """"),
            EfCoreVersion.Ef10,
            provider: DatabaseProvider.Npgsql);

    [Theory]
    [InlineData("""        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix ON messages (team_id); CREATE INDEX iy ON leads (team_id);")|};""")]
    [InlineData("""        migrationBuilder.{|TSA3001:Sql("UPDATE messages SET status = 'x'; CREATE INDEX ix ON messages (team_id)")|};""")]
    [InlineData("""        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix " + "ON messages (team_id)")|};""")]
    [InlineData("""        const string Ddl = "CREATE INDEX ix ON messages (team_id)"; migrationBuilder.{|TSA3001:Sql(Ddl)|};""")]
    public Task No_fix_where_the_rewrite_would_not_be_safe_or_is_not_one_literal(string up) =>
        // Several statements in one Sql call run as one implicit transaction, where CONCURRENTLY fails as well.
        Verify.VerifyNoFixAsync(MigrationSources.Migration(up), EfCoreVersion.Ef10, provider: DatabaseProvider.Npgsql);

    [Theory]
    [MemberData(nameof(Versions))]
    public Task Fix_all_annotates_every_index_and_rewrites_every_statement(EfCoreVersion ef) =>
        Verify.VerifyFixAllAsync(
            MigrationSources.Migration("""
                        migrationBuilder.{|TSA3001:CreateIndex(
                            name: "IX_messages_team_id",
                            table: "messages",
                            column: "team_id")|};

                        migrationBuilder.{|TSA3001:CreateIndex(
                            name: "IX_leads_team_id",
                            table: "leads",
                            column: "team_id")|};

                        migrationBuilder.{|TSA3001:Sql("CREATE INDEX ix_inbox_team_id ON inbox_items (team_id)")|};
                """),
            MigrationSources.Migration("""
                        migrationBuilder.CreateIndex(
                            name: "IX_messages_team_id",
                            table: "messages",
                            column: "team_id")
                            .Annotation("Npgsql:CreatedConcurrently", true);

                        migrationBuilder.CreateIndex(
                            name: "IX_leads_team_id",
                            table: "leads",
                            column: "team_id")
                            .Annotation("Npgsql:CreatedConcurrently", true);

                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_inbox_team_id ON inbox_items (team_id)", suppressTransaction: true);
                """),
            ef,
            equivalenceKey: BuildIndexConcurrentlyFixer.EquivalenceKey,
            provider: DatabaseProvider.Npgsql);
}
