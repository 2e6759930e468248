using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Migrations;

/// <summary>Builds migration test sources: an EF Core migration whose <c>Up</c> holds the given statements.</summary>
internal static class MigrationSources
{
    /// <summary>A migration <c>AddIndexes</c> whose <c>Up</c> body is <paramref name="up"/> (indented by 8) and whose <c>Down</c> is <paramref name="down"/>.</summary>
    public static string Migration(string up, string down = "") => $$"""
        using Microsoft.EntityFrameworkCore.Migrations;

        public partial class AddIndexes : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder)
            {
        {{up}}
            }

            protected override void Down(MigrationBuilder migrationBuilder)
            {
        {{down}}
            }
        }

        """;

    /// <summary>Every item with each EF Core version (and its Npgsql provider).</summary>
    public static TheoryData<string, EfCoreVersion> WithEachEf(params string[] items) => RuleSources.WithEachEf(items);
}
