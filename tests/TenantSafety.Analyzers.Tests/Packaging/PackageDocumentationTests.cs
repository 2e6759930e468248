using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// The documentation ships inside the package (the rules carry no help link while the project has no public
/// address): each rule's page and the configuration reference, whose links resolve inside the package, and a
/// README with no relative link, since a package page resolves none.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed partial class PackageDocumentationTests(PackedAnalyzerPackage package, ITestOutputHelper output)
{
    [Fact]
    public void Every_rule_page_and_the_configuration_reference_ship_in_the_package()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);

        var ids = ShippedExtensions.Descriptors().Select(d => d.Id).Distinct().ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains($"docs/rules/{id}.md", entries));
        Assert.Contains("docs/configuration.md", entries);

        // The shipped pages are the repository's, without the "Sources:" line that links the repository's source files.
        foreach (var id in ids)
        {
            var repositoryLines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "docs", "rules", id + ".md"));
            Assert.Contains(repositoryLines, line => line.StartsWith("Sources:", StringComparison.Ordinal));
            var expected = string.Concat(repositoryLines.Where(line => !line.StartsWith("Sources:", StringComparison.Ordinal)).Select(line => line + "\n"));
            Assert.Equal(expected, Read(archive, $"docs/rules/{id}.md"));
        }
    }

    [Fact]
    public void Links_of_the_shipped_pages_resolve_inside_the_package()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var page in entries.Where(entry => entry.StartsWith("docs/", StringComparison.Ordinal) && entry.EndsWith(".md", StringComparison.Ordinal)))
        {
            foreach (var target in RelativeLinkTargets(Read(archive, page)))
            {
                // Resolve against the page's folder, as a Markdown viewer does.
                var resolved = Path.GetRelativePath("/", Path.GetFullPath(Path.Combine("/" + Path.GetDirectoryName(page), target))).Replace('\\', '/');
                if (!entries.Contains(resolved))
                {
                    broken.Add($"{page} → {target}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Links that lead out of the package: " + string.Join(", ", broken));
    }

    [Fact]
    public void Package_readme_has_no_relative_link_and_names_only_documents_it_ships()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        var readme = Read(archive, "README.md");
        output.WriteLine(readme);

        Assert.Empty(RelativeLinkTargets(readme));
        var named = DocumentPath().Matches(readme).Select(match => match.Value).Distinct().ToList();
        Assert.Contains("docs/configuration.md", named);
        Assert.All(named, path => Assert.True(entries.Contains(path), $"The package README names {path}, which the package does not hold."));

        // Still the repository's README where it speaks to users: the rule table and the install section.
        Assert.Contains("## Install", readme, StringComparison.Ordinal);
        Assert.All(ShippedExtensions.Descriptors().Select(d => d.Id).Distinct(), id => Assert.Contains($"| {id} |", readme, StringComparison.Ordinal));
        Assert.DoesNotContain("## Development", readme, StringComparison.Ordinal);
    }

    /// <summary>Targets of Markdown links that have no scheme and are no anchor, outside code.</summary>
    private static IEnumerable<string> RelativeLinkTargets(string markdown)
    {
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            if (fenced)
            {
                continue;
            }

            foreach (Match link in MarkdownLink().Matches(line))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length > 0 && !Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:"))
                {
                    yield return target;
                }
            }
        }
    }

    private static string Read(ZipArchive archive, string entry)
    {
        using var reader = new StreamReader(archive.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]*)[^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\bdocs/[\w./-]+\.md\b")]
    private static partial Regex DocumentPath();
}
