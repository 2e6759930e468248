using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Benchmarks.Generation;

namespace TenantSafety.Benchmarks.Measurement;

/// <summary>One analyzer set's request: its wall time, and its analyzers' execution time from telemetry.</summary>
internal readonly record struct RequestTiming(double WallMs, double ExecutionMs);

/// <summary>The timings of one IDE request for one open document, after one keystroke.</summary>
internal sealed record DocumentTiming(double CompilerMs, ImmutableDictionary<string, RequestTiming> Requests);

/// <summary>
/// The IDE's measure: a developer types in one file of the large project, the IDE forks the compilation with
/// the edited tree and asks for that document's semantic diagnostics — the compiler's, then each analyzer
/// set's through <see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, TextSpan?, CancellationToken)"/>.
/// Every request sees a new compilation, so per-compilation caches (ours included) start cold, as they do
/// after each keystroke.
/// </summary>
internal sealed class DocumentRun
{
    private readonly CSharpCompilation _compilation;
    private readonly ProjectSettings _settings;
    private readonly ImmutableDictionary<string, SyntaxTree> _trees;

    public DocumentRun(GeneratedSolution solution, ProjectSettings settings)
    {
        _settings = settings;
        var trees = solution.Files
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, Encoding.UTF8), settings.ParseOptions, f.Path))
            .ToImmutableArray();
        _trees = trees.ToImmutableDictionary(t => t.FilePath, StringComparer.Ordinal);
        _compilation = CSharpCompilation.Create("Acme.Outreach", trees, settings.References, settings.CompilationOptions);

        // The IDE's compilation is long-lived: declarations of every file are already known.
        _ = _compilation.GetDeclarationDiagnostics();
    }

    public async Task<DocumentTiming> RunAsync(string path, int edit, ImmutableArray<(string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)> sets, Keystroke keystroke = Keystroke.Comment)
    {
        var (_, model) = Fork(path, edit, keystroke);

        // The compiler's own semantic diagnostics bind the document; the IDE computes them beside the analyzers'.
        var stopwatch = Stopwatch.StartNew();
        _ = model.GetDiagnostics();
        var compilerMs = stopwatch.Elapsed.TotalMilliseconds;

        var requests = ImmutableDictionary.CreateBuilder<string, RequestTiming>(StringComparer.Ordinal);
        // Alternate the order so no set always runs on a model another set has warmed.
        var ordered = edit % 2 == 0 ? sets : sets.Reverse();
        foreach (var (label, analyzers) in ordered)
        {
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                _settings.AnalyzerOptions,
                (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().FullName}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            // Each set gets its own edited tree and compilation: per-compilation and per-tree caches (ours included)
            // are cold for every set, as after a keystroke, and no set runs on state another set has built.
            var (compilation, setModel) = Fork(path, edit, keystroke);

            // The server collector's budget is large: a collection falls in one request of many and stretches it by a
            // collection of the whole heap, which decides a difference of two requests. Each starts on a collected heap.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            stopwatch.Restart();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            _ = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(setModel, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
            var wallMs = stopwatch.Elapsed.TotalMilliseconds;
            var executionMs = 0.0;
            foreach (var analyzer in analyzers)
            {
                executionMs += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
            }

            requests[label] = new RequestTiming(wallMs, executionMs);
            if (!exceptions.IsEmpty)
            {
                throw new InvalidOperationException("An analyzer threw (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, exceptions));
            }
        }

        return new DocumentTiming(compilerMs, requests.ToImmutable());
    }

    /// <summary>
    /// The IDE's compilation after the keystroke: the long-lived one with the document's tree replaced by an edited copy.
    /// The keystroke adds a comment line at the end; a statement before the first <c>return</c> of the file's second
    /// half (typing in one method body); or a property to the file's last class (what a developer typing in an entity
    /// does, and what changes the model).
    /// </summary>
    private (Compilation Compilation, SemanticModel Model) Fork(string path, int edit, Keystroke keystroke)
    {
        var tree = _trees[path];
        var text = tree.GetText();
        var content = text.ToString();
        var change = keystroke switch
        {
            Keystroke.Declaration => new TextChange(new TextSpan(content.LastIndexOf('}'), 0), $"    public int Typed{edit} {{ get; set; }}\n"),
            Keystroke.Body => new TextChange(new TextSpan(ReturnInSecondHalf(content), 0), $"var typed{edit} = {edit};\n        "),
            _ => new TextChange(new TextSpan(text.Length, 0), $"// edit {edit}\n"),
        };
        var edited = tree.WithChangedText(text.WithChanges(change));
        var compilation = _compilation.ReplaceSyntaxTree(tree, edited);
        return (compilation, compilation.GetSemanticModel(edited));
    }

    private static int ReturnInSecondHalf(string content)
    {
        var position = content.IndexOf("return ", content.Length / 2, StringComparison.Ordinal);
        return position >= 0 ? position : throw new InvalidOperationException("The document has no return statement in its second half to type before.");
    }
}
