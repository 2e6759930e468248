using System.Diagnostics;
using System.Reflection;
using TenantSafety.Cli.Analysis;
using TenantSafety.Cli.Database;
using TenantSafety.Cli.Loading;
using TenantSafety.Cli.Output;
using TenantSafety.Cli.Report;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli;

/// <summary><c>tenant-safety report</c>: load, analyze, write the audit, and turn findings into the exit code.</summary>
internal static class ReportRunner
{
    public static async Task<ExitCode> RunAsync(ReportOptions options, TextWriter standardOutput, TextWriter standardError, CancellationToken cancellationToken)
    {
        var progress = new Progress(standardError);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            if (options.Output is not null)
            {
                OutputFile.EnsureWritable(options.Output);
            }

            // The database first: a wrong connection string should fail in seconds, not after MSBuild.
            DatabaseSnapshot? snapshot = null;
            if (options.Database is not null)
            {
                var database = DatabaseConnection.Parse(options.Database);
                progress.Report($"Reading the catalog of {database.Target} (read-only) …");
                snapshot = await DatabaseReader.ReadAsync(database, cancellationToken).ConfigureAwait(false);
                foreach (var note in snapshot.Notes)
                {
                    progress.Report($"note: {note}");
                }
            }

            using var workspace = await WorkspaceLoader.LoadAsync(options.Path, options.Restore, progress, cancellationToken).ConfigureAwait(false);
            var analyzers = AnalyzerCatalog.Load();

            var projects = new List<ProjectFacts>();
            foreach (var project in workspace.Projects)
            {
                progress.Report($"Running {analyzers.Length} TenantSafety analyzers on {project.Name} ({project.Documents.Count()} files) …");
                projects.Add(await ProjectAnalysis.AnalyzeAsync(project, analyzers, cancellationToken).ConfigureAwait(false));
            }

            if (!projects.Any(p => p.Analysed))
            {
                throw new ReportException(
                    $"{options.Path} does not reference EF Core (no Microsoft.EntityFrameworkCore.DbContext in {string.Join(", ", projects.Select(p => p.Name))}) " +
                    "and calls no store of another project: there is no model or query to audit.",
                    ExitCode.NoEfCore);
            }

            var audit = AuditBuilder.Build(
                DisplayPaths.Of(Path.GetFullPath(options.Path)),
                ToolVersion,
                DateTimeOffset.UtcNow,
                projects.Where(p => p.Analysed).ToList(),
                analyzers.SelectMany(a => a.SupportedDiagnostics),
                workspace.Warnings.Where(IsRelevantLoadWarning).ToList(),
                options.ScaleAssumptions,
                snapshot,
                NearestEditorConfig(options.Path));

            ReportTenancy(audit, progress);
            var compileErrors = ReportCompileErrors(projects, standardError);
            var analyzerFailures = ReportAnalyzerFailures(projects, standardError);
            await WriteAsync(audit, options, standardOutput).ConfigureAwait(false);
            progress.Report(
                $"{Plural.Of(audit.TenantTables.Count(), "tenant table")}, {audit.TenantTables.Count(t => t.LacksTenantKeyIndex):N0} without a tenant-key index; " +
                $"{Plural.Of(audit.Findings.Count, "finding")} ({stopwatch.Elapsed.TotalSeconds:F1} s)" +
                (options.Output is null ? "." : $"; report written to {options.Output}."));

            var fails = FailsOn(audit, options.FailOn, progress);
            if (compileErrors > 0 && SeverityNames.Rank(options.FailOn) > 0)
            {
                // A project that does not compile is audited only in part: an error, whatever --fail-on names.
                progress.Report($"{Plural.Of(compileErrors, "compile error")}: the code could not compile, an error for --fail-on {options.FailOn}: exit code {(int)ExitCode.FindingsAtFailOnSeverity}.");
                fails = true;
            }

            if (analyzerFailures > 0 && SeverityNames.Rank(options.FailOn) > 0)
            {
                // The failed analyzer's findings are missing: the audit is incomplete, as for code that does not compile.
                progress.Report($"{Plural.Of(analyzerFailures, "analyzer failure")}: the audit is incomplete, an error for --fail-on {options.FailOn}: exit code {(int)ExitCode.FindingsAtFailOnSeverity}.");
                fails = true;
            }

            return fails ? ExitCode.FindingsAtFailOnSeverity : ExitCode.Success;
        }
        catch (ReportException e)
        {
            standardError.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }

