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

/// <summary>The timings of one build-like run on fresh syntax trees and a fresh compilation.</summary>
internal sealed record BuildTiming(
    double ParseMs,
    double CompileAndAnalyzeMs,
    double CompileAndAnalyzeCpuMs,
    double CompileAndAnalyzeAllocatedMb,
    GcWork Gc,
    double KeptMb,
    ImmutableDictionary<DiagnosticAnalyzer, TimeSpan> ExecutionTimes,
    ImmutableDictionary<string, int> DiagnosticCounts,
    ImmutableDictionary<string, long>? AllocatedByType);

/// <summary>
/// The garbage collector's work during one run: its pauses, how many full (generation 2) collections it made, and the
/// page faults the process took (<see cref="ProcessPageFaults"/>). What an analyzer allocates and keeps alive costs CPU
/// here, charged to whichever thread allocates when a collection is due or touches memory for the first time.
/// </summary>
internal readonly record struct GcWork(double PauseMs, int Gen2Collections, long PageFaults)
{
    public static GcWork Now() => new(GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(2), ProcessPageFaults.Read());

    public GcWork Since(GcWork before) => new(PauseMs - before.PauseMs, Gen2Collections - before.Gen2Collections, PageFaults - before.PageFaults);
}

/// <summary>
/// One compile of the generated project, as <c>csc</c> does it, from text: parse every file, create the
/// compilation, then the compiler's diagnostics alone (no analyzers; with <c>emit</c>, <c>Emit</c> to memory
/// instead, which also reports them), or compiler and
/// analyzer diagnostics together through <see cref="CompilationWithAnalyzers.GetAllDiagnosticsAsync()"/> (which
/// binds each method body once and feeds it to the analyzers, as the command-line compiler does).
/// </summary>
internal static class BuildRun
{
    public static async Task<BuildTiming> RunAsync(
        GeneratedSolution solution,
        ProjectSettings settings,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        bool logExecutionTime,
        bool emit = false,
        AllocationSampler? allocations = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var trees = new SyntaxTree[solution.Files.Length];
        Parallel.For(0, trees.Length, i =>
        {
            var file = solution.Files[i];
            trees[i] = CSharpSyntaxTree.ParseText(SourceText.From(file.Text, Encoding.UTF8), settings.ParseOptions, file.Path);
        });
        var parseMs = stopwatch.Elapsed.TotalMilliseconds;

        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = GcWork.Now();
        allocations?.Start();
        stopwatch.Restart();
        var compilation = CSharpCompilation.Create("Acme.Outreach", trees, settings.References, settings.CompilationOptions);
        ImmutableArray<Diagnostic> diagnostics;
        var executionTimes = ImmutableDictionary<DiagnosticAnalyzer, TimeSpan>.Empty;
        CompilationWithAnalyzers? withAnalyzersKept = null;
        if (analyzers.IsEmpty && emit)
        {
            // What csc does without analyzers: one pass that binds, reports and writes IL.
            using var peStream = new MemoryStream();
            var result = compilation.Emit(peStream);
            diagnostics = result.Diagnostics;
        }
        else if (analyzers.IsEmpty)
        {
            diagnostics = compilation.GetDiagnostics();
        }
        else
        {
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                settings.AnalyzerOptions,
                (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().FullName}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: logExecutionTime,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            withAnalyzersKept = withAnalyzers;
            if (logExecutionTime)
            {
                // GetAllDiagnosticsAsync analyses without recording per-analyzer state, so it keeps no telemetry;
                // GetAnalysisResultAsync records it. Telemetry runs are not timed as wall time.
                var analysis = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
                diagnostics = analysis.GetAllDiagnostics();
            }
            else
            {
                diagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
            }

            stopwatch.Stop();
            if (!exceptions.IsEmpty)
            {
                throw new InvalidOperationException("An analyzer threw (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, exceptions));
            }

            if (logExecutionTime)
            {
                var builder = ImmutableDictionary.CreateBuilder<DiagnosticAnalyzer, TimeSpan>();
                foreach (var analyzer in analyzers)
                {
                    var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                    builder[analyzer] = telemetry.ExecutionTime;
                }

                executionTimes = builder.ToImmutable();
            }
        }

        var compileAndAnalyzeMs = stopwatch.Elapsed.TotalMilliseconds;
        var allocatedByType = allocations?.Stop();
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024.0);
        var gc = GcWork.Now().Since(gcBefore);
        process.Refresh();
        var compileAndAnalyzeCpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        // What the build keeps alive at its end (the compilation, the driver, every analyzer's state), after a full
        // collection, outside the timed span: what stays live through a build makes each of its collections dearer.
        var keptMb = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (1024.0 * 1024.0);
        GC.KeepAlive(compilation);
        GC.KeepAlive(withAnalyzersKept);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("TSA", StringComparison.Ordinal)).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The generated solution does not compile ({errors.Count} errors):" + Environment.NewLine
                + string.Join(Environment.NewLine, errors.Take(20)));
        }

        var counts = diagnostics
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new BuildTiming(parseMs, compileAndAnalyzeMs, compileAndAnalyzeCpuMs, allocatedMb, gc, keptMb, executionTimes, counts, allocatedByType);
    }
}
