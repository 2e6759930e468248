namespace TenantSafety.Cli;

/// <summary>Progress lines on stderr, so stdout carries only the report.</summary>
internal sealed class Progress(TextWriter error)
{
    public void Report(string message) => error.WriteLine(message);
}
