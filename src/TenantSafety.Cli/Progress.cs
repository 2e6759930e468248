namespace TenantSafety.Cli;

/// <summary>Progress lines on stderr, so stdout carries only the report.</summary>
internal sealed class Progress(TextWriter error, bool quiet)
{
    public void Report(string message)
    {
        if (!quiet)
        {
            error.WriteLine(message);
        }
    }
}
