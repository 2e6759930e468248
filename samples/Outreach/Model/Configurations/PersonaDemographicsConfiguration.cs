using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class PersonaDemographicsConfiguration : IEntityTypeConfiguration<PersonaDemographics>
{
    public void Configure(EntityTypeBuilder<PersonaDemographics> builder)
    {
        builder.HasOne(d => d.Persona).WithOne(p => p.Demographics).HasForeignKey<PersonaDemographics>(d => d.PersonaId);
    }
}
