using System;
using System.IO;
using System.Linq;
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
    public async Task Dotnet_format_analyzers_scopes_every_unscoped_query_of_the_sample()
    {
        var workspace = Directory.CreateTempSubdirectory("tenantsafety-format-");
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "nuget.config", "global.json" })
            {
                File.Copy(Path.Combine(RepositoryFiles.Root, file), Path.Combine(workspace.FullName, file));
            }

            CopySources(Path.Combine(RepositoryFiles.Root, "src", "TenantSafety.Analyzers"), Path.Combine(workspace.FullName, "src", "TenantSafety.Analyzers"));
            CopySources(Path.Combine(RepositoryFiles.Root, "src", "TenantSafety.Analyzers.CodeFixes"), Path.Combine(workspace.FullName, "src", "TenantSafety.Analyzers.CodeFixes"));
            var sample = Path.Combine(workspace.FullName, "samples", "Outreach");
            CopySources(Path.Combine(RepositoryFiles.Root, "samples", "Outreach"), sample);

            // dotnet format loads analyzers from their built assemblies, as a user's CI would after a build.
            var build = await DotNetCli.RunAsync(workspace.FullName, ["build", "samples/Outreach/Outreach.csproj"], TimeSpan.FromMinutes(8));
            Assert.True(build.Succeeded, build.Describe());

            var result = await DotNetCli.RunAsync(
                workspace.FullName,
                ["format", "analyzers", "samples/Outreach/Outreach.csproj", "--diagnostics", "TSA1001", "TSA1002", "--severity", "warn"],
                TimeSpan.FromMinutes(8));
            output.WriteLine(result.Describe(40));
            Assert.True(result.Succeeded, result.Describe());

            var leads = File.ReadAllText(Path.Combine(sample, "Services", "LeadService.cs"));
            var inbox = File.ReadAllText(Path.Combine(sample, "Services", "InboxService.cs"));
            Assert.Contains("db.Leads.Where(x => x.TeamId == tenant.TeamId).FirstOrDefaultAsync(l => l.Id == id)", leads, StringComparison.Ordinal);
            Assert.Contains("db.Leads.Where(x => x.TeamId == tenant.TeamId).AsQueryable()", leads, StringComparison.Ordinal);
            Assert.Contains("db.Leads.Where(x => x.TeamId == tenant.TeamId).Count(l => l.Status == \"new\")", leads, StringComparison.Ordinal);
            Assert.Contains("db.Messages.Where(x => x.TeamId == tenant.TeamId).Where(m => m.Status == \"failed\")", inbox, StringComparison.Ordinal);

            // Queries that were already scoped are left alone: exactly the four findings were fixed.
            var inserted = Regex.Matches(leads + inbox, Regex.Escape(".Where(x => x.TeamId == tenant.TeamId)")).Count;
            Assert.Equal(4, inserted);
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar).First();
            if (first is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
