using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Model;

namespace Outreach.Migrations;

/// <summary>Caller ID looks personas up by phone number.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20250106090000_AddPersonaPhoneNumberIndex")]
public partial class AddPersonaPhoneNumberIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // TSA3001: persona_phones already holds rows; a plain CREATE INDEX blocks writes while it builds.
        migrationBuilder.CreateIndex(
            name: "persona_phones_number_index",
            table: "persona_phones",
            column: "number");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "persona_phones_number_index", table: "persona_phones");
    }
}
