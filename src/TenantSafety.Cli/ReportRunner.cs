using System.Diagnostics;
using System.Reflection;
using TenantSafety.Cli.Analysis;
using TenantSafety.Cli.Loading;
using TenantSafety.Cli.Output;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli;

/// <summary><c>tenant-safety report</c>: load, analyze, write the audit, and turn findings into the exit code.</summary>
internal static class ReportRunner
{
    public static async Task<int> RunAsync(ReportOptions options, TextWriter standardOutput, TextWriter standardError, CancellationToken cancellationToken)
    {
        var progress = new Progress(standardError);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            using var workspace = await WorkspaceLoader.LoadAsync(options.Path, options.Restore, progress, cancellationToken).ConfigureAwait(false);
            var analyzers = AnalyzerCatalog.Load();

            var projects = new List<ProjectFacts>();
            foreach (var project in workspace.Projects)
            {
                progress.Report($"Running {analyzers.Length} TenantSafety analyzers on {project.Name} ({project.Documents.Count()} files) …");
                projects.Add(await ProjectAnalysis.AnalyzeAsync(project, analyzers, cancellationToken).ConfigureAwait(false));
            }

            if (!projects.Any(p => p.ReferencesEfCore))
            {
                throw new ReportException(
                    $"{options.Path} does not reference EF Core (no Microsoft.EntityFrameworkCore.DbContext in {string.Join(", ", projects.Select(p => p.Name))}): there is no model to audit.",
                    ExitCodes.NoEfCore);
            }

            var audit = AuditBuilder.Build(
                DisplayPaths.Of(Path.GetFullPath(options.Path)),
                ToolVersion,
                DateTimeOffset.UtcNow,
                projects.Where(p => p.ReferencesEfCore).ToList(),
                analyzers.SelectMany(a => a.SupportedDiagnostics),
                workspace.Warnings.Where(IsRelevantLoadWarning).ToList());

            await WriteAsync(audit, options, standardOutput).ConfigureAwait(false);
            progress.Report(
                $"{audit.TenantTables.Count()} tenant tables, {audit.TenantTables.Count(t => !t.TenantKeyIndexed)} without a tenant-key index; " +
                $"{audit.Findings.Count} findings ({stopwatch.Elapsed.TotalSeconds:F1} s)" +
                (options.Output is null ? "." : $"; report written to {options.Output}."));

            return FailsOn(audit, options.FailOn, progress) ? ExitCodes.FindingsAtFailOnSeverity : ExitCodes.Success;
        }
        catch (ReportException e)
        {
            standardError.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }

    private static string ToolVersion =>
        typeof(ReportRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static async Task WriteAsync(Audit audit, ReportOptions options, TextWriter standardOutput)
    {
        using var text = new StringWriter { NewLine = "\n" };
        switch (options.Format)
        {
            case ReportFormats.Json:
                JsonReportWriter.Write(audit, text);
                break;
            case ReportFormats.Sarif:
                SarifReportWriter.Write(audit, text);
                break;
            default:
                MarkdownReportWriter.Write(audit, text);
                break;
        }

        if (options.Output is null)
        {
            await standardOutput.WriteAsync(text.ToString()).ConfigureAwait(false);
            await standardOutput.FlushAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await File.WriteAllTextAsync(options.Output, text.ToString()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"Could not write {options.Output}: {e.Message}", ExitCodes.InvalidInput);
        }
    }

    private static bool FailsOn(Audit audit, string failOn, Progress progress)
    {
        var threshold = SeverityNames.Rank(failOn);
        if (threshold == 0)
        {
            return false;
        }

        var failing = audit.Findings.Count(f => SeverityNames.Rank(f.Severity) >= threshold);
        if (failing > 0)
        {
            progress.Report($"{failing} finding(s) at or above '{failOn}': exit code {ExitCodes.FindingsAtFailOnSeverity}.");
        }

        return failing > 0;
    }

    /// <summary>MSBuild's complaints about the analyzer projects' release-tracking files are noise for the audit.</summary>
    private static bool IsRelevantLoadWarning(string message) =>
        !message.Contains("Duplicate source file", StringComparison.Ordinal);
}

/// <summary>The values of <c>--format</c>.</summary>
internal static class ReportFormats
{
    public const string Markdown = "markdown";
    public const string Json = "json";
    public const string Sarif = "sarif";

    public static readonly string[] All = [Markdown, Json, Sarif];
}
