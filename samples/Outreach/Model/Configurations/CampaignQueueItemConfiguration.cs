using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class CampaignQueueItemConfiguration : IEntityTypeConfiguration<CampaignQueueItem>
{
    public void Configure(EntityTypeBuilder<CampaignQueueItem> builder)
    {
        builder.HasOne(q => q.Campaign).WithMany().HasForeignKey(q => q.CampaignId);
        builder.Property(q => q.Status).HasMaxLength(32);
    }
}
