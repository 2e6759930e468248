using System.Collections.Immutable;
using System.Globalization;
using TenantSafety.Benchmarks.Measurement;

namespace TenantSafety.Benchmarks.Reporting;

/// <summary>
/// One machine-readable line per size, printed last, so scripts and issue checks read the result
/// without parsing the Markdown tables:
/// <c>BENCH size=4 wall_ratio=… cpu_ratio=… ours_ms=… netanalyzers_ms=… ef_ms=… ide_added_ms_max=… ide_ours_ms_max=…</c>.
/// The IDE fields are filled only for the size the IDE measure opened; elsewhere they read <c>n/a</c>.
/// </summary>
internal static class BenchLines
{
    public static IEnumerable<string> Write(
        AnalyzerSet analyzers,
        IReadOnlyList<SizeResult> sizes,
        int documentScale,
        ImmutableArray<DocumentResult> documents)
    {
        var scales = sizes.Select(r => r.Size.Scale).ToList();
        if (!documents.IsEmpty && !scales.Contains(documentScale))
        {
            scales.Add(documentScale);
        }

        foreach (var scale in scales)
        {
            var size = sizes.FirstOrDefault(r => r.Size.Scale == scale);
            var ide = scale == documentScale && !documents.IsEmpty;
            yield return "BENCH " + string.Join(' ', new[]
            {
                $"size={scale}",
                $"wall_ratio={Ratio(size, r => r.WithTenantSafetyMs, r => r.BaselineMs)}",
                $"cpu_ratio={Ratio(size, r => r.WithTenantSafetyCpuMs, r => r.BaselineCpuMs)}",
                $"ours_ms={Total(size, analyzers, AnalyzerOrigin.TenantSafety)}",
                $"netanalyzers_ms={Total(size, analyzers, AnalyzerOrigin.NetAnalyzers)}",
                $"ef_ms={Total(size, analyzers, AnalyzerOrigin.EfCore)}",
                $"ide_added_ms_max={(ide ? Number(documents.Where(d => !d.IsContext).Max(d => d.AddedMs)) : "n/a")}",
                $"ide_ours_ms_max={(ide ? Number(documents.Where(d => !d.IsContext).Max(d => Statistics.Median(d.ExecutionMs["TenantSafety"]))) : "n/a")}",
            });
        }
    }

    private static string Ratio(SizeResult? size, Func<SizeResult, List<double>> ours, Func<SizeResult, List<double>> baseline) =>
        size is null || ours(size).Count == 0
            ? "n/a"
            : (Statistics.Median(ours(size)) / Statistics.Median(baseline(size))).ToString("F3", CultureInfo.InvariantCulture);

    private static string Total(SizeResult? size, AnalyzerSet analyzers, AnalyzerOrigin origin) =>
        size is null || size.ExecutionMs.Count == 0 ? "n/a" : Number(MarkdownReport.OriginTotal(size, analyzers, origin));

    private static string Number(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
