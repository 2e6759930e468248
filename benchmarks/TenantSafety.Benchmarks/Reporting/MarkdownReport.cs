using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using TenantSafety.Benchmarks.Measurement;

namespace TenantSafety.Benchmarks.Reporting;

/// <summary>The measurement as Markdown tables, ready for docs/performance.md.</summary>
internal static class MarkdownReport
{
    private const double WallRatioTarget = 1.05;
    private const double GrowthTarget = 4.4;
    internal const double DocumentTargetMs = 50;

    public static string Write(
        BenchmarkArguments arguments,
        AnalyzerSet analyzers,
        IReadOnlyList<SizeResult> sizes,
        int documentScale,
        ImmutableArray<DocumentResult> documents)
    {
        var s = new StringBuilder();
        WriteEnvironment(s, arguments, analyzers);
        if (sizes.Count > 0)
        {
            WriteSolutions(s, sizes);
            WriteWallTime(s, arguments, sizes);
            AllocationTypesReport.Write(s, sizes);
            WriteExecutionTime(s, arguments, analyzers, sizes);
            WriteGrowth(s, analyzers, sizes);
            WriteFindings(s, sizes);
        }

        if (!documents.IsEmpty)
        {
            WriteDocuments(s, arguments, documentScale, documents);
        }

        return s.ToString();
    }

