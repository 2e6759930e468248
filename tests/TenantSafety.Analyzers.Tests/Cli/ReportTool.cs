using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Packaging;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>Runs the built <c>tenant-safety</c> tool as a user would: a child process, its exit code, stdout and stderr.</summary>
internal static class ReportTool
{
    public static Task<DotNetResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, environment: null, arguments);

    /// <summary>Runs with environment variables set (a null value removes one), e.g. <c>TENANTSAFETY_DATABASE</c>.</summary>
    public static Task<DotNetResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var commandLine = new List<string> { RepositoryFiles.TenantSafetyCliAssembly };
        commandLine.AddRange(arguments);
        var variables = new Dictionary<string, string?> { [DatabaseVariable] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return DotNetCli.RunAsync(workingDirectory, commandLine, TimeSpan.FromMinutes(5), variables);
    }

    /// <summary>The variable the report reads the live database's connection string from when --database is not given.</summary>
    public const string DatabaseVariable = "TENANTSAFETY_DATABASE";

    /// <summary>Runs <c>report</c> on the repository's sample, from the repository root (the README's command).</summary>
    public static Task<DotNetResult> ReportOnSampleAsync(params string[] options) => ReportOnSampleAsync(environment: null, options);

    public static Task<DotNetResult> ReportOnSampleAsync(IReadOnlyDictionary<string, string?>? environment, params string[] options)
    {
        var arguments = new List<string> { "report", Path.Combine("samples", "Outreach", "Outreach.csproj") };
        arguments.AddRange(options);
        return RunAsync(RepositoryFiles.Root, environment, arguments.ToArray());
    }
}
