using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Benchmarks.Generation;
using TenantSafety.Benchmarks.Measurement;

namespace TenantSafety.Benchmarks;

/// <summary>Runs the build measure at every size and the IDE measure on the chosen size, in this one process.</summary>
internal sealed class Runner(BenchmarkArguments arguments, AnalyzerSet analyzers) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly AllocationSampler? _allocations = arguments.AllocationsByType ? new AllocationSampler() : null;
    private bool _warmedUp;

    public async Task<SizeResult> MeasureBuildAsync(GeneratedSolution solution)
    {
        var settings = ProjectSettings.Create(arguments.SdkDirectory, solution.EditorConfig);
        var baseline = analyzers.Of(AnalyzerOrigin.NetAnalyzers, AnalyzerOrigin.EfCore);
        var withOurs = analyzers.Of(AnalyzerOrigin.NetAnalyzers, AnalyzerOrigin.EfCore, AnalyzerOrigin.TenantSafety);
        var result = new SizeResult(Describe(solution));

        Log($"{solution.Scale}x: warmup");
        for (var i = 0; i < (_warmedUp ? 0 : arguments.Warmup); i++)
        {
            await BuildRun.RunAsync(solution, settings, [], logExecutionTime: false, emit: true);
            await BuildRun.RunAsync(solution, settings, baseline, logExecutionTime: false);
            await BuildRun.RunAsync(solution, settings, withOurs, logExecutionTime: false);
        }

        // The JIT and the analyzers' static caches warm once per process; every run builds a fresh compilation.
        _warmedUp = true;
        for (var run = 0; run < arguments.Runs; run++)
        {
            // Alternate the order so a slow drift of the machine does not favour one configuration.
            var steps = new List<Func<Task>>();
            if (run < arguments.ContextRuns)
            {
                // Context only (no ratio depends on them): the compiler alone, without and with emit.
                steps.Add(async () =>
                {
                    var timing = await Timed(solution, settings, []);
                    result.CompilerOnlyMs.Add(timing.CompileAndAnalyzeMs);
                    result.CompilerOnlyCpuMs.Add(timing.CompileAndAnalyzeCpuMs);
                });
                steps.Add(async () => result.EmitMs.Add((await Timed(solution, settings, [], emit: true)).CompileAndAnalyzeMs));
            }

            steps.AddRange(
            [
                async () =>
                {
                    var timing = await Timed(solution, settings, baseline, allocations: _allocations);
                    result.BaselineMs.Add(timing.CompileAndAnalyzeMs);
                    result.BaselineCpuMs.Add(timing.CompileAndAnalyzeCpuMs);
                    result.BaselineAllocatedMb.Add(timing.CompileAndAnalyzeAllocatedMb);
                    result.BaselineGc.Add(timing.Gc);
                    result.BaselineKeptMb.Add(timing.KeptMb);
                    AddIfSampled(result.BaselineAllocatedByType, timing);
                },
                async () =>
                {
                    var timing = await Timed(solution, settings, withOurs, allocations: _allocations);
                    result.WithTenantSafetyMs.Add(timing.CompileAndAnalyzeMs);
                    result.WithTenantSafetyCpuMs.Add(timing.CompileAndAnalyzeCpuMs);
                    result.WithTenantSafetyAllocatedMb.Add(timing.CompileAndAnalyzeAllocatedMb);
                    result.WithTenantSafetyGc.Add(timing.Gc);
                    result.WithTenantSafetyKeptMb.Add(timing.KeptMb);
                    AddIfSampled(result.WithTenantSafetyAllocatedByType, timing);
                    result.ParseMs.Add(timing.ParseMs);
                },
            ]);
            if (run % 2 == 1)
            {
                steps.Reverse();
            }

            foreach (var step in steps)
            {
                await step();
            }

            Log($"{solution.Scale}x: run {run + 1}/{arguments.Runs}: compiler {result.CompilerOnlyMs[^1]:F0} ms, emit {result.EmitMs[^1]:F0} ms (latest), " +
                $"baseline {result.BaselineMs[^1]:F0} ms (CPU {result.BaselineCpuMs[^1]:F0}), +TenantSafety {result.WithTenantSafetyMs[^1]:F0} ms (CPU {result.WithTenantSafetyCpuMs[^1]:F0}); " +
                $"GC pause {result.BaselineGc[^1].PauseMs:F0} / {result.WithTenantSafetyGc[^1].PauseMs:F0} ms, gen 2 {result.BaselineGc[^1].Gen2Collections} / {result.WithTenantSafetyGc[^1].Gen2Collections}, " +
                $"kept {result.BaselineKeptMb[^1]:F0} / {result.WithTenantSafetyKeptMb[^1]:F0} MB, " +
                $"page faults {result.BaselineGc[^1].PageFaults / 1000.0:F0}k / {result.WithTenantSafetyGc[^1].PageFaults / 1000.0:F0}k");
        }

        for (var run = 0; run < arguments.TelemetryRuns; run++)
        {
            var timing = await Timed(solution, settings, withOurs, logExecutionTime: true);
            foreach (var (analyzer, time) in timing.ExecutionTimes)
            {
                if (!result.ExecutionMs.TryGetValue(analyzer, out var list))
                {
                    result.ExecutionMs[analyzer] = list = [];
                }

                list.Add(time.TotalMilliseconds);
            }

            result.DiagnosticCounts = timing.DiagnosticCounts;
            Log($"{solution.Scale}x: telemetry run {run + 1}/{arguments.TelemetryRuns}: TenantSafety " +
                $"{Sum(timing.ExecutionTimes, AnalyzerOrigin.TenantSafety):F0} ms, EF Core {Sum(timing.ExecutionTimes, AnalyzerOrigin.EfCore):F0} ms, " +
                $"NetAnalyzers {Sum(timing.ExecutionTimes, AnalyzerOrigin.NetAnalyzers):F0} ms");

            // Our execution time counts the waits for the shared model: which analyzers carry it moves between runs.
            var ours = timing.ExecutionTimes
                .Where(pair => analyzers.OriginOf(pair.Key) == AnalyzerOrigin.TenantSafety && pair.Value.TotalMilliseconds >= 1)
                .OrderByDescending(pair => pair.Value)
                .Select(pair => $"{pair.Key.GetType().Name} {pair.Value.TotalMilliseconds:F0}");
            Log($"{solution.Scale}x: telemetry run {run + 1}/{arguments.TelemetryRuns}: TenantSafety by analyzer: {string.Join(", ", ours)}");
        }

        return result;
    }

    public async Task<ImmutableArray<DocumentResult>> MeasureDocumentsAsync(GeneratedSolution solution)
    {
        var settings = ProjectSettings.Create(arguments.SdkDirectory, solution.EditorConfig);
        Log($"{solution.Scale}x: IDE measure: creating the compilation");
        var documentRun = new DocumentRun(solution, settings);
        ImmutableArray<(string, ImmutableArray<DiagnosticAnalyzer>)> sets =
        [
            ("TenantSafety", analyzers.Of(AnalyzerOrigin.TenantSafety)),
            ("EF Core", analyzers.Of(AnalyzerOrigin.EfCore)),
            ("EF Core + TenantSafety", analyzers.Of(AnalyzerOrigin.EfCore, AnalyzerOrigin.TenantSafety)),
            ("NetAnalyzers", analyzers.Of(AnalyzerOrigin.NetAnalyzers)),
        ];
        var documents = new (string Label, string Path, Keystroke Keystroke)[]
        {
            ("Query-heavy service", solution.QueryHeavyFile, Keystroke.Comment),
            ("Entity", solution.EntityFile, Keystroke.Comment),
            ("DbContext (DbSets, OnModelCreating)", solution.ModelFile, Keystroke.Comment),
            ("Query-heavy service, a statement typed in a method", solution.QueryHeavyFile, Keystroke.Body),
            ("Entity, a property typed", solution.EntityFile, Keystroke.Declaration),
        };

        var results = ImmutableArray.CreateBuilder<DocumentResult>();
        var edit = 0;
        foreach (var (label, path, keystroke) in documents)
        {
            if (arguments.OnlyDocument is { } only && !label.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var result = new DocumentResult(label, path, solution.LinesOf(path), keystroke);
            const int Warmup = 3;
            for (var run = 0; run < Warmup + arguments.DocumentRuns; run++)
            {
                var timing = await documentRun.RunAsync(path, edit++, sets, keystroke);
                if (run < Warmup)
                {
                    continue;
                }

                result.CompilerMs.Add(timing.CompilerMs);
                foreach (var (set, request) in timing.Requests)
                {
                    Add(result.WallMs, set, request.WallMs);
                    Add(result.ExecutionMs, set, request.ExecutionMs);
                }
            }

            Log($"{solution.Scale}x: IDE {label} ({result.Lines} lines): compiler {Statistics.Median(result.CompilerMs):F1} ms, " +
                string.Join(", ", result.WallMs.Select(kv => $"{kv.Key} {Statistics.Median(kv.Value):F1} ms (executing {Statistics.Median(result.ExecutionMs[kv.Key]):F1})")));
            results.Add(result);
        }

        return results.ToImmutable();
    }

    private static void Add(Dictionary<string, List<double>> lists, string key, double value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(value);
    }

    public void Dispose() => _allocations?.Dispose();

    private static void AddIfSampled(List<ImmutableDictionary<string, long>> runs, BuildTiming timing)
    {
        if (timing.AllocatedByType is { } sampled)
        {
            runs.Add(sampled);
        }
    }

    public void Log(string message) => Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {message}");

    private static async Task<BuildTiming> Timed(
        GeneratedSolution solution,
        ProjectSettings settings,
        ImmutableArray<DiagnosticAnalyzer> set,
        bool logExecutionTime = false,
        bool emit = false,
        AllocationSampler? allocations = null)
    {
        // Start every run from the same heap state: the previous run's compilation is garbage now.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return await BuildRun.RunAsync(solution, settings, set, logExecutionTime, emit, allocations);
    }

    private double Sum(ImmutableDictionary<DiagnosticAnalyzer, TimeSpan> times, AnalyzerOrigin origin) =>
        times.Where(kv => analyzers.OriginOf(kv.Key) == origin).Sum(kv => kv.Value.TotalMilliseconds);

    private static SolutionSize Describe(GeneratedSolution s) =>
        new(s.Scale, s.Entities, s.TenantEntities, s.QuerySites, s.Migrations, s.Files.Length, s.Lines);
}
