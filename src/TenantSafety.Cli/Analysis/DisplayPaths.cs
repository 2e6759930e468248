namespace TenantSafety.Cli.Analysis;

/// <summary>Paths as the report prints them: relative to the current directory when under it, with forward slashes.</summary>
internal static class DisplayPaths
{
    public static string Of(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        return shown.Replace('\\', '/');
    }
}
