using Microsoft.EntityFrameworkCore;

namespace Outreach.Model;

public class OutreachDbContext(DbContextOptions<OutreachDbContext> options, ITenantContext tenant) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Campaigns carry a tenant filter (the EF Core counterpart of row-level security); leads and messages do not.
        modelBuilder.Entity<Campaign>().HasQueryFilter(c => c.TeamId == tenant.TeamId);
    }
}
