using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Cli.Analysis.Code;
using TenantSafety.Cli.Report;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Analysis;

/// <summary>
/// What one project says: its findings (suppressed ones apart), its tables, how it connects, its compile errors
/// (printed on stderr; an error for <c>--fail-on</c>) and what else went wrong on the way. <c>Analysed</c>: whether the
/// analyzers ran on it, as it references EF Core or calls the stores of another project (an Application layer over its
/// Domain project's <c>IRepository&lt;T&gt;</c>).
/// </summary>
internal sealed record ProjectFacts(
    string Name,
    bool Analysed,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Finding> Suppressed,
    IReadOnlyList<TableFacts> Tables,
    IReadOnlyList<string> Warnings)
{
    public IReadOnlyList<string> CompileErrors { get; init; } = [];

    /// <summary>The analyzers that threw on the project (AD0001): their findings are missing from the audit.</summary>
    public IReadOnlyList<AnalyzerFailure> AnalyzerFailures { get; init; } = [];

    public ConnectionFacts Connections { get; init; } = ConnectionFacts.Empty;

    /// <summary>The value of <c>tenant_safety.hot_entities</c> as the project's .editorconfig sets it (empty when unset).</summary>
    public IReadOnlyList<string> HotEntities { get; init; } = [];

    /// <summary>The tenant key the analyzers used and how they found it; null without EF Core.</summary>
    public TenancyFacts? Tenancy { get; init; }

    /// <summary>The databases of the EF Core providers the project references (<see cref="Analysis.DatabaseProviders"/>).</summary>
    public IReadOnlyList<string> DatabaseProviders { get; init; } = [];
}

/// <summary>The tenant key of a project (empty when none was found) and how it was chosen: configured, or inferred from what.</summary>
internal sealed record TenancyFacts(IReadOnlyList<string> Keys, string HowFound)
{
    public string Describe() => Keys.Count == 0 ? HowFound : $"{string.Join(", ", Keys)} ({HowFound})";
}

/// <summary>
/// Runs the TenantSafety analyzers on a loaded project the way the compiler does: with the project's
/// <c>.editorconfig</c> options and severities, reporting suppressed diagnostics apart.
/// </summary>
internal static class ProjectAnalysis
{
    public static async Task<ProjectFacts> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ReportException($"{project.Name}: MSBuild gave no compilation for the project.", ExitCode.LoadFailed);

        if (TenantCompilationState.For(compilation, project.AnalyzerOptions) is not { } state)
        {
            return new ProjectFacts(project.Name, Analysed: false, [], [], [], []);
        }

        var warnings = new List<string>();
        var compileErrors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
        {
            warnings.Add($"{project.Name} has {Plural.Of(compileErrors.Count, "compile error")}; findings may be incomplete. First: {Describe(compileErrors[0])}");
        }

        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

        var findings = new List<Finding>();
        var suppressed = new List<Finding>();
        var failures = AnalyzerFailure.From(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Hidden || !diagnostic.Location.IsInSource)
            {
                continue;
            }

            (diagnostic.IsSuppressed ? suppressed : findings).Add(ToFinding(diagnostic));
        }

        var source = SourceOperations.Read(compilation, state.Symbols, cancellationToken);
        var tables = TableFactsReader.Read(compilation, project.AnalyzerOptions, SchemaReader.Read(source));
        warnings.AddRange(failures.Select(f => $"{project.Name}: {f.Message} Its findings are missing from this report."));
        if (ConfiguredElsewhere(state) is { } unread)
        {
            warnings.Add($"{project.Name}: {unread}");
        }

        return new ProjectFacts(project.Name, Analysed: true, findings, suppressed, tables, warnings)
        {
            CompileErrors = compileErrors.Select(Describe).ToList(),
            AnalyzerFailures = failures,
            Connections = ConnectionCodeReader.Read(source, AppSettingsReader.Read(project.FilePath)),
            HotEntities = TableFactsReader.HotEntities(compilation, project.AnalyzerOptions),
            Tenancy = TableFactsReader.Tenancy(compilation, project.AnalyzerOptions),
            DatabaseProviders = Analysis.DatabaseProviders.Of(compilation),
        };
    }

    /// <summary>
    /// The entities configured by classes another project compiled (<c>ApplyConfiguration(new LeadConfiguration())</c>):
    /// their bodies cannot be read from this project, so the audit does not know all their indexes and filters.
    /// </summary>
    private static string? ConfiguredElsewhere(TenantCompilationState state)
    {
        var entities = state.Entities.Entities.Where(e => e.IsConfiguredElsewhere).ToList();
        if (entities.Count == 0)
        {
            return null;
        }

        const int Named = 5;
        var classes = entities.SelectMany(e => e.ConfigurationsElsewhere).Distinct(StringComparer.Ordinal).ToList();
        var named = string.Join(", ", classes.Take(Named)) + (classes.Count > Named ? $" and {classes.Count - Named:N0} more" : string.Empty);
        return $"{Plural.Of(entities.Count, "entity", "entities")} {Plural.Verb(entities.Count, "is", "are")} configured by classes of another project ({named}), " +
            "whose bodies this project's compilation cannot read: their indexes, keys and filters are missing from this audit, and TSA2001, TSA2002 and TSA1007 do not judge them. " +
            "--database compares the live schema instead.";
    }

    /// <summary>A compile error as the compiler prints it, with the path as the report shows paths.</summary>
    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var where = diagnostic.Location.IsInSource ? $"{DisplayPaths.Of(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : string.Empty;
        return $"{where}error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static Finding ToFinding(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        return new Finding(
            diagnostic.Id,
            SeverityNames.Of(diagnostic.Severity),
            diagnostic.Descriptor.Title.ToString(),
            diagnostic.GetMessage(),
            DisplayPaths.Of(span.Path),
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            string.IsNullOrEmpty(diagnostic.Descriptor.HelpLinkUri) ? null : diagnostic.Descriptor.HelpLinkUri,
            diagnostic.Properties);
    }
}
