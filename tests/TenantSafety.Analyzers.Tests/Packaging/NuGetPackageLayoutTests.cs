using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
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
        Assert.StartsWith("https://", (string?)metadata.Element(ns + "projectUrl"), StringComparison.Ordinal);
        Assert.StartsWith("https://", (string?)metadata.Element(ns + "repository")?.Attribute("url"), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyzer_assemblies_reference_Roslyn_4_8_or_lower_and_no_EF_Core()
    {
        // Roslyn 4.8 is the compiler of the .NET 8 SDK: a newer reference is skipped there with CS9057.
        var highestRoslyn = new Version(4, 8, 0, 0);
        using var archive = ZipFile.OpenRead(package.PackagePath);

        foreach (var assembly in PackedAnalyzerPackage.AnalyzerAssemblies)
        {
            var references = ReadAssemblyReferences(archive.GetEntry(AnalyzerFolder + assembly)!);
            output.WriteLine($"{assembly} references: {string.Join(", ", references.Select(r => $"{r.Name} {r.Version}"))}");

            Assert.Contains(references, reference => reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
            Assert.All(
                references.Where(reference => reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
                reference => Assert.True(reference.Version <= highestRoslyn, $"{assembly} references {reference.Name} {reference.Version}, newer than {highestRoslyn}."));
            Assert.DoesNotContain(references, reference => reference.Name!.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        }

        // Workspaces stays out of the compiler's process (RS1038): only the code-fix assembly uses it.
        var analyzerReferences = ReadAssemblyReferences(archive.GetEntry(AnalyzerFolder + "TenantSafety.Analyzers.dll")!);
        Assert.DoesNotContain(analyzerReferences, reference => reference.Name!.Contains("Workspaces", StringComparison.Ordinal));
    }

    private static List<System.Reflection.AssemblyName> ReadAssemblyReferences(ZipArchiveEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var peReader = new PEReader(buffer);
        var reader = peReader.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle).GetAssemblyName())
            .ToList();
    }
}
