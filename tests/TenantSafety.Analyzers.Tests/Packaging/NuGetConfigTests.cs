using System;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// The repository restores from the machine's default package source, as a fresh machine has it: nuget.config
/// names no package host, clears no source and maps none, so it never points restore somewhere a machine cannot reach.
/// </summary>
public sealed class NuGetConfigTests
{
    private static readonly XDocument Config = XDocument.Load(RepositoryFiles.NuGetConfig);

    [Fact]
    public void Names_no_package_host()
    {
        var addresses = Config.Descendants()
            .SelectMany(element => element.Attributes())
            .Where(attribute => attribute.Value.Contains("://", StringComparison.Ordinal))
            .Select(attribute => $"<{attribute.Parent!.Name.LocalName} {attribute.Name}=\"{attribute.Value}\">")
            .ToList();
        Assert.True(addresses.Count == 0, "nuget.config names package hosts: " + string.Join(", ", addresses));
    }

    [Fact]
    public void Clears_and_maps_no_source()
    {
        // A <clear /> would drop the machine's default source; a mapping would need every source named here.
        Assert.Empty(Config.Descendants("packageSources").Elements("clear"));
        Assert.Empty(Config.Descendants("disabledPackageSources").Elements());
        Assert.Empty(Config.Descendants("packageSourceMapping"));
    }
}
