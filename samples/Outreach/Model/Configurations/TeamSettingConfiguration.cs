using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Model.Configurations;

public class TeamSettingConfiguration : IEntityTypeConfiguration<TeamSetting>
{
    public void Configure(EntityTypeBuilder<TeamSetting> builder)
    {
        builder.HasOne(s => s.Team).WithMany(t => t.Settings).HasForeignKey(s => s.TeamId);
        builder.HasIndex(s => new { s.TeamId, s.Name, s.Scope }).HasDatabaseName("team_settings_team_id_name_scope_index");
    }
}
