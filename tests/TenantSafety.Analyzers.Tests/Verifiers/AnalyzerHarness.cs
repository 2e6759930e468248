using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs analyzers on a compilation the way the compiler host does and collects every analyzer failure:
/// the exceptions reported to <c>onAnalyzerException</c> and the AD0001 diagnostics a build would show.
/// </summary>
internal static class AnalyzerHarness
{
    /// <summary>
    /// Runs <paramref name="analyzers"/> on the whole of <paramref name="compilation"/> (as a build does,
    /// compilation-end actions included), or, with <paramref name="document"/>, on that document only (as
    /// an IDE does for the open file: syntax and semantic actions of that tree).
    /// </summary>
    public static async Task<AnalyzerRun> RunAsync(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        AnalyzerConfigOptionsProvider? options = null,
        SyntaxTree? document = null,
        CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<AnalyzerFailure>();
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options ?? TestAnalyzerConfigOptionsProvider.Empty);
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                analyzerOptions,
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue(new AnalyzerFailure(analyzer.GetType().Name, exception.ToString())),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));

        ImmutableArray<Diagnostic> diagnostics;
        if (document is null)
        {
            diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false);
            var semantic = await withAnalyzers
                .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(document), filterSpan: null, cancellationToken)
                .ConfigureAwait(false);
            diagnostics = syntax.AddRange(semantic);
        }

        var failures = exceptions.ToList();
        failures.AddRange(diagnostics
            .Where(d => d.Id is "AD0001")
            .Select(d => new AnalyzerFailure("AD0001", d.ToString())));
        return new AnalyzerRun(diagnostics.Where(d => d.Id is not "AD0001").ToImmutableArray(), [.. failures]);
    }

    /// <summary>
    /// Runs <paramref name="analyzers"/> on the whole of <paramref name="compilation"/>, requires that none failed, and
    /// returns each diagnostic's ID, span and message, one per line in ordinal order: what an edited compilation and a
    /// fresh one of the same text must agree on.
    /// </summary>
    public static async Task<string> DiagnosticLinesAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var run = await RunAsync(compilation, analyzers).ConfigureAwait(false);
        Xunit.Assert.Empty(run.Failures);
        return string.Join("\n", run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(d => d, System.StringComparer.Ordinal));
    }
}

internal sealed record AnalyzerFailure(string Source, string Details);

internal sealed record AnalyzerRun(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<AnalyzerFailure> Failures);

/// <summary>The same <c>.editorconfig</c> values for every syntax tree.</summary>
internal sealed class TestAnalyzerConfigOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    public static TestAnalyzerConfigOptionsProvider Empty { get; } = new(new Dictionary<string, string>());

    private readonly Options _options = new(values);

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
