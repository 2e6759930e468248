using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using TenantSafety.Analyzers.CodeFixes.Rules;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Migrations;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.MetaTests;

/// <summary>
/// Every fixable rule can be fixed from the command line: <c>dotnet format analyzers</c> applies only fixes with a Fix All
/// in solution, and asks it with the key of whatever finding came first, another rule's or one without a fix.
/// </summary>
public sealed class FixAllTests
{
    public static TheoryData<string> Fixers => new(typeof(AddModelConfigurationFixer).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Fixers))]
    public void Every_fixer_fixes_all_in_solution(string name)
    {
        var fixer = (CodeFixProvider)Activator.CreateInstance(typeof(AddModelConfigurationFixer).Assembly.GetTypes().Single(t => t.Name == name))!;

        var fixAll = fixer.GetFixAllProvider();

        Assert.NotNull(fixAll);
        Assert.Contains(FixAllScope.Solution, fixAll.GetSupportedFixAllScopes());
    }

    /// <summary>The migration analyzer reports both rules; asked for one with the other's finding first, each fixer fixes its own and only its own.</summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Each_migration_rule_is_fixed_when_the_other_rule_s_finding_comes_first(EfCoreVersion ef)
    {
        var concurrentFirst = MigrationSources.Migration("""
                    migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id)");
                    migrationBuilder.CreateIndex(name: "ix_leads_team_id", table: "leads", column: "team_id");
                    migrationBuilder.Sql("CREATE INDEX ix_personas_team_id ON personas (team_id)");
            """);
        var plainFirst = MigrationSources.Migration("""
                    migrationBuilder.Sql("CREATE INDEX ix_personas_team_id ON personas (team_id)");
                    migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id)");
            """);
        string[] both = [RuleIdentifiers.IndexWithoutConcurrently, RuleIdentifiers.ConcurrentlyInsideTransaction];

        var concurrently = await DotNetFormatFixAll.RunAsync([concurrentFirst], new ConcurrentIndexMigrationAnalyzer(), new BuildIndexConcurrentlyFixer(), RuleIdentifiers.IndexWithoutConcurrently, both, ef, DatabaseProvider.Npgsql);
        var suppressed = await DotNetFormatFixAll.RunAsync([plainFirst], new ConcurrentIndexMigrationAnalyzer(), new SuppressMigrationTransactionFixer(), RuleIdentifiers.ConcurrentlyInsideTransaction, both, ef, DatabaseProvider.Npgsql);

        Assert.NotNull(concurrently);
        Assert.Equal(
            MigrationSources.Migration("""
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id)");
                        migrationBuilder.CreateIndex(name: "ix_leads_team_id", table: "leads", column: "team_id").Annotation("Npgsql:CreatedConcurrently", true);
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_personas_team_id ON personas (team_id)", suppressTransaction: true);
                """),
            concurrently[0]);
        Assert.NotNull(suppressed);
        Assert.Equal(
            MigrationSources.Migration("""
                        migrationBuilder.Sql("CREATE INDEX ix_personas_team_id ON personas (team_id)");
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_messages_team_id ON messages (team_id)", suppressTransaction: true);
                """),
            suppressed[0]);
    }
}
