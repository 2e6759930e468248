using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using TenantSafety.Benchmarks.Generation;
using TenantSafety.Analyzers.Tests.Verifiers;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>One finding of a build, as the compiler's error log has it: rule, file (relative to the project) and message.</summary>
internal sealed record BuildFinding(string Id, string File, string Message);

/// <summary>
/// A project in a temporary folder for the Fix All property test: the sample, or a solution the benchmark's generator
/// writes. Both use the analyzers and code fixes this test run built, referenced as the analyzer assemblies a package
/// delivers, so no copy builds them again. Builds write the compiler's error log, which holds every finding, info ones too.
/// </summary>
internal sealed class FixAllWorkspace : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly Action _dispose;
    private int _builds;

    private FixAllWorkspace(string root, string project, string projectDirectory, Action dispose)
    {
        Root = root;
        Project = project;
        ProjectDirectory = projectDirectory;
        _dispose = dispose;
    }

    public string Root { get; }

    /// <summary>The project file, relative to <see cref="Root"/>.</summary>
    public string Project { get; }

    public string ProjectDirectory { get; }

    /// <summary>What the project holds, for the test's output.</summary>
    public string Description { get; private init; } = "the sample";

    /// <summary>A copy of the sample, its project referencing the built analyzers.</summary>
    public static FixAllWorkspace Sample()
    {
        var copy = SampleCopy.Create("tenantsafety-fixall-sample-");
        var project = Path.Combine(copy.Root, SampleCopy.SampleProject);
        var text = File.ReadAllText(project);
        foreach (var (name, path) in new[] { ("TenantSafety.Analyzers", ShippedExtensions.AnalyzerAssembly.Location), ("TenantSafety.Analyzers.CodeFixes", ShippedExtensions.CodeFixAssembly.Location) })
        {
            var reference = $"""<ProjectReference Include="..\..\src\{name}\{name}.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />""";
            if (!text.Contains(reference, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{project} no longer references {name} as an analyzer project; update {nameof(FixAllWorkspace)}.");
            }

            text = text.Replace(reference, $"""<Analyzer Include="{path}" />""", StringComparison.Ordinal);
        }

        File.WriteAllText(project, text);
        return new FixAllWorkspace(copy.Root, SampleCopy.SampleProject, copy.SampleDirectory, copy.Dispose);
    }

    /// <summary>
    /// A small generated solution (<paramref name="entities"/> entities, about <paramref name="querySites"/> query sites, a
    /// reporting service of about <paramref name="reportingLines"/> lines) as a real project: EF Core and Npgsql from the repository's central
    /// versions, implicit usings instead of the generator's in-memory global usings, the generator's .editorconfig with the
    /// two error-level rules lowered to warnings (as the sample does) so the build completes and lists every finding.
    /// </summary>
    public static FixAllWorkspace Generated(int entities, int querySites, int reportingLines)
    {
        var root = Directory.CreateTempSubdirectory("tenantsafety-fixall-generated-").FullName;
        var solution = SolutionGenerator.Generate(1, entities, querySites, reportingLines);
        var projectDirectory = Path.Combine(root, "Acme.Outreach");
        foreach (var file in solution.Files.Where(f => !f.Path.Contains("/obj/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(projectDirectory, file.Path[SolutionGenerator.Root.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        foreach (var file in new[] { "nuget.config", "global.json" })
        {
            File.Copy(Path.Combine(RepositoryFiles.Root, file), Path.Combine(root, file));
        }

        File.WriteAllText(Path.Combine(projectDirectory, ".editorconfig"), solution.EditorConfig.Replace("dotnet_diagnostic.TSA1003.severity = error", "dotnet_diagnostic.TSA1003.severity = warning", StringComparison.Ordinal) + "\ndotnet_diagnostic.TSA3002.severity = warning\n");
        File.WriteAllText(Path.Combine(projectDirectory, "Acme.Outreach.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <NoWarn>$(NoWarn);CS8618</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.EntityFrameworkCore.Relational" Version="{RepositoryFiles.CentralPackageVersion("Microsoft.EntityFrameworkCore.Relational")}" />
                <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="{RepositoryFiles.CentralPackageVersion("Npgsql.EntityFrameworkCore.PostgreSQL")}" />
                <Analyzer Include="{ShippedExtensions.AnalyzerAssembly.Location}" />
                <Analyzer Include="{ShippedExtensions.CodeFixAssembly.Location}" />
              </ItemGroup>
            </Project>
            """);
        return new FixAllWorkspace(root, "Acme.Outreach/Acme.Outreach.csproj", projectDirectory, () => TryDelete(root))
        {
            Description = $"{solution.Entities} entities, {solution.QuerySites} query sites, {solution.Files.Length} files, {solution.Lines} lines",
        };
    }

    /// <summary>Builds (restoring the first time) and reads every finding the compiler logged.</summary>
    public async Task<(DotNetResult Build, IReadOnlyList<BuildFinding> Findings)> BuildAsync()
    {
        var log = Path.Combine(Root, $"build{++_builds}.sarif");
        var arguments = new List<string> { "build", Project, $"-p:ErrorLog={log}" };
        if (_builds > 1)
        {
            arguments.Add("--no-restore");
        }

        var result = await DotNetCli.RunAsync(Root, arguments, Timeout);
        return (result, result.Succeeded ? ReadFindings(log) : []);
    }

    /// <summary><c>dotnet format analyzers --diagnostics …</c> at every severity, in one process.</summary>
    public Task<DotNetResult> FormatAsync(IEnumerable<string> diagnosticIds) =>
        DotNetCli.RunAsync(Root, ["format", "analyzers", Project, "--no-restore", "--severity", "info", "--diagnostics", .. diagnosticIds], Timeout);

    /// <summary>The text of every C# file of the project, by relative path.</summary>
    public Dictionary<string, string> Sources() =>
        Directory.EnumerateFiles(ProjectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(ProjectDirectory, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    public void Dispose() => _dispose();

    /// <summary>TenantSafety's unsuppressed findings in a SARIF 1.0 or 2.1 error log.</summary>
    private List<BuildFinding> ReadFindings(string log)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(log));
        var findings = new List<BuildFinding>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("TSA", StringComparison.Ordinal) || result.TryGetProperty("suppressionStates", out _) || result.TryGetProperty("suppressions", out _))
                {
                    continue;
                }

                var message = result.GetProperty("message") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : result.GetProperty("message").GetProperty("text").GetString()!;
                var location = result.GetProperty("locations")[0];
                var uri = location.TryGetProperty("resultFile", out var file)
                    ? file.GetProperty("uri").GetString()!
                    : location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                findings.Add(new BuildFinding(id, Path.GetRelativePath(ProjectDirectory, new Uri(uri).LocalPath).Replace('\\', '/'), message));
            }
        }

        return findings;
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
