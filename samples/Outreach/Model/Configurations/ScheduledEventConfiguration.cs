using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class ScheduledEventConfiguration : IEntityTypeConfiguration<ScheduledEvent>
{
    public void Configure(EntityTypeBuilder<ScheduledEvent> builder)
    {
        builder.Property(e => e.PayloadJson).HasColumnType("jsonb");
        builder.Property(e => e.Status).HasMaxLength(32);
    }
}
