using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// Packs <c>TenantSafety.Analyzers</c> once per test run, into a temporary folder and with a version of
/// its own, so no NuGet cache can hand a test an older package of the same version. The build behind
/// the pack uses its own output folders and never touches the repository's <c>bin</c>/<c>obj</c>.
/// </summary>
public sealed class PackedAnalyzerPackage : IAsyncLifetime
{
    public const string PackageId = "TenantSafety.Analyzers";

    /// <summary>The assemblies the package ships, both under <c>analyzers/dotnet/cs</c>.</summary>
    public static readonly IReadOnlyList<string> AnalyzerAssemblies = ["TenantSafety.Analyzers.dll", "TenantSafety.Analyzers.CodeFixes.dll"];

    public PackedAnalyzerPackage()
    {
        var productVersion = RepositoryFiles.ProductVersion;
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Version = productVersion.Contains('-', StringComparison.Ordinal) ? $"{productVersion}.test.{stamp}" : $"{productVersion}-test.{stamp}";
        WorkDirectory = Path.Combine(Path.GetTempPath(), "tenantsafety-packaging-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>The version this run packed, e.g. <c>0.1.0-test.20260101120000.4242</c>.</summary>
    public string Version { get; }

    /// <summary>A temporary folder owned by this run; deleted when the run ends.</summary>
    public string WorkDirectory { get; }

    /// <summary>A folder feed that holds only the packed package.</summary>
    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public string PackagePath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var pack = await DotNetCli.RunAsync(
            RepositoryFiles.Root,
            [
                "pack", RepositoryFiles.PackageProject,
                "--configuration", "Release",
                "--output", FeedDirectory,
                "--disable-build-servers",
                "-nologo",
                $"-p:PackageVersion={Version}",
                $"-p:ArtifactsPath={Path.Combine(WorkDirectory, "build")}",
                "-p:UseArtifactsOutput=true",
            ],
            TimeSpan.FromMinutes(5)).ConfigureAwait(false);

        if (!pack.Succeeded)
        {
            throw new InvalidOperationException("dotnet pack failed.\n" + pack.Describe());
        }

        if (!File.Exists(PackagePath))
        {
            var produced = Directory.Exists(FeedDirectory) ? string.Join(", ", Directory.GetFiles(FeedDirectory).Select(Path.GetFileName)) : "(no feed folder)";
            throw new InvalidOperationException($"dotnet pack succeeded but {PackagePath} does not exist; produced: {produced}.\n{pack.Describe()}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}

/// <summary>The packaging tests share one packed package and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedAnalyzerPackage>
{
    public const string Name = "Packaging";
}
