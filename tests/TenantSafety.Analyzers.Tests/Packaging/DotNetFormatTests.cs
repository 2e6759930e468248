using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// <c>dotnet format analyzers</c> applies only fixes that support Fix All in solution, and exits 0 even when it
/// applied nothing: this runs it on a copy of the sample and checks the scoping fix was written.
/// </summary>
public sealed class DotNetFormatTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dotnet_format_analyzers_scopes_every_unscoped_query_of_the_sample_that_has_a_tenant_value()
    {
        using var workspace = SampleCopy.Create("tenantsafety-format-");
        var sample = workspace.SampleDirectory;

        // dotnet format loads analyzers from their built assemblies, as a user's CI would after a build.
        var build = await DotNetCli.RunAsync(workspace.Root, ["build", "samples/Outreach/Outreach.csproj"], TimeSpan.FromMinutes(8));
        Assert.True(build.Succeeded, build.Describe());

        // dotnet format asks Fix All for the key of the first finding's fix, and for none when that finding has no fix
        // (the sample has several: Find, services without a tenant value): every fixable finding is fixed all the same.
        var result = await DotNetCli.RunAsync(
            workspace.Root,
            ["format", "analyzers", "samples/Outreach/Outreach.csproj", "--diagnostics", "TSA1001", "TSA1002", "--severity", "warn"],
            TimeSpan.FromMinutes(8));
        output.WriteLine(result.Describe(40));
        Assert.True(result.Succeeded, result.Describe());

        var services = Path.Combine(sample, "Services");
        var leads = File.ReadAllText(Path.Combine(services, "LeadService.cs"));
        var inbox = File.ReadAllText(Path.Combine(services, "InboxService.cs"));
        var personas = File.ReadAllText(Path.Combine(services, "PersonaLookupService.cs"));
        Assert.Contains("db.Leads.Where(x => x.TeamId == tenant.TeamId).FirstOrDefaultAsync(l => l.Id == id)", leads, StringComparison.Ordinal);
        Assert.Contains("db.Leads.Where(x => x.TeamId == tenant.TeamId).AsQueryable()", leads, StringComparison.Ordinal);
        Assert.Contains("db.Leads.Where(x => x.TeamId == tenant.TeamId).Count(l => l.Status == \"new\")", leads, StringComparison.Ordinal);
        Assert.Contains("db.UnifiedLeadCards.Where(x => x.TeamId == tenant.TeamId).SingleOrDefaultAsync(c => c.LeadId == leadId)", leads, StringComparison.Ordinal);
        Assert.Contains("db.Messages.Where(x => x.TeamId == tenant.TeamId).Where(m => m.Status == \"failed\")", inbox, StringComparison.Ordinal);
        Assert.Contains("db.InboxItems.Where(x => x.TeamId == tenant.TeamId).Include(i => i.Labels)", inbox, StringComparison.Ordinal);
        Assert.Contains("db.PersonaPhones.Where(x => x.TeamId == tenant.TeamId).Where(p => p.Number == number)", personas, StringComparison.Ordinal);
        Assert.Contains("db.PersonaAddresses.Where(x => x.TeamId == tenant.TeamId).Where(a => a.PersonaId == personaId)", personas, StringComparison.Ordinal);

        // Queries that were already scoped are left alone: exactly the eight findings with a tenant value in
        // scope were fixed (LeadService.FindAsync keeps its Find: no fix is offered there). Findings with no
        // tenant value in scope and the export's suppressed one stay as they were.
        var inserted = Regex.Matches(leads + inbox + personas, Regex.Escape(".Where(x => x.TeamId == tenant.TeamId)")).Count;
        Assert.Equal(8, inserted);
        Assert.DoesNotContain("Unable to fix", result.StandardError, StringComparison.Ordinal);
        foreach (var untouched in new[] { "Services/AnalyticsService.cs", "Services/AdminExportService.cs", "Services/CampaignService.cs", "Services/Repository.cs", "Jobs/ScheduledEventDispatcher.cs" })
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(RepositoryFiles.Root, "samples", "Outreach", untouched)),
                File.ReadAllText(Path.Combine(sample, untouched)));
        }
    }
}
