using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>Each way the report cannot be made gets one clear message on stderr and its own exit code.</summary>
public sealed class ReportErrorTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tenantsafety-report-errors-");

    [Fact]
    public async Task A_missing_path_exits_2()
    {
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "Nowhere.csproj");
        output.WriteLine(result.Describe());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Nowhere.csproj does not exist.", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_folder_or_another_kind_of_file_exits_2()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "notes.txt"), "not a project");

        var folder = await ReportTool.RunAsync(_directory.FullName, "report", ".");
        var text = await ReportTool.RunAsync(_directory.FullName, "report", "notes.txt");

        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("is a folder", folder.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, text.ExitCode);
        Assert.Contains("is not a C# project (.csproj) or solution (.sln, .slnx)", text.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_exits_2_with_the_usage()
    {
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "App.csproj", "--format", "html");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("html", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Usage: tenant-safety report", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_MSBuild_cannot_load_exits_3()
    {
        WriteIsolation();
        File.WriteAllText(Path.Combine(_directory.FullName, "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");

        var withRestore = await ReportTool.RunAsync(_directory.FullName, "report", "Broken.csproj");
        var withoutRestore = await ReportTool.RunAsync(_directory.FullName, "report", "Broken.csproj", "--no-restore");
        output.WriteLine(withRestore.Describe());
        output.WriteLine(withoutRestore.Describe());

        Assert.Equal(3, withRestore.ExitCode);
        Assert.Contains("error: dotnet restore failed for", withRestore.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, withoutRestore.ExitCode);
        Assert.Contains("error: MSBuild could not load Broken.csproj", withoutRestore.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_without_EF_Core_exits_4()
    {
        WriteIsolation();
        File.WriteAllText(Path.Combine(_directory.FullName, "Plain.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory.FullName, "Greeter.cs"), "namespace Plain; public static class Greeter { public static string Hello() => \"hello\"; }");

        var result = await ReportTool.RunAsync(_directory.FullName, "report", "Plain.csproj");
        output.WriteLine(result.Describe());

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error: Plain.csproj does not reference EF Core", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Nothing from the folders above the temporary project may take part in its build.</summary>
    private void WriteIsolation()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_directory.FullName, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_directory.FullName, "Directory.Packages.props"), "<Project />\n");
    }
}
