using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        // The audit lists this index among the team_id indexes; it leads with team_id so that it serves
        // "this team's integration named X" and every per-team listing.
        builder.HasIndex(i => new { i.TeamId, i.Name }).HasDatabaseName("integrations_name_team_id_index");
        builder.Property(i => i.CredentialsJson).HasColumnType("jsonb");
    }
}
