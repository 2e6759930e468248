using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Benchmarks.Measurement;

/// <summary>The size of one generated solution, as reported.</summary>
internal sealed record SolutionSize(int Scale, int Entities, int TenantEntities, int QuerySites, int Migrations, int Files, int Lines);

/// <summary>Every timed run at one size, in milliseconds.</summary>
internal sealed class SizeResult(SolutionSize size)
{
    public SolutionSize Size { get; } = size;

    public List<double> ParseMs { get; } = [];

    /// <summary>Compiler diagnostics only (GetDiagnostics), no analyzers.</summary>
    public List<double> CompilerOnlyMs { get; } = [];

    /// <summary>Emit to memory, no analyzers: what csc does without analyzers.</summary>
    public List<double> EmitMs { get; } = [];

    /// <summary>Compiler + NetAnalyzers + EF Core analyzers diagnostics.</summary>
    public List<double> BaselineMs { get; } = [];

    /// <summary>The baseline plus TenantSafety.</summary>
    public List<double> WithTenantSafetyMs { get; } = [];

    /// <summary>The process's CPU time (all threads) for the same runs: what other load on the machine disturbs least.</summary>
    public List<double> BaselineCpuMs { get; } = [];

    public List<double> WithTenantSafetyCpuMs { get; } = [];

    public List<double> CompilerOnlyCpuMs { get; } = [];

    /// <summary>
    /// Memory allocated by the same runs, in MB: unlike time, it does not stretch with the machine's other load, so it
    /// shows a change in how much work the analyzers do that the time ratios are too noisy to see.
    /// </summary>
    public List<double> BaselineAllocatedMb { get; } = [];

    public List<double> WithTenantSafetyAllocatedMb { get; } = [];

    /// <summary>The garbage collector's pauses and full collections in the same runs (context: what allocation and retention cost).</summary>
    public List<GcWork> BaselineGc { get; } = [];

    public List<GcWork> WithTenantSafetyGc { get; } = [];

    /// <summary>The heap a run keeps alive at its end, after a full collection (MB): what stays live through a build.</summary>
    public List<double> BaselineKeptMb { get; } = [];

    public List<double> WithTenantSafetyKeptMb { get; } = [];

    /// <summary>With <c>--allocations-by-type</c>: the bytes sampled per type in each timed run (<see cref="AllocationSampler"/>).</summary>
    public List<ImmutableDictionary<string, long>> BaselineAllocatedByType { get; } = [];

    public List<ImmutableDictionary<string, long>> WithTenantSafetyAllocatedByType { get; } = [];

    /// <summary>Per analyzer, its execution time in each telemetry run.</summary>
    public Dictionary<DiagnosticAnalyzer, List<double>> ExecutionMs { get; } = [];

    public ImmutableDictionary<string, int> DiagnosticCounts { get; set; } = ImmutableDictionary<string, int>.Empty;
}

/// <summary>Every timed IDE request for one document.</summary>
internal sealed class DocumentResult(string label, string path, int lines, Keystroke keystroke = Keystroke.Comment)
{
    public string Label { get; } = label;

    public Keystroke Keystroke { get; } = keystroke;

    /// <summary>
    /// The keystroke types code rather than a comment (a statement in a body, or a declaration): context for what such
    /// an edit costs, not one of issue 16's three measured documents.
    /// </summary>
    public bool IsContext => Keystroke != Keystroke.Comment;

    public string Path { get; } = path;

    public int Lines { get; } = lines;

    public List<double> CompilerMs { get; } = [];

    /// <summary>Per analyzer set, the wall time of each request.</summary>
    public Dictionary<string, List<double>> WallMs { get; } = new(StringComparer.Ordinal);

    /// <summary>Per analyzer set, its analyzers' summed execution time (telemetry) in each request.</summary>
    public Dictionary<string, List<double>> ExecutionMs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What TenantSafety adds to the request: the median over keystrokes of EF Core + TenantSafety minus EF Core alone.
    /// Both sets answer the same keystroke back to back, so each difference cancels what the machine was doing at that
    /// moment; the difference of the two medians does not, and moved by ±90 ms between runs of the same code.
    /// </summary>
    public double AddedMs => Statistics.Median(WallMs["EF Core + TenantSafety"].Zip(WallMs["EF Core"], (both, efCore) => both - efCore));
}
