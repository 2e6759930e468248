using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// Fix All of every fixable rule through <c>dotnet format analyzers</c> on the sample (see <see cref="FixAllProperty"/>),
/// and what it writes: the scoping fix where a tenant value is in scope, whichever finding dotnet format asks about first,
/// and the model fixes where each entity is configured.
/// </summary>
public sealed class SampleFixAllPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fix_all_on_the_sample_leaves_a_project_that_compiles_with_no_new_finding_and_nothing_left_to_fix()
    {
        using var workspace = FixAllWorkspace.Sample();

        var (before, after) = await FixAllProperty.CheckAsync(workspace, output, FixAllProperty.QueryAndMigrationPass, FixAllProperty.ModelPass);

        // The redundant indexes the sample was written with stay; the fixes add none (their index widens (TeamId) instead).
        Assert.Equal(3, before.Count(f => f.Id == RuleIdentifiers.RedundantIndex));
        Assert.Equal(3, after.Count(f => f.Id == RuleIdentifiers.RedundantIndex));

        // dotnet format asks Fix All for the key of the first finding's fix, and for none when that finding has no fix
        // (the sample has several: Find, services without a tenant value): every fixable finding is fixed all the same.
        var sample = workspace.ProjectDirectory;
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
        Assert.Contains("db.Personas.Where(x => x.TeamId == tenant.TeamId).IgnoreQueryFilters()", personas, StringComparison.Ordinal);

        // Queries that were already scoped are left alone: exactly the nine findings with a tenant value in scope were fixed
        // (LeadService.FindAsync keeps its Find: no fix is offered there). Findings with no tenant value in scope and the
        // export's suppressed one stay as they were.
        Assert.Equal(9, Regex.Matches(leads + inbox + personas, Regex.Escape(".Where(x => x.TeamId == tenant.TeamId)")).Count);
        foreach (var untouched in new[] { "Services/AnalyticsService.cs", "Services/AdminExportService.cs", "Services/CampaignService.cs", "Services/Repository.cs", "Jobs/ScheduledEventDispatcher.cs" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "samples", "Outreach", untouched)), File.ReadAllText(Path.Combine(sample, untouched)));
        }

        // The model fixes: [Index] only on the two entities mapped by attributes alone ([Table], no fluent configuration of
        // their own), none on an entity with a configuration class (dotnet format used to put one on all 44).
        var added = IndexAttributes(Path.Combine(sample, "Model", "Entities")).Except(IndexAttributes(Path.Combine(RepositoryFiles.Root, "samples", "Outreach", "Model", "Entities"))).Order(StringComparer.Ordinal);
        Assert.Equal(["PersonaMergeRecord", "SuppressionEntry"], added);
    }

    /// <summary>The classes an <c>[Index(nameof(TeamId))]</c> is written on, in the entity files of <paramref name="directory"/>.</summary>
    private static string[] IndexAttributes(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.cs")
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\[Index\(nameof\(TeamId\)\)\]\s*(?:\[[^\]]*\]\s*)*public (?:sealed )?class (\w+)"))
            .Select(m => m.Groups[1].Value)];
}
