using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class IntelligenceLogEntryConfiguration : IEntityTypeConfiguration<IntelligenceLogEntry>
{
    public void Configure(EntityTypeBuilder<IntelligenceLogEntry> builder)
    {
        builder.ToTable("intelligence_log");
        builder.Property(e => e.PayloadJson).HasColumnType("jsonb");
        builder.Property(e => e.EventType).HasMaxLength(64);
    }
}
