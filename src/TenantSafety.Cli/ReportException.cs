namespace TenantSafety.Cli;

/// <summary>A failure the user can act on: printed as one clear message, with its exit code.</summary>
internal sealed class ReportException(string message, ExitCode exitCode) : Exception(message)
{
    public ExitCode ExitCode { get; } = exitCode;
}
