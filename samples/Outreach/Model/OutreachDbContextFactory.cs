using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Outreach.Model;

/// <summary>
/// Builds the context for design-time tools (migrations, scripts). The connection string comes from
/// OUTREACH_DB; the tenant is nobody, so a design-time context reads no tenant's rows.
/// </summary>
public class OutreachDbContextFactory : IDesignTimeDbContextFactory<OutreachDbContext>
{
    public OutreachDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("OUTREACH_DB") ?? "Host=127.0.0.1;Database=outreach";
        var options = new DbContextOptionsBuilder<OutreachDbContext>().UseNpgsql(connectionString).Options;
        return new OutreachDbContext(options, new FixedTenant(Guid.Empty));
    }

    private sealed record FixedTenant(Guid TeamId) : ITenantContext;
}
