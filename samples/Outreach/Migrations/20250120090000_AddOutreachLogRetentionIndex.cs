using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Model;

namespace Outreach.Migrations;

/// <summary>The retention job deletes outreach logs by age.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20250120090000_AddOutreachLogRetentionIndex")]
public partial class AddOutreachLogRetentionIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Fine: built CONCURRENTLY, and Npgsql runs it outside the migration transaction.
        migrationBuilder.CreateIndex(
            name: "outreach_logs_created_at_index",
            table: "outreach_logs",
            column: "created_at")
            .Annotation("Npgsql:CreatedConcurrently", true);

        // Fine: hand-written CONCURRENTLY SQL with the transaction suppressed.
        migrationBuilder.Sql(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS shared_links_expires_at_index ON shared_links (expires_at);",
            suppressTransaction: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "outreach_logs_created_at_index", table: "outreach_logs");
        migrationBuilder.Sql("DROP INDEX IF EXISTS shared_links_expires_at_index;");
    }
}
