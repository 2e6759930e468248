using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.MetaTests;

/// <summary>The README's install section works from a clone and warns about what the first build does.</summary>
public sealed class ReadmeInstallTests
{
    private static readonly string Install = Section(File.ReadAllText(ShippedExtensions.RepositoryPath("README.md")), "## Install");

    [Fact]
    public void Names_every_rule_that_is_an_error_by_default()
    {
        var errors = ShippedExtensions.Descriptors()
            .Where(d => d.IsEnabledByDefault && d.DefaultSeverity == DiagnosticSeverity.Error)
            .Select(d => d.Id)
            .Distinct()
            .ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, id => Assert.Contains($"**{id}**", Install, StringComparison.Ordinal));
    }

    [Fact]
    public void Packs_a_project_that_exists_into_a_folder_that_becomes_a_source()
    {
        var pack = Regex.Match(Install, @"dotnet pack (?<project>\S+) .*-o (?<folder>\S+)");
        Assert.True(pack.Success, "The install section has no `dotnet pack <project> … -o <folder>` command.");
        Assert.True(
            Directory.Exists(ShippedExtensions.RepositoryPath(pack.Groups["project"].Value.Split('/'))),
            $"The install section packs {pack.Groups["project"].Value}, which does not exist.");
        Assert.Contains($"dotnet nuget add source {pack.Groups["folder"].Value} ", Install, StringComparison.Ordinal);
        Assert.Contains("dotnet add package TenantSafety.Analyzers", Install, StringComparison.Ordinal);
    }

    /// <summary>The text from <paramref name="heading"/> to the next heading of the same level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{heading}' section.");
        var next = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? markdown[start..] : markdown[start..next];
    }
}
