using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.MetaTests;

/// <summary>
/// What every rule and fix must have to be shippable, checked on whatever the assemblies contain: a help
/// page, a release-tracking entry, a README row, well-formed text; analyzers that stay quiet where there
/// is nothing to say; fixers that Fix All. Nothing is listed here by hand.
/// </summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> RuleIds => [.. ShippedExtensions.Descriptors().Select(d => d.Id)];

    public static TheoryData<string> AnalyzerNames => [.. ShippedExtensions.AnalyzerTypes.Select(t => t.Name)];

    public static TheoryData<string> CodeFixNames => [.. ShippedExtensions.CodeFixTypes.Select(t => t.Name)];

    [Fact]
    public void Assemblies_contain_the_known_analyzers_and_fixers()
    {
        // Guards discovery itself: if this finds nothing, every per-rule theory below has no cases.
        Assert.Contains(ShippedExtensions.AnalyzerTypes, t => t.FullName == "TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer");
        Assert.Contains(ShippedExtensions.AnalyzerTypes, t => t.FullName == "TenantSafety.Analyzers.Rules.TenantKeyBulkUpdateAnalyzer");
        Assert.Contains(ShippedExtensions.CodeFixTypes, t => t.FullName == "TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer");
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void Analyzer_is_exported_for_CSharp(string analyzerName)
    {
        var type = ShippedExtensions.AnalyzerTypes.Single(t => t.Name == analyzerName);
        var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
        Assert.True(attribute is not null, $"{type.FullName} has no [DiagnosticAnalyzer(LanguageNames.CSharp)]: the compiler would never load it.");
        Assert.Contains(LanguageNames.CSharp, attribute.Languages);
        Assert.NotEmpty(((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptors_with_the_same_id_agree(string id)
    {
        var descriptors = ShippedExtensions.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id).ToList();
        Assert.All(descriptors, d => Assert.Equal(descriptors[0], d));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Id_and_category_follow_the_convention(string id)
    {
        var descriptor = Descriptor(id);
        // TSA0xxx: the setup (no tenancy found), TSA1xxx: cross-tenant queries, TSA2xxx: indexes, TSA3xxx: migrations.
        Assert.Matches("^TSA[0-3][0-9]{3}$", descriptor.Id);
        Assert.Equal("TenantSafety", descriptor.Category);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Help_link_is_none_or_the_rule_page_and_the_page_exists(string id)
    {
        // No link until the project has a public address (RuleDescriptors.HelpLinkBase); the page ships in the package.
        var descriptor = Descriptor(id);
        if (descriptor.HelpLinkUri.Length > 0)
        {
            Assert.EndsWith($"docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(Uri.IsWellFormedUriString(descriptor.HelpLinkUri, UriKind.Absolute), $"'{descriptor.HelpLinkUri}' is not an absolute URI");
        }

        var page = ShippedExtensions.RepositoryPath("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id}: docs/rules/{id}.md, the rule's page, does not exist ({page}).");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Text_is_well_formed(string id)
    {
        var descriptor = Descriptor(id);
        var title = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var description = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(string.IsNullOrWhiteSpace(title), $"{id} has no title");
        Assert.False(string.IsNullOrWhiteSpace(message), $"{id} has no message");
        Assert.False(title.EndsWith('.'), $"{id}: title ends with a period: '{title}'");
        Assert.False(message.EndsWith('.'), $"{id}: message ends with a period (IDEs and build logs add their own punctuation): '{message}'");
        Assert.False(string.IsNullOrWhiteSpace(description), $"{id} has no description");
        Assert.True(description.EndsWith('.'), $"{id}: the description is prose and ends with a period: '{description}'");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_in_release_tracking_with_its_default_severity(string id)
    {
        var descriptor = Descriptor(id);
        var tracked = ReleaseTracking.Read(
            ShippedExtensions.RepositoryPath("src", "TenantSafety.Analyzers", "AnalyzerReleases.Shipped.md"),
            ShippedExtensions.RepositoryPath("src", "TenantSafety.Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.True(tracked.TryGetValue(id, out var entry), $"{id} is in neither AnalyzerReleases.Shipped.md nor AnalyzerReleases.Unshipped.md");

        // Release tracking writes "Disabled" for a rule that is off by default, else its default severity.
        var expectedSeverity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
        Assert.True(
            expectedSeverity == entry.Severity,
            $"{id}: release tracking says '{entry.Severity}', the descriptor's default is '{expectedSeverity}'");
        Assert.True(
            descriptor.Category == entry.Category,
            $"{id}: release tracking says category '{entry.Category}', the descriptor's is '{descriptor.Category}'");
    }

    [FactWhenReadmeExists]
    public void Every_rule_is_in_the_README_rule_table()
    {
        var rows = File.ReadAllLines(ShippedExtensions.RepositoryPath("README.md"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('|'))
            .ToList();
        var missing = ShippedExtensions.Descriptors()
            .Where(d => !rows.Any(row => Regex.IsMatch(row, $@"\b{d.Id}\b")))
            .Select(d => $"{d.Id} ({d.Title})")
            .ToList();
        Assert.True(missing.Count == 0, "Rules missing from the README rule table: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task Analyzer_is_quiet_on_an_empty_source(string analyzerName)
    {
        foreach (var compilation in new[]
        {
            CSharpCompilation.Create("Empty", [CSharpSyntaxTree.ParseText("", path: "/0/Empty.cs")], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions),
            EfCoreReferences.Compile(EfCoreVersion.Ef10, ""),
            EfCoreReferences.Compile(EfCoreVersion.Ef8, ""),
        })
        {
            var run = await AnalyzerHarness.RunAsync(compilation, [Analyzer(analyzerName)]);
            Assert.Empty(run.Failures);
            Assert.Empty(run.Diagnostics);
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task Analyzer_is_quiet_where_EF_Core_is_not_referenced(string analyzerName)
    {
        // Looks like EF Core to a name-based matcher: DbContext, DbSet<T>, TeamId, Where/ToList/Count/Find.
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace NotEfCore;

            public class DbContext { }

            public class DbSet<T> : List<T>
            {
                public T? Find(Guid id) => default;
            }

            public class Lead
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Status { get; set; } = "";
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Lead> Leads { get; } = new();

                public DbSet<T> Set<T>() => new();

                protected void OnModelCreating(object modelBuilder) { }
            }

            public static class Queries
            {
                public static List<Lead> Open(AppDbContext db) => db.Leads.Where(l => l.Status == "open").ToList();

                public static int Count(AppDbContext db) => db.Leads.AsQueryable().Count();

                public static Lead? ById(AppDbContext db, Guid id) => db.Leads.FirstOrDefault(l => l.Id == id) ?? db.Leads.Find(id);

                public static IEnumerable<IGrouping<string, Lead>> ByStatus(AppDbContext db) => db.Set<Lead>().GroupBy(l => l.Status);

                public static string Sql(Guid teamId) => "DELETE FROM leads";
            }
            """;
        var compilation = CSharpCompilation.Create(
            "NoEfCore",
            [CSharpSyntaxTree.ParseText(source, EfCoreReferences.ParseOptions(EfCoreVersion.Ef10), path: "/0/Test0.cs")],
            EfCoreReferences.FrameworkOnly,
            EfCoreReferences.CompilationOptions);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var run = await AnalyzerHarness.RunAsync(compilation, [Analyzer(analyzerName)]);
        Assert.Empty(run.Failures);
        Assert.Empty(run.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(CodeFixNames))]
    public void Fixer_is_exported_with_a_name_and_no_MEF_attribute(string fixerName)
    {
        var type = ShippedExtensions.CodeFixTypes.Single(t => t.Name == fixerName);
        var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.True(export is not null, $"{type.FullName} has no [ExportCodeFixProvider]: IDEs would never offer it.");
        Assert.False(string.IsNullOrEmpty(export.Name), $"{type.FullName}: [ExportCodeFixProvider] has no Name (write Name = nameof({type.Name}))");
        Assert.Contains(LanguageNames.CSharp, export.Languages);

        // Hosts create a package's fixers by reflection ([ExportCodeFixProvider] and a public constructor), not through
        // MEF, so [Shared] does nothing for them; it only ties the assembly to the System.Composition.AttributedModel it
        // was compiled against (8.0 where 7.0 is not served), which Roslyn 4.8 hosts do not have: the host's attribute
        // lookup then throws, and the fixer is skipped without a word.
        var compositionAttributes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.Namespace == "System.Composition")
            .Select(a => a.AttributeType.Name)
            .ToList();
        Assert.True(compositionAttributes.Count == 0, $"{type.FullName} has System.Composition attributes ({string.Join(", ", compositionAttributes)}): remove them.");
    }

    [Theory]
    [MemberData(nameof(CodeFixNames))]
    public void Fixer_supports_Fix_All_in_document_project_and_solution(string fixerName)
    {
        var fixer = ShippedExtensions.CreateCodeFixProviders().Single(f => f.GetType().Name == fixerName);
        var fixAll = fixer.GetFixAllProvider();
        Assert.True(fixAll is not null, $"{fixerName}.GetFixAllProvider() returns null: no Fix All, and 'dotnet format analyzers' skips it.");
        var scopes = fixAll.GetSupportedFixAllScopes().ToList();
        Assert.Contains(FixAllScope.Document, scopes);
        Assert.Contains(FixAllScope.Project, scopes);
        Assert.Contains(FixAllScope.Solution, scopes);
    }

    [Theory]
    [MemberData(nameof(CodeFixNames))]
    public void Fixer_fixes_only_rules_an_analyzer_reports(string fixerName)
    {
        var fixer = ShippedExtensions.CreateCodeFixProviders().Single(f => f.GetType().Name == fixerName);
        var ids = ShippedExtensions.Descriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(fixer.FixableDiagnosticIds);
        Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, ids));
    }

    private static DiagnosticDescriptor Descriptor(string id) => ShippedExtensions.Descriptors().Single(d => d.Id == id);

    private static DiagnosticAnalyzer Analyzer(string name) => ShippedExtensions.CreateAnalyzers().Single(a => a.GetType().Name == name);

    /// <summary>A fact skipped, with the reason shown, until the repository has a README.md.</summary>
    private sealed class FactWhenReadmeExistsAttribute : FactAttribute
    {
        public FactWhenReadmeExistsAttribute()
        {
            if (!File.Exists(ShippedExtensions.RepositoryPath("README.md")))
            {
                Skip = "README.md does not exist yet: the rule-table check runs once it is written.";
            }
        }
    }

    /// <summary>The rule table that <c>AnalyzerReleases.Shipped.md</c> then <c>Unshipped.md</c> describe.</summary>
    private static class ReleaseTracking
    {
        public static Dictionary<string, (string Category, string Severity)> Read(params string[] files)
        {
            var rules = new Dictionary<string, (string Category, string Severity)>(StringComparer.Ordinal);
            foreach (var file in files.Where(File.Exists))
            {
                var section = "";
                foreach (var line in File.ReadAllLines(file).Select(l => l.Trim()))
                {
                    if (line.StartsWith("###", StringComparison.Ordinal))
                    {
                        section = line.TrimStart('#').Trim();
                        continue;
                    }

                    var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                    if (cells.Length < 3 || !Regex.IsMatch(cells[0], "^TSA[0-9]+$"))
                    {
                        continue;
                    }

                    switch (section)
                    {
                        case "New Rules":
                            rules[cells[0]] = (cells[1], cells[2]);
                            break;
                        case "Changed Rules":
                            // Rule ID | New Category | New Severity | Old Category | Old Severity | Notes
                            rules[cells[0]] = (cells[1], cells[2]);
                            break;
                        case "Removed Rules":
                            rules.Remove(cells[0]);
                            break;
                    }
                }
            }

            return rules;
        }
    }
}
