using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class LeadLabelConfiguration : IEntityTypeConfiguration<LeadLabel>
{
    public void Configure(EntityTypeBuilder<LeadLabel> builder)
    {
        builder.HasIndex(l => l.TeamId).HasDatabaseName("lead_labels_team_id_index");
        builder.HasIndex(l => new { l.TeamId, l.Name, l.Category }).HasDatabaseName("lead_labels_team_id_name_category_index");
    }
}
