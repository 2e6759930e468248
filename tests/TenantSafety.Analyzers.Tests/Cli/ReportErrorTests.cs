using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
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

    [Fact]
    public async Task Help_names_the_command_as_users_type_it()
    {
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("tenant-safety report <project-or-solution> [options]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--database", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(ReportTool.DatabaseVariable, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("TenantSafety.Cli", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Md_is_accepted_as_markdown()
    {
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "Nowhere.csproj", "--format", "md");

        // Past the command line: the path is what fails, not the format.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Nowhere.csproj does not exist.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_that_cannot_be_written_exits_2_before_the_analysis_runs()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "notes.txt"), "a file, not a folder");
        var outputPath = Path.Combine(_directory.FullName, "notes.txt", "audit.md");

        var result = await ReportTool.ReportOnSampleAsync("--output", outputPath);
        output.WriteLine(result.Describe());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: Cannot write the report to {outputPath}", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Restoring", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading", result.StandardError, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"Took {result.Elapsed.TotalSeconds:F0} s: the analysis ran first.");
    }

    [Fact]
    public async Task A_row_count_that_is_not_one_exits_2()
    {
        var result = await ReportTool.RunAsync(_directory.FullName, "report", "App.csproj", "--rows-per-tenant", "messages=lots");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --rows-per-tenant 'messages=lots' is not a row count (N, or table=N).", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_exits_5_before_the_analysis_and_never_prints_the_password()
    {
        const string Password = "never-printed-secret";
        var result = await ReportTool.ReportOnSampleAsync("--database", $"Host=127.0.0.1;Port=1;Database=outreach;Username=auditor;Password={Password};Timeout=5");
        output.WriteLine(result.Describe());

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("error: Cannot connect to the database 127.0.0.1:1/outreach:", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.StandardError + result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_database_string_that_is_not_a_connection_string_exits_2_without_echoing_it()
    {
        var result = await ReportTool.ReportOnSampleAsync(
            new Dictionary<string, string?> { [ReportTool.DatabaseVariable] = "Host=127.0.0.1;Passwerd=hunter2-secret" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --database is not a PostgreSQL connection string", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compile_errors_are_printed_on_stderr_and_fail_on_treats_them_as_an_error()
    {
        WriteIsolation();
        File.WriteAllText(Path.Combine(_directory.FullName, "Broken.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.EntityFrameworkCore" Version="{EfCoreVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory.FullName, "Notes.cs"), """
            using Microsoft.EntityFrameworkCore;
            namespace Broken;
            public class Note { public int Id { get; set; } public int TeamId { get; set; } }
            public class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
            {
                public DbSet<Note> Notes => Set<Note>();
                public int Count() => Notes.Count(n => n.TeamId == missingTeam);
            }
            """);

        var failOnError = await ReportTool.RunAsync(_directory.FullName, "report", "Broken.csproj", "--fail-on", "error");
        var failOnNone = await ReportTool.RunAsync(_directory.FullName, "report", "Broken.csproj", "--no-restore");
        output.WriteLine(failOnError.Describe());

        Assert.Equal(1, failOnError.ExitCode);
        Assert.Contains("error: Broken does not compile (1 compile error)", failOnError.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Notes\.cs\(7,\d+\): error CS0103: The name 'missingTeam' does not exist in the current context", failOnError.StandardError);
        Assert.Contains("could not compile, an error for --fail-on error", failOnError.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("# PERFORMANCE AND SCALE SAFETY", failOnError.StandardOutput, StringComparison.Ordinal);

        Assert.Equal(0, failOnNone.ExitCode);
        Assert.Contains("error CS0103", failOnNone.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The EF Core the tests restore (the repository's version), so the temporary project restores from the cache.</summary>
    private static string EfCoreVersion =>
        typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

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
