namespace TenantSafety.Cli;

/// <summary>The <c>--output</c> file, checked before the analysis runs: a typo in the path should not cost a minute of MSBuild.</summary>
internal static class OutputFile
{
    /// <summary>Creates the folder and proves the file can be written, leaving an existing file's content as it was.</summary>
    public static void EnsureWritable(string path)
    {
        try
        {
            var fullPath = Path.GetFullPath(path);
            if (Directory.Exists(fullPath))
            {
                throw new ReportException($"Cannot write the report to {path}: it is a folder.", ExitCode.InvalidInput);
            }

            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var existed = File.Exists(fullPath);
            using (new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(fullPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ReportException($"Cannot write the report to {path}: {e.Message}", ExitCode.InvalidInput);
        }
    }
}
