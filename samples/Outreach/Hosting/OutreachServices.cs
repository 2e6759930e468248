using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Model;

namespace Outreach.Hosting;

/// <summary>
/// How the web app registers its data access (called from its Program.cs). The context takes the request's
/// tenant in its constructor, so it is registered per request, not pooled; its connection string comes from
/// appsettings.json (and appsettings.Production.json in production).
/// </summary>
public static class OutreachServices
{
    public static IServiceCollection AddOutreachData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<OutreachDbContext>(options => options.UseNpgsql(configuration.GetConnectionString("Outreach")));
        return services;
    }
}