    private static void WriteEnvironment(StringBuilder s, BenchmarkArguments arguments, AnalyzerSet analyzers)
    {
        s.AppendLine("### Environment");
        s.AppendLine();
        s.AppendLine(Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        s.AppendLine(Invariant($"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB available to the GC"));
        s.AppendLine(Invariant($"- Runtime: {RuntimeInformation.FrameworkDescription}; compiler: Microsoft.CodeAnalysis {typeof(CSharpCompilation).Assembly.GetName().Version}"));
        s.AppendLine(Invariant($"- Runs: {arguments.Warmup} warmup of each configuration (first size only); per size {arguments.Runs} timed runs of baseline and of baseline + TenantSafety (alternating order), {arguments.ContextRuns} of the compiler alone, {arguments.TelemetryRuns} telemetry run(s); {arguments.DocumentRuns} timed IDE requests per document and analyzer set (after 3 warmup)"));
        foreach (var group in analyzers.All.GroupBy(a => a.Origin))
        {
            s.AppendLine(Invariant($"- {Name(group.Key)}: {group.Count()} analyzers"));
        }

        foreach (var path in analyzers.Paths)
        {
            s.AppendLine(Invariant($"  - `{path}`"));
        }

        s.AppendLine();
    }

    private static void WriteSolutions(StringBuilder s, IReadOnlyList<SizeResult> sizes)
    {
        s.AppendLine("### Generated solutions");
        s.AppendLine();
        s.AppendLine("| Size | Entities (tenant) | Query sites | Migrations | Files | Lines |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in sizes)
        {
            var z = r.Size;
            s.AppendLine(Invariant($"| {z.Scale}× | {z.Entities:N0} ({z.TenantEntities:N0}) | {z.QuerySites:N0} | {z.Migrations:N0} | {z.Files:N0} | {z.Lines:N0} |"));
        }

        s.AppendLine();
    }

    private static void WriteWallTime(StringBuilder s, BenchmarkArguments arguments, IReadOnlyList<SizeResult> sizes)
    {
        s.AppendLine(Invariant($"### Compile + analysis (median of {arguments.Runs} runs, ms)"));
        s.AppendLine();
        s.AppendLine("Wall time, and the process's CPU time over all threads for the same runs (less disturbed by other load on a shared machine).");
        s.AppendLine();
        s.AppendLine("| Size | Parse | Compiler only | Emit, no analyzers | Baseline wall | + TenantSafety wall | Wall ratio (pairs min–max) | Baseline CPU | + TenantSafety CPU | CPU ratio (pairs min–max) | Target ≤ 1.05 |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in sizes)
        {
            var baseline = Statistics.Median(r.BaselineMs);
            var ours = Statistics.Median(r.WithTenantSafetyMs);
            var wallPairs = r.BaselineMs.Zip(r.WithTenantSafetyMs, (b, o) => o / b).ToList();
            var baselineCpu = Statistics.Median(r.BaselineCpuMs);
            var oursCpu = Statistics.Median(r.WithTenantSafetyCpuMs);
            var cpuPairs = r.BaselineCpuMs.Zip(r.WithTenantSafetyCpuMs, (b, o) => o / b).ToList();
            var met = ours / baseline <= WallRatioTarget && oursCpu / baselineCpu <= WallRatioTarget;
            s.Append(Invariant($"| {r.Size.Scale}× | {Statistics.Median(r.ParseMs):N0} | {Statistics.Median(r.CompilerOnlyMs):N0} | {Statistics.Median(r.EmitMs):N0} | "));
            s.Append(Invariant($"{baseline:N0} | {ours:N0} | {ours / baseline:F3} ({wallPairs.Min():F2}–{wallPairs.Max():F2}) | "));
            s.AppendLine(Invariant($"{baselineCpu:N0} | {oursCpu:N0} | {oursCpu / baselineCpu:F3} ({cpuPairs.Min():F2}–{cpuPairs.Max():F2}) | {Verdict(met)} |"));
        }

        s.AppendLine();
        s.AppendLine("Memory allocated by the same runs (MB, median). Time on a shared machine stretches with its other load; allocations");
        s.AppendLine("do not, so they show a change in how much work TenantSafety does that the time ratios cannot (context, no target).");
        s.AppendLine();
        s.AppendLine("The garbage collector's pauses and full (generation 2) collections in the same runs (median) say what that memory costs");
        s.AppendLine("in time: a collection is charged to whichever thread allocates when it is due, so it hides in every analyzer's time.");
        s.AppendLine();
        s.AppendLine("\"Kept\" is the heap a run keeps alive at its end (compilation, driver, analyzers' state), after a full collection.");
        s.AppendLine("\"Page faults\" count the memory a run touched for the first time (Linux; thousands), which the host maps and zeroes.");
        s.AppendLine();
        s.AppendLine("| Size | Baseline | + TenantSafety | TenantSafety adds (median of pairs) | GC pause ms, baseline / + TenantSafety | Gen 2 collections, baseline / + TenantSafety | Kept MB, baseline / + TenantSafety | Page faults (thousands), baseline / + TenantSafety |");
        s.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in sizes)
        {
            var added = Statistics.Median(r.BaselineAllocatedMb.Zip(r.WithTenantSafetyAllocatedMb, (b, o) => o - b));
            s.Append(Invariant($"| {r.Size.Scale}× | {Statistics.Median(r.BaselineAllocatedMb):N0} | {Statistics.Median(r.WithTenantSafetyAllocatedMb):N0} | {added:N0} | "));
            s.AppendLine(Invariant($"{Statistics.Median(r.BaselineGc.Select(g => g.PauseMs)):N0} / {Statistics.Median(r.WithTenantSafetyGc.Select(g => g.PauseMs)):N0} | {Statistics.Median(r.BaselineGc.Select(g => (double)g.Gen2Collections)):N0} / {Statistics.Median(r.WithTenantSafetyGc.Select(g => (double)g.Gen2Collections)):N0} | {Statistics.Median(r.BaselineKeptMb):N0} / {Statistics.Median(r.WithTenantSafetyKeptMb):N0} | {Statistics.Median(r.BaselineGc.Select(g => g.PageFaults / 1000.0)):N0} / {Statistics.Median(r.WithTenantSafetyGc.Select(g => g.PageFaults / 1000.0)):N0} |"));
        }

        s.AppendLine();
    }

    private static void WriteExecutionTime(StringBuilder s, BenchmarkArguments arguments, AnalyzerSet analyzers, IReadOnlyList<SizeResult> sizes)
    {
        s.AppendLine(Invariant($"### Analyzer execution time (GetAnalyzerTelemetryInfoAsync, median of {arguments.TelemetryRuns} runs, ms summed over threads, waits included)"));
        s.AppendLine();
        s.AppendLine("| Size | TenantSafety | EF Core analyzers | NetAnalyzers | TenantSafety / EF Core | Target < 1 |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in sizes)
        {
            var ours = OriginTotal(r, analyzers, AnalyzerOrigin.TenantSafety);
            var ef = OriginTotal(r, analyzers, AnalyzerOrigin.EfCore);
            var net = OriginTotal(r, analyzers, AnalyzerOrigin.NetAnalyzers);
            s.AppendLine(Invariant($"| {r.Size.Scale}× | {ours:N0} | {ef:N0} | {net:N0} | {ours / ef:F2} | {Verdict(ours < ef)} |"));
        }

        s.AppendLine();
        s.AppendLine("Per analyzer (TenantSafety's and EF Core's, then the five slowest NetAnalyzers at the largest size):");
        s.AppendLine();
        s.AppendLine("| Analyzer | From | " + string.Join(" | ", sizes.Select(r => Invariant($"{r.Size.Scale}×"))) + " |");
        s.AppendLine("|---|---|" + string.Concat(sizes.Select(_ => "---|")));
        var largest = sizes[^1];
        var rows = analyzers.All.Where(a => a.Origin != AnalyzerOrigin.NetAnalyzers)
            .Concat(analyzers.All.Where(a => a.Origin == AnalyzerOrigin.NetAnalyzers)
                .OrderByDescending(a => MedianOf(largest, a.Analyzer)).Take(5));
        foreach (var (analyzer, origin) in rows)
        {
            s.AppendLine($"| {analyzer.GetType().Name} | {Name(origin)} | " + string.Join(" | ", sizes.Select(r => Invariant($"{MedianOf(r, analyzer):N1}"))) + " |");
        }

        s.AppendLine();
    }

    private static void WriteGrowth(StringBuilder s, AnalyzerSet analyzers, IReadOnlyList<SizeResult> sizes)
    {
        if (sizes.Count < 2)
        {
            return;
        }

        var first = sizes[0];
        var last = sizes[^1];
        var codeGrowth = (double)last.Size.Lines / first.Size.Lines;
        s.AppendLine(Invariant($"### Growth {first.Size.Scale}× → {last.Size.Scale}× (code grows {codeGrowth:F2}× in lines, {(double)last.Size.QuerySites / first.Size.QuerySites:F2}× in query sites)"));
        s.AppendLine();
        s.AppendLine(Invariant($"| Measure | {first.Size.Scale}× | {last.Size.Scale}× | Growth | Target ≤ {GrowthTarget} |"));
        s.AppendLine("|---|---|---|---|---|");
        Row("TenantSafety execution time (ms)", r => OriginTotal(r, analyzers, AnalyzerOrigin.TenantSafety), target: true);
        Row("CPU time TenantSafety adds (ms)", r => Statistics.Median(r.WithTenantSafetyCpuMs) - Statistics.Median(r.BaselineCpuMs), target: true);
        Row("Wall time TenantSafety adds (ms)", r => Statistics.Median(r.WithTenantSafetyMs) - Statistics.Median(r.BaselineMs), target: false);
        Row("EF Core analyzers execution time (ms)", r => OriginTotal(r, analyzers, AnalyzerOrigin.EfCore), target: false);
        Row("NetAnalyzers execution time (ms)", r => OriginTotal(r, analyzers, AnalyzerOrigin.NetAnalyzers), target: false);
        Row("Compiler only (ms)", r => Statistics.Median(r.CompilerOnlyMs), target: false);
        Row("Baseline compile + analysis, CPU (ms)", r => Statistics.Median(r.BaselineCpuMs), target: false);
        s.AppendLine();

        void Row(string label, Func<SizeResult, double> measure, bool target)
        {
            var a = measure(first);
            var b = measure(last);
            var growth = b / a;
            s.AppendLine(Invariant($"| {label} | {a:N0} | {b:N0} | {growth:F2}× | {(target ? Verdict(growth <= GrowthTarget) : "(context)")} |"));
        }
    }

    private static void WriteFindings(StringBuilder s, IReadOnlyList<SizeResult> sizes)
    {
        s.AppendLine("### Diagnostics reported (sanity check: every analyzer set ran and found what the generator planted)");
        s.AppendLine();
        s.AppendLine("| Size | TenantSafety | EF Core | NetAnalyzers (CA/SYSLIB) | Compiler warnings |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var r in sizes)
        {
            string Of(Func<string, bool> filter) => string.Join(", ", r.DiagnosticCounts.Where(kv => filter(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Invariant($"{kv.Key} {kv.Value:N0}")));
            int Count(Func<string, bool> filter) => r.DiagnosticCounts.Where(kv => filter(kv.Key)).Sum(kv => kv.Value);
            s.Append(Invariant($"| {r.Size.Scale}× | {Of(id => id.StartsWith("TSA", StringComparison.Ordinal))} | {Of(id => id.StartsWith("EF", StringComparison.Ordinal))} | "));
            s.AppendLine(Invariant($"{Count(id => id.StartsWith("CA", StringComparison.Ordinal) || id.StartsWith("SYSLIB", StringComparison.Ordinal)):N0} | {Count(id => id.StartsWith("CS", StringComparison.Ordinal)):N0} |"));
        }

        s.AppendLine();
    }

    private static void WriteDocuments(StringBuilder s, BenchmarkArguments arguments, int scale, ImmutableArray<DocumentResult> documents)
    {
        s.AppendLine(Invariant($"### IDE: one open document of the {scale}× solution after a keystroke (median of {arguments.DocumentRuns} requests, ms)"));
        s.AppendLine();
        s.AppendLine("Each request runs on a new compilation (the edited one). \"Request\" is the wall time of `GetAnalyzerSemanticDiagnosticsAsync` for that analyzer set alone, which includes the analyzer driver binding the document for itself; \"executing\" is the set's own callback time from telemetry. \"Adds\" is the median over requests of the two requests' difference for the same keystroke.");
        s.AppendLine();
        s.AppendLine("| Document | Lines | Compiler semantic diagnostics | EF Core request | EF Core + TenantSafety request | TenantSafety adds | TenantSafety executing (p90) | NetAnalyzers request | Target < 50 ms |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var d in documents)
        {
            var ef = Statistics.Median(d.WallMs["EF Core"]);
            var both = Statistics.Median(d.WallMs["EF Core + TenantSafety"]);
            var ours = Statistics.Median(d.ExecutionMs["TenantSafety"]);
            var oursP90 = Statistics.Percentile(d.ExecutionMs["TenantSafety"], 0.9);
            s.Append(Invariant($"| {d.Label} (`{System.IO.Path.GetFileName(d.Path)}`) | {d.Lines:N0} | {Statistics.Median(d.CompilerMs):N1} | "));
            s.Append(Invariant($"{ef:N1} | {both:N1} | {d.AddedMs:+0.0;-0.0;0} | {ours:N1} ({oursP90:N1}) | "));
            var verdict = d.IsContext ? "(context)" : Verdict(ours < DocumentTargetMs && d.AddedMs < DocumentTargetMs);
            s.AppendLine(Invariant($"{Statistics.Median(d.WallMs["NetAnalyzers"]):N1} | {verdict} |"));
        }

        s.AppendLine();
    }

    internal static double OriginTotal(SizeResult r, AnalyzerSet analyzers, AnalyzerOrigin origin)
    {
        // Median over runs of the per-run total, not the sum of per-analyzer medians.
        var runs = r.ExecutionMs.Values.FirstOrDefault()?.Count ?? 0;
        return Statistics.Median(Enumerable.Range(0, runs).Select(i =>
            r.ExecutionMs.Where(kv => analyzers.OriginOf(kv.Key) == origin).Sum(kv => kv.Value[i])));
    }

    private static double MedianOf(SizeResult r, Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer) =>
        r.ExecutionMs.TryGetValue(analyzer, out var list) ? Statistics.Median(list) : double.NaN;

    private static string Name(AnalyzerOrigin origin) => origin switch
    {
        AnalyzerOrigin.NetAnalyzers => "NetAnalyzers (SDK)",
        AnalyzerOrigin.EfCore => "EF Core analyzers",
        _ => "TenantSafety",
    };

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
