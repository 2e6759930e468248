using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasOne(m => m.Lead).WithMany().HasForeignKey(m => m.LeadId);
        builder.Property(m => m.Status).HasMaxLength(32);
        builder.Property(m => m.Channel).HasMaxLength(16);
    }
}
