using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Packaging;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>Runs the built <c>tenant-safety</c> tool as a user would: a child process, its exit code, stdout and stderr.</summary>
internal static class ReportTool
{
    public static Task<DotNetResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var commandLine = new List<string> { RepositoryFiles.TenantSafetyCliAssembly };
        commandLine.AddRange(arguments);
        return DotNetCli.RunAsync(workingDirectory, commandLine, TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs <c>report</c> on the repository's sample, from the repository root (the README's command).</summary>
    public static Task<DotNetResult> ReportOnSampleAsync(params string[] options)
    {
        var arguments = new List<string> { "report", Path.Combine("samples", "Outreach", "Outreach.csproj") };
        arguments.AddRange(options);
        return RunAsync(RepositoryFiles.Root, arguments.ToArray());
    }
}
