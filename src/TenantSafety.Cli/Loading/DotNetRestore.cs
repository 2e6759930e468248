using System.Diagnostics;
using System.Text;

namespace TenantSafety.Cli.Loading;

/// <summary>
/// Runs <c>dotnet restore</c> before MSBuild loads the project, as <c>dotnet format</c> does: without restored
/// packages the compilation has no EF Core references and there is no model to audit.
/// </summary>
internal static class DotNetRestore
{
    public static async Task RunAsync(string path, string sdkDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(FindDotNet(sdkDirectory))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        startInfo.ArgumentList.Add("restore");
        startInfo.ArgumentList.Add(path);
        startInfo.ArgumentList.Add("-nologo");
        startInfo.ArgumentList.Add("--verbosity");
        startInfo.ArgumentList.Add("quiet");
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        startInfo.Environment["MSBUILDTERMINALLOGGER"] = "off";

        using var process = Process.Start(startInfo) ?? throw new ReportException($"Could not start '{startInfo.FileName} restore'.", ExitCode.LoadFailed);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var lines = ((await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Distinct()
                .Take(10);
            throw new ReportException(
                $"dotnet restore failed for {path} (exit code {process.ExitCode}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", lines)}",
                ExitCode.LoadFailed);
        }
    }

    /// <summary>The dotnet host of the SDK MSBuild was located in (<c>…/dotnet/sdk/10.0.100</c> → <c>…/dotnet/dotnet</c>).</summary>
    private static string FindDotNet(string sdkDirectory)
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(sdkDirectory)));
        if (root is not null && File.Exists(Path.Combine(root, executable)))
        {
            return Path.Combine(root, executable);
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : executable;
    }
}
