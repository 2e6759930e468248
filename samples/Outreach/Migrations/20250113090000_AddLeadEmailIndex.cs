using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Model;

namespace Outreach.Migrations;

/// <summary>Deduplication on import looks leads up by email.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20250113090000_AddLeadEmailIndex")]
public partial class AddLeadEmailIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // TSA3002: CONCURRENTLY cannot run inside the transaction EF Core wraps each migration in.
        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY leads_email_index ON leads (email);");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX IF EXISTS leads_email_index;");
    }
}
