using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.HasMany(i => i.Labels).WithOne(l => l.InboxItem).HasForeignKey(l => l.InboxItemId);
        builder.Property(i => i.CurrentBucket).HasMaxLength(64);
    }
}
