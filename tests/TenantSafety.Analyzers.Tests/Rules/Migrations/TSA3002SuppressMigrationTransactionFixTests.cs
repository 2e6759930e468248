using System.Threading.Tasks;
using TenantSafety.Analyzers.CodeFixes.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.ConcurrentIndexMigrationAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.SuppressMigrationTransactionFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Migrations;

public class TSA3002SuppressMigrationTransactionFixTests
{
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Adds_suppressTransaction(EfCoreVersion ef) =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration("""        migrationBuilder.{|TSA3002:Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)")|};"""),
            MigrationSources.Migration("""        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix ON messages (team_id)", suppressTransaction: true);"""),
            ef,
            provider: DatabaseProvider.Npgsql);

    [Theory]
    [InlineData("""Sql("DROP INDEX CONCURRENTLY ix", suppressTransaction: false)""", """Sql("DROP INDEX CONCURRENTLY ix", suppressTransaction: true)""")]
    [InlineData("""Sql("DROP INDEX CONCURRENTLY ix", false)""", """Sql("DROP INDEX CONCURRENTLY ix", true)""")]
    [InlineData("""Sql(sql: "REINDEX INDEX CONCURRENTLY ix")""", """Sql(sql: "REINDEX INDEX CONCURRENTLY ix", suppressTransaction: true)""")]
    public Task An_explicit_false_becomes_true(string call, string fixedCall) =>
        Verify.VerifyCodeFixAsync(
            MigrationSources.Migration($$"""        migrationBuilder.{|TSA3002:{{call}}|};"""),
            MigrationSources.Migration($$"""        migrationBuilder.{{fixedCall}};"""),
            EfCoreVersion.Ef10,
            provider: DatabaseProvider.Npgsql);

    [Fact]
    public Task Fix_all_in_a_migration() =>
        Verify.VerifyFixAllAsync(
            MigrationSources.Migration("""
                        migrationBuilder.{|TSA3002:Sql("CREATE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id)")|};
                        migrationBuilder.{|TSA3002:Sql("CREATE INDEX CONCURRENTLY ix_leads_team_id ON leads (team_id)")|};
                """),
            MigrationSources.Migration("""
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id)", suppressTransaction: true);
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_leads_team_id ON leads (team_id)", suppressTransaction: true);
                """),
            EfCoreVersion.Ef10,
            equivalenceKey: SuppressMigrationTransactionFixer.EquivalenceKey,
            provider: DatabaseProvider.Npgsql);
}
