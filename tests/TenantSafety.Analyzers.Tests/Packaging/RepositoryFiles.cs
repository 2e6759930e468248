using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>Files of the repository the tests were built from, found through the test assembly's metadata.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root, as MSBuild saw it when it built the test project.</summary>
    public static string Root { get; } = Path.GetFullPath(
        GetAssemblyMetadata("RepositoryRoot")
        ?? throw new InvalidOperationException("The test assembly has no [AssemblyMetadata(\"RepositoryRoot\", …)]."));

    /// <summary>The NuGet global packages folder the test project was restored into, if known.</summary>
    public static string? NuGetPackageRoot => GetAssemblyMetadata("NuGetPackageRoot");

    /// <summary>The built report tool (<c>TenantSafety.Cli.dll</c>), run with <c>dotnet</c> by the report tests.</summary>
    public static string TenantSafetyCliAssembly => GetAssemblyMetadata("TenantSafetyCliAssembly")
        ?? throw new InvalidOperationException("The test assembly has no [AssemblyMetadata(\"TenantSafetyCliAssembly\", …)].");

    public static string SampleProject => Path.Combine(Root, "samples", "Outreach", "Outreach.csproj");

    public static string PackageProject => Path.Combine(Root, "src", "TenantSafety.Analyzers.Package", "TenantSafety.Analyzers.Package.csproj");

    public static string NuGetConfig => Path.Combine(Root, "nuget.config");

    public static string GlobalJson => Path.Combine(Root, "global.json");

    /// <summary>The <c>Version</c> every project of the repository gets from <c>Directory.Build.props</c>.</summary>
    public static string ProductVersion => ReadProperty("Directory.Build.props", "Version");

    /// <summary>The version <c>Directory.Packages.props</c> pins for <paramref name="packageId"/>, with <c>$(…)</c> expanded.</summary>
    public static string CentralPackageVersion(string packageId)
    {
        var path = Path.Combine(Root, "Directory.Packages.props");
        var document = XDocument.Load(path);
        var version = document.Descendants("PackageVersion")
            .Where(item => string.Equals((string?)item.Attribute("Include"), packageId, StringComparison.OrdinalIgnoreCase))
            .Select(item => (string?)item.Attribute("Version"))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{path} pins no version of {packageId}.");
        return Expand(version, ReadProperties(document), path);
    }

    private static string ReadProperty(string fileName, string name)
    {
        var path = Path.Combine(Root, fileName);
        var properties = ReadProperties(XDocument.Load(path));
        return properties.TryGetValue(name, out var value)
            ? Expand(value, properties, path)
            : throw new InvalidOperationException($"{path} sets no {name} property.");
    }

    private static Dictionary<string, string> ReadProperties(XDocument document)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.Descendants("PropertyGroup").Elements())
        {
            properties[property.Name.LocalName] = property.Value.Trim();
        }

        return properties;
    }

    private static string Expand(string value, Dictionary<string, string> properties, string path)
    {
        return Regex.Replace(value, @"\$\((\w+)\)", match =>
            properties.TryGetValue(match.Groups[1].Value, out var referenced)
                ? Expand(referenced, properties, path)
                : throw new InvalidOperationException($"{path}: $({match.Groups[1].Value}) is not defined in the file."));
    }

    private static string? GetAssemblyMetadata(string key)
    {
        return typeof(RepositoryFiles).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : null;
    }
}
