using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.HasIndex(l => l.TeamId).HasDatabaseName("leads_team_id_index");

        // An imported lead is identified by its source integration's id, per team.
        builder.HasIndex(l => new { l.TeamId, l.IntegrationId, l.ExternalId })
            .IsUnique()
            .HasDatabaseName("leads_team_id_integration_id_external_id_index");

        // Import deduplication (Migrations/20250113090000_AddLeadEmailIndex).
        builder.HasIndex(l => l.Email).HasDatabaseName("leads_email_index");

        builder.HasOne(l => l.Integration).WithMany().HasForeignKey(l => l.IntegrationId);
        builder.Property(l => l.Status).HasMaxLength(32);
        builder.Property(l => l.Email).HasMaxLength(320);
    }
}
