using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>The nupkg is an analyzer-only development dependency: it adds analyzers to the build and nothing to the app's output.</summary>
[Collection(PackagingCollection.Name)]
public sealed class NuGetPackageLayoutTests(PackedAnalyzerPackage package, ITestOutputHelper output)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    [Fact]
    public void Package_holds_both_assemblies_under_analyzers_dotnet_cs_and_nothing_under_lib()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal).ToList();

        output.WriteLine($"{Path.GetFileName(package.PackagePath)} ({entries.Count} entries):");
        foreach (var entry in entries)
        {
            output.WriteLine("  " + entry);
        }

        foreach (var assembly in PackedAnalyzerPackage.AnalyzerAssemblies)
        {
            Assert.Contains(AnalyzerFolder + assembly, entries);
        }

        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, entry => entry.StartsWith("ref/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(
            PackedAnalyzerPackage.AnalyzerAssemblies.Select(assembly => AnalyzerFolder + assembly).Order(StringComparer.Ordinal),
            entries.Where(entry => entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("README.md", entries);
    }

    [Fact]
    public void Nuspec_declares_a_development_dependency_without_dependencies()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var nuspecEntry = Assert.Single(archive.Entries, entry => !entry.FullName.Contains('/', StringComparison.Ordinal) && entry.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        output.WriteLine(nuspec.ToString());

        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(PackedAnalyzerPackage.PackageId, (string?)metadata.Element(ns + "id"));
        Assert.Equal(package.Version, (string?)metadata.Element(ns + "version"));
        Assert.Equal("true", (string?)metadata.Element(ns + "developmentDependency"));
        Assert.Null(metadata.Element(ns + "dependencies"));

        var license = metadata.Element(ns + "license");
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "tags")));

        // No address until the project has a public one: a package page link nobody can open is worse than none.
        Assert.Null(metadata.Element(ns + "projectUrl"));
        Assert.Null(metadata.Element(ns + "repository")?.Attribute("url"));
    }

    [Fact]
    public void Shipped_assemblies_reference_nothing_above_what_a_Roslyn_4_8_host_provides()
    {
        // A reference above the host's version fails to bind there: the compiler skips the analyzers (CS9057 for
        // Roslyn itself), an IDE skips the code fixes without a word. A reference the host does not have at all fails
        // the same way: the package ships no dependencies.
        var host = LowestSupportedHost.Assemblies();
        var shippedTogether = PackedAnalyzerPackage.AnalyzerAssemblies.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        using var archive = ZipFile.OpenRead(package.PackagePath);

        output.WriteLine($"| Shipped assembly | References | Version | Roslyn {LowestSupportedHost.RoslynVersion} host provides |");
        output.WriteLine("|---|---|---|---|");
        var problems = new List<string>();
        foreach (var assembly in PackedAnalyzerPackage.AnalyzerAssemblies)
        {
            using var stream = archive.GetEntry(AnalyzerFolder + assembly)!.Open();
            var (_, references) = AssemblyReferences.Read(stream);
            foreach (var reference in references)
            {
                var name = reference.Name!;
                var provided = shippedTogether.Contains(name) ? "shipped beside it"
                    : host.TryGetValue(name, out var version) ? version.ToString()
                    : "nothing";
                output.WriteLine($"| {assembly} | {name} | {reference.Version} | {provided} |");

                if (shippedTogether.Contains(name))
                {
                    continue;
                }

                if (!host.TryGetValue(name, out var hostVersion))
                {
                    problems.Add($"{assembly} references {name} {reference.Version}, which a Roslyn {LowestSupportedHost.RoslynVersion} host does not provide.");
                }
                else if (reference.Version! > hostVersion)
                {
                    problems.Add($"{assembly} references {name} {reference.Version}; a Roslyn {LowestSupportedHost.RoslynVersion} host provides {hostVersion}.");
                }
            }

            Assert.Contains(references, reference => reference.Name == "Microsoft.CodeAnalysis");
            Assert.DoesNotContain(references, reference => reference.Name!.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // Workspaces stays out of the compiler's process (RS1038): only the code-fix assembly uses it.
        using var analyzer = archive.GetEntry(AnalyzerFolder + "TenantSafety.Analyzers.dll")!.Open();
        Assert.DoesNotContain(AssemblyReferences.Read(analyzer).References, reference => reference.Name!.Contains("Workspaces", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_surface_is_read_from_Roslyn_4_8()
    {
        // Guards the test above against a surface that allows everything or nothing.
        var host = LowestSupportedHost.Assemblies();
        Assert.Equal(new Version(4, 8, 0, 0), host["Microsoft.CodeAnalysis"]);
        Assert.Equal(new Version(4, 8, 0, 0), host["Microsoft.CodeAnalysis.Workspaces"]);
        Assert.Equal(new Version(7, 0, 0, 0), host["System.Collections.Immutable"]);
        Assert.Equal(new Version(7, 0, 0, 0), host["System.Composition.AttributedModel"]);
        Assert.False(host.ContainsKey("Microsoft.EntityFrameworkCore"));
    }
}