    /// <summary>The .editorconfig nearest the project, where <c>tenant_safety.hot_entities</c> belongs.</summary>
    private static string? NearestEditorConfig(string path)
    {
        for (var directory = Path.GetDirectoryName(Path.GetFullPath(path)); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, ".editorconfig");
            if (File.Exists(candidate))
            {
                return DisplayPaths.Of(candidate);
            }
        }

        return null;
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
            await File.WriteAllTextAsync(options.Output, text.ToString()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"Could not write {options.Output}: {e.Message}", ExitCode.InvalidInput);
        }
    }

    /// <summary>
    /// The tenant key the audit used and how it was found, and every DbContext without a tenant entity (TSA0001): a
    /// report that found no tenancy must never look like a clean one.
    /// </summary>
    private static void ReportTenancy(Audit audit, Progress progress)
    {
        foreach (var source in audit.TenantKeySources)
        {
            progress.Report($"Tenant key: {source}.");
        }

        foreach (var none in audit.NoTenantEntity)
        {
            progress.Report($"warning {none.Id}: {none.Message} ({none.File}:{none.Line})");
        }

        if (audit.OnAnotherDatabase)
        {
            progress.Report($"Database: {string.Join(", ", audit.DatabaseProviders)}; the report's SQL is written for PostgreSQL.");
        }
    }

    /// <summary>Prints the loaded projects' compile errors on stderr (the first 20 of each project); returns how many there are.</summary>
    private static int ReportCompileErrors(IReadOnlyList<ProjectFacts> projects, TextWriter standardError)
    {
        const int Shown = 20;
        var total = 0;
        foreach (var project in projects.Where(p => p.CompileErrors.Count > 0).DistinctBy(p => p.Name))
        {
            total += project.CompileErrors.Count;
            standardError.WriteLine($"error: {project.Name} does not compile ({Plural.Of(project.CompileErrors.Count, "compile error")}); the audit covers what the compiler could bind:");
            WriteIndentedHead(standardError, project.CompileErrors, Shown, "more");
        }

        return total;
    }

    /// <summary>
    /// Prints every analyzer that threw (AD0001) on stderr with where it threw, the first lines of its stack trace, for
    /// a bug report; returns how many there are.
    /// </summary>
    private static int ReportAnalyzerFailures(IReadOnlyList<ProjectFacts> projects, TextWriter standardError)
    {
        const int StackLines = 12;
        var failures = projects.SelectMany(p => p.AnalyzerFailures.Select(f => (Project: p.Name, Failure: f))).DistinctBy(f => f.Failure.Message).ToList();
        foreach (var (project, failure) in failures)
        {
            standardError.WriteLine($"error: {project}: {failure.Message} Its findings are missing from the report; please report this with the lines below:");
            var stack = failure.Details.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).Select(line => line.Trim()).ToList();
            WriteIndentedHead(standardError, stack, StackLines, "more lines");
        }

        return failures.Count;
    }

    /// <summary>The first <paramref name="shown"/> of <paramref name="lines"/>, indented, then how many were left out.</summary>
    private static void WriteIndentedHead(TextWriter writer, IReadOnlyList<string> lines, int shown, string leftOut)
    {
        foreach (var line in lines.Take(shown))
        {
            writer.WriteLine($"  {line}");
        }

        if (lines.Count > shown)
        {
            writer.WriteLine($"  … and {lines.Count - shown:N0} {leftOut}");
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
            progress.Report($"{Plural.Of(failing, "finding")} at or above '{failOn}': exit code {(int)ExitCode.FindingsAtFailOnSeverity}.");
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

    /// <summary><c>md</c> is accepted for <c>markdown</c>.</summary>
    public const string MarkdownAlias = "md";

    public static readonly string[] All = [Markdown, Json, Sarif];

    public static readonly string[] Accepted = [Markdown, MarkdownAlias, Json, Sarif];

    public static string Normalize(string format) => format == MarkdownAlias ? Markdown : format;
}
