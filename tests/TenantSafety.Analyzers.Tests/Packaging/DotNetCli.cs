using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>The outcome of one <c>dotnet</c> command run by the packaging tests.</summary>
internal sealed record DotNetResult(
    string CommandLine,
    string WorkingDirectory,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command, its exit code and the end of both output streams, for a failure message.</summary>
    public string Describe(int tailLines = 120)
    {
        var text = new StringBuilder()
            .AppendLine($"> {CommandLine}")
            .AppendLine($"  in {WorkingDirectory}")
            .AppendLine($"  exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s")
            .AppendLine("--- stdout ---")
            .AppendLine(Tail(StandardOutput, tailLines))
            .AppendLine("--- stderr ---")
            .AppendLine(Tail(StandardError, tailLines));
        return text.ToString();
    }

    private static string Tail(string text, int lines)
    {
        const int MaxLineLength = 2000;
        var all = text.Split('\n');
        var tail = all.Length <= lines ? all : all[^lines..];
        var shown = string.Join('\n', tail.Select(line => line.Length <= MaxLineLength ? line : line[..MaxLineLength] + $" […{line.Length - MaxLineLength} more characters]"));
        return all.Length <= lines ? shown : $"[… {all.Length - lines} earlier lines]\n" + shown;
    }
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process: no build servers, no inherited MSBuild state of the
/// test host, English output, a hard timeout that kills the whole process tree.
/// </summary>
internal static class DotNetCli
{
    /// <summary>The muxer that runs the tests (set by the CLI for <c>dotnet test</c>), else the one on PATH.</summary>
    private static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static async Task<DotNetResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ConfigureEnvironment(startInfo.Environment, environment);

        var commandLine = "dotnet " + string.Join(' ', arguments.Select(Quote));
        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Append(standardError, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start: {commandLine}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var timedOut = new DotNetResult(commandLine, workingDirectory, -1, Read(standardOutput), Read(standardError), stopwatch.Elapsed);
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s and was killed.\n{timedOut.Describe()}");
        }

        return new DotNetResult(commandLine, workingDirectory, process.ExitCode, Read(standardOutput), Read(standardError), stopwatch.Elapsed);
    }

    private static void ConfigureEnvironment(IDictionary<string, string?> variables, IReadOnlyDictionary<string, string?>? overrides)
    {
        // Under `dotnet test` the test host inherits the MSBuild location of the SDK that built it
        // (MSBuildExtensionsPath, MSBuildSDKsPath, MSBUILD_EXE_PATH, …); a child build must resolve its own.
        foreach (var name in variables.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            variables.Remove(name);
        }

        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        variables["DOTNET_CLI_UI_LANGUAGE"] = "en";
        variables["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["MSBUILDTERMINALLOGGER"] = "off";

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"') ? argument : "\"" + argument.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
