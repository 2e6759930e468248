using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// A project outside the repository installs the packed package from a local feed, like a user would,
/// and builds with <c>-warnaserror</c>: the analyzers load from the package and fail the build on an
/// unscoped query.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ConsumerBuildTests(PackedAnalyzerPackage package, ITestOutputHelper output)
{
    private const string LocalSourceKey = "tenantsafety-local";

    [Fact]
    public async Task Unscoped_lookup_by_id_fails_the_build_with_TSA1001()
    {
        var result = await BuildConsumerAsync("unscoped", "db.Leads.FirstOrDefault(l => l.Id == id)", verbosity: "minimal");

        Assert.False(result.Succeeded, "The build should fail on TSA1001.\n" + result.Describe());
        Assert.Contains("error TSA1001", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Query on 'Lead' has no condition on TeamId", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scoped_lookup_builds_with_the_packaged_analyzers_loaded()
    {
        var result = await BuildConsumerAsync("scoped", "db.Leads.Where(l => l.TeamId == teamId).FirstOrDefault(l => l.Id == id)", verbosity: "normal");

        Assert.True(result.Succeeded, "The build should succeed.\n" + result.Describe());

        // The compiler command line (logged at normal verbosity) names each analyzer it loads.
        var log = result.StandardOutput.Replace('\\', '/');
        foreach (var assembly in PackedAnalyzerPackage.AnalyzerAssemblies)
        {
            var expected = $"tenantsafety.analyzers/{package.Version.ToLowerInvariant()}/analyzers/dotnet/cs/{assembly}";
            Assert.True(
                log.Split(' ').Any(argument => argument.StartsWith("/analyzer:", StringComparison.Ordinal) && argument.EndsWith(expected, StringComparison.OrdinalIgnoreCase)),
                $"The compiler was not given the analyzer …/{expected}.\n{result.Describe()}");
        }
    }

    /// <summary>The global packages folder of the consumers: per run, so only this run's package is in it.</summary>
    private string PackagesFolder => Path.Combine(package.WorkDirectory, "packages");

    private async Task<DotNetResult> BuildConsumerAsync(string name, string query, string verbosity)
    {
        var directory = Path.Combine(package.WorkDirectory, "consumers", name);
        Directory.CreateDirectory(directory);

        // Nothing from the folders above the consumer (the temp folder) may take part in its build.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        if (File.Exists(RepositoryFiles.GlobalJson))
        {
            File.Copy(RepositoryFiles.GlobalJson, Path.Combine(directory, "global.json"));
        }

        CreateNuGetConfig().Save(Path.Combine(directory, "nuget.config"));
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.EntityFrameworkCore" Version="{{RepositoryFiles.CentralPackageVersion("Microsoft.EntityFrameworkCore")}}" />
                <PackageReference Include="{{PackedAnalyzerPackage.PackageId}}" Version="{{package.Version}}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Leads.cs"), $$"""
            using Microsoft.EntityFrameworkCore;

            namespace Consumer;

            // Indexed by the tenant key, so the only rule in play is the query's (TSA2001 stays quiet).
            [Index(nameof(TeamId))]
            public sealed class Lead
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Name { get; set; } = "";
            }

            public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
            {
                public DbSet<Lead> Leads => Set<Lead>();
            }

            public static class LeadQueries
            {
                public static Lead? GetLead(AppDbContext db, Guid teamId, Guid id)
                {
                    return {{query}};
                }
            }
            """);

        var result = await DotNetCli.RunAsync(
            directory,
            ["build", "Consumer.csproj", "-warnaserror", "--disable-build-servers", "-nologo", "--verbosity", verbosity],
            TimeSpan.FromMinutes(5),
            // The consumer's nuget.config names its packages folder; NUGET_PACKAGES would override it.
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = null });

        output.WriteLine($"> {result.CommandLine}   (in {directory})");
        output.WriteLine($"exit code {result.ExitCode} after {result.Elapsed.TotalSeconds:F1} s");
        foreach (var line in result.StandardOutput.Split('\n').Where(line => line.Contains(" error ", StringComparison.Ordinal) || line.Contains(" warning ", StringComparison.Ordinal)).Distinct())
        {
            output.WriteLine(line);
        }

        return result;
    }

    /// <summary>
    /// The repository's nuget.config (which names no source: the machine's default one serves the rest), plus the
    /// local feed, a per-run packages folder, and the test host's packages folder as a fallback so EF Core is not
    /// downloaded again. The package's version is this run's own, so no other source can serve it.
    /// </summary>
    private XDocument CreateNuGetConfig()
    {
        var document = XDocument.Load(RepositoryFiles.NuGetConfig);
        var configuration = document.Root!;

        var sources = GetOrAdd(configuration, "packageSources");
        sources.Add(new XElement("add", new XAttribute("key", LocalSourceKey), new XAttribute("value", package.FeedDirectory)));

        var config = GetOrAdd(configuration, "config");
        config.Elements("add").Where(setting => (string?)setting.Attribute("key") == "globalPackagesFolder").Remove();
        config.Add(new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", PackagesFolder)));

        configuration.Elements("fallbackPackageFolders").Remove();
        if (RepositoryFiles.NuGetPackageRoot is { } hostPackages && Directory.Exists(hostPackages))
        {
            configuration.Add(new XElement(
                "fallbackPackageFolders",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "test-host-packages"), new XAttribute("value", hostPackages))));
        }

        return document;
    }

    private static XElement GetOrAdd(XElement parent, string name)
    {
        var element = parent.Element(name);
        if (element is null)
        {
            element = new XElement(name);
            parent.Add(element);
        }

        return element;
    }
}
