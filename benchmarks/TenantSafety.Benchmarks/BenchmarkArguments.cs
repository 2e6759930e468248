using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace TenantSafety.Benchmarks;

/// <summary>Command-line options. Defaults are the documented measurement.</summary>
internal sealed class BenchmarkArguments
{
    public int[] Sizes { get; private set; } = [1, 2, 4];

    /// <summary>
    /// Untimed runs of every configuration before the first size, for the JIT. One was not enough: the 1× builds after it
    /// still got faster run after run (the first timed one took twice the fifth), while tiered compilation promoted
    /// methods, ours only during the runs that load them; after three, the five timed runs are flat. With the server
    /// collector the builds are a third shorter, and after three the 1× builds with TenantSafety still fell from 4.1 to
    /// 3.0 s over the next six timed runs while the baseline's stayed at 2.6–3.0 s: six give the JIT the same time.
    /// </summary>
    public int Warmup { get; private set; } = 6;

    /// <summary>Timed runs of the baseline and of baseline + TenantSafety per size; medians are reported.</summary>
    public int Runs { get; private set; } = 3;

    /// <summary>Timed runs of the compiler alone (with and without emit) per size: context, not part of any ratio.</summary>
    public int ContextRuns { get; private set; } = 1;

    /// <summary>Runs with <c>logAnalyzerExecutionTime</c> on, for per-analyzer execution time.</summary>
    public int TelemetryRuns { get; private set; } = 3;

    /// <summary>Timed IDE requests per document.</summary>
    public int DocumentRuns { get; private set; } = 7;

    /// <summary>The size whose documents the IDE measure opens; default the largest.</summary>
    public int? DocumentSize { get; private set; }

    public bool SkipBuild { get; private set; }

    /// <summary>Only the IDE documents whose label contains this text (for profiling one of them); null measures all.</summary>
    public string? OnlyDocument { get; private set; }

    public bool SkipDocuments { get; private set; }

    /// <summary>
    /// Only TenantSafety's analyzers whose type name is listed (for attributing its cost, chiefly its allocations, to
    /// rules); empty runs them all.
    /// </summary>
    public ImmutableArray<string> OnlyAnalyzers { get; private set; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// Samples the timed builds' allocations by type (<see cref="Measurement.AllocationSampler"/>) and reports what
    /// TenantSafety adds per type. The listening slows every run, so the time ratios of such a run are not the measure.
    /// </summary>
    public bool AllocationsByType { get; private set; }

    public string SdkDirectory { get; private set; } = Metadata("NetSdkRoot");

    public string? OutputPath { get; private set; }

    public static BenchmarkArguments Parse(string[] args)
    {
        var parsed = new BenchmarkArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);

            // Every measure needs at least one run (a median of none is undefined); warm-up runs may be none.
            int NextCount()
            {
                var option = args[i];
                var count = NextInt();
                return count >= 1 ? count : throw new ArgumentException($"{option} needs a count of at least 1, not {count}.");
            }

            switch (args[i])
            {
                case "--sizes":
                    parsed.Sizes = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--warmup":
                    parsed.Warmup = NextInt();
                    break;
                case "--runs":
                    parsed.Runs = NextCount();
                    break;
                case "--context-runs":
                    parsed.ContextRuns = NextCount();
                    break;
                case "--telemetry-runs":
                    parsed.TelemetryRuns = NextCount();
                    break;
                case "--document-runs":
                    parsed.DocumentRuns = NextCount();
                    break;
                case "--document-size":
                    parsed.DocumentSize = NextInt();
                    break;
                case "--only-document":
                    parsed.OnlyDocument = Next();
                    break;
                case "--only-analyzers":
                    parsed.OnlyAnalyzers = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--skip-build":
                    parsed.SkipBuild = true;
                    break;
                case "--allocations-by-type":
                    parsed.AllocationsByType = true;
                    break;
                case "--skip-documents":
                    parsed.SkipDocuments = true;
                    break;
                case "--sdk":
                    parsed.SdkDirectory = Next();
                    break;
                case "--out":
                    parsed.OutputPath = Next();
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown option {args[i]}. Options: --sizes 1,2,4 --warmup N --runs N --telemetry-runs N " +
                        "--context-runs N --document-runs N --document-size N --only-document TEXT --only-analyzers A,B --allocations-by-type --skip-build --skip-documents --sdk DIR --out FILE");
            }
        }

        return parsed;
    }

    /// <summary>The EF Core analyzer assembly of the EF Core version the generated project references.</summary>
    public static string EfCoreAnalyzersPath => Path.Combine(
        Metadata("NuGetPackageRoot"),
        "microsoft.entityframeworkcore.analyzers",
        Metadata("EfCore10Version"),
        "analyzers",
        "dotnet",
        "cs",
        "Microsoft.EntityFrameworkCore.Analyzers.dll");

    /// <summary>Built from src/TenantSafety.Analyzers in the runner's configuration and copied beside it.</summary>
    public static string TenantSafetyPath => Path.Combine(AppContext.BaseDirectory, "TenantSafety.Analyzers.dll");

    private static string Metadata(string key) =>
        typeof(BenchmarkArguments).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No assembly metadata {key}: the project file writes it.");
}
