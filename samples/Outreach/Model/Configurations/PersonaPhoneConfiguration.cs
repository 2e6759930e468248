using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class PersonaPhoneConfiguration : IEntityTypeConfiguration<PersonaPhone>
{
    public void Configure(EntityTypeBuilder<PersonaPhone> builder)
    {
        builder.HasOne(p => p.Persona).WithMany(p => p.Phones).HasForeignKey(p => p.PersonaId);

        // Caller ID (Migrations/20250106090000_AddPersonaPhoneNumberIndex).
        builder.HasIndex(p => p.Number).HasDatabaseName("persona_phones_number_index");
    }
}
