using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.MetaTests;

/// <summary>
/// Keeps the README rule table and each rule page's header and <c>Sources:</c> line in step with the descriptors and
/// with the files that exist: the table is what the descriptors say, row for row; a page names its rule's title,
/// severity and whether it has a fix, and links its analyzer, its fixers and every test file named after the rule.
/// </summary>
public sealed partial class RuleDocumentationTests
{
    public static TheoryData<string> RuleIds => [.. ShippedExtensions.Descriptors().Select(d => d.Id)];

    [Fact]
    public void README_rule_table_is_generated_from_the_descriptors()
    {
        var readme = File.ReadAllText(ShippedExtensions.RepositoryPath("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("<!-- rules -->\n", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /rules -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no <!-- rules --> … <!-- /rules --> block.");

        var expected = new StringBuilder("| ID | Title | Default severity | Code fix |\n|---|---|---|---|\n");
        foreach (var descriptor in ShippedExtensions.Descriptors())
        {
            expected.Append($"| [{descriptor.Id}](docs/rules/{descriptor.Id}.md) | {descriptor.Title} | {Severity(descriptor)} | {(Fixers(descriptor.Id).Count > 0 ? "Yes" : "No")} |\n");
        }

        Assert.Equal(expected.ToString(), readme[(start + "<!-- rules -->\n".Length)..end]);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_header_says_the_title_severity_and_fix_of_the_descriptor(string id)
    {
        var descriptor = ShippedExtensions.Descriptors().Single(d => d.Id == id);
        var lines = Page(id);

        // Titles may mark code with backticks on the page; the descriptor's is plain text.
        Assert.Equal($"# {id} — {descriptor.Title}", lines[0].Replace("`", "", StringComparison.Ordinal));
        Assert.Contains($"| Rule ID | {id} |", lines);
        Assert.Contains($"| Category | {descriptor.Category} |", lines);
        Assert.Contains($"| Default severity | {Severity(descriptor)} |", lines);
        var fix = Assert.Single(lines, line => line.StartsWith("| Code fix |", StringComparison.Ordinal));
        Assert.StartsWith(Fixers(id).Count > 0 ? "| Code fix | Yes" : "| Code fix | No |", fix, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_links_its_analyzer_fixers_and_tests_and_every_link_resolves(string id)
    {
        var sources = Assert.Single(Page(id), line => line.StartsWith("Sources: ", StringComparison.Ordinal));
        var pageFolder = ShippedExtensions.RepositoryPath("docs", "rules");
        var linked = LinkTarget().Matches(sources)
            .Select(match => Path.GetRelativePath(ShippedExtensions.RepositoryRoot, Path.GetFullPath(Path.Combine(pageFolder, match.Groups[1].Value))).Replace('\\', '/'))
            .ToList();

        Assert.All(linked, path => Assert.True(File.Exists(ShippedExtensions.RepositoryPath(path)), $"{id}: Sources links {path}, which does not exist."));

        var analyzers = ShippedExtensions.CreateAnalyzers()
            .Where(analyzer => analyzer.SupportedDiagnostics.Any(d => d.Id == id))
            .Select(analyzer => $"src/TenantSafety.Analyzers/Rules/{analyzer.GetType().Name}.cs");
        var fixers = Fixers(id).Select(name => $"src/TenantSafety.Analyzers.CodeFixes/Rules/{name}.cs");
        var namedTests = Directory.EnumerateFiles(ShippedExtensions.RepositoryPath("tests"), id + "*Tests.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(ShippedExtensions.RepositoryRoot, path).Replace('\\', '/'));
        foreach (var required in analyzers.Concat(fixers).Concat(namedTests))
        {
            Assert.True(linked.Contains(required), $"{id}: the Sources line of docs/rules/{id}.md does not link {required}.");
        }

        // Any other test file it links is about the rule too (one fix test covers several rules).
        foreach (var test in linked.Where(path => path.StartsWith("tests/", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith(id, StringComparison.Ordinal)))
        {
            Assert.Contains(id, File.ReadAllText(ShippedExtensions.RepositoryPath(test)), StringComparison.Ordinal);
        }

        Assert.All(linked.Where(path => path.StartsWith("src/", StringComparison.Ordinal)), path => Assert.Contains(path, analyzers.Concat(fixers)));
    }

    [Fact]
    public void Every_rule_test_file_declares_the_class_it_is_named_after()
    {
        var files = Directory.EnumerateFiles(ShippedExtensions.RepositoryPath("tests"), "TSA*Tests.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Matches($@"\bclass {Path.GetFileNameWithoutExtension(file)}\b", File.ReadAllText(file)));
    }

    /// <summary>The default severity as the README and the pages write it: the IDE's name for Info, and whether the rule is off.</summary>
    private static string Severity(DiagnosticDescriptor descriptor)
    {
        var severity = descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Info => "Info (suggestion)",
            DiagnosticSeverity.Hidden => "Hidden (silent)",
            var other => other.ToString(),
        };
        return descriptor.IsEnabledByDefault ? severity : severity + ", off by default";
    }

    private static List<string> Fixers(string id) =>
        [.. ShippedExtensions.CreateCodeFixProviders().Where(f => f.FixableDiagnosticIds.Contains(id)).Select(f => f.GetType().Name)];

    private static string[] Page(string id) => File.ReadAllLines(ShippedExtensions.RepositoryPath("docs", "rules", id + ".md"));

    [GeneratedRegex(@"\]\(([^)]+)\)")]
    private static partial Regex LinkTarget();
}
