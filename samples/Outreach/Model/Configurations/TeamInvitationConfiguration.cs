using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class TeamInvitationConfiguration : IEntityTypeConfiguration<TeamInvitation>
{
    public void Configure(EntityTypeBuilder<TeamInvitation> builder)
    {
        builder.HasOne(i => i.Team).WithMany(t => t.Invitations).HasForeignKey(i => i.TeamId);
        builder.HasIndex(i => i.TeamId).HasDatabaseName("team_invitations_team_id_index");
        builder.HasIndex(i => new { i.TeamId, i.Email }).HasDatabaseName("team_invitations_team_id_email_index");
    }
}
