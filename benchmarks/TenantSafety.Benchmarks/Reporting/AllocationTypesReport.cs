using System.Collections.Immutable;
using System.Text;
using TenantSafety.Benchmarks.Measurement;
using static System.FormattableString;

namespace TenantSafety.Benchmarks.Reporting;

/// <summary>The table <c>--allocations-by-type</c> adds: which types' allocations TenantSafety adds to a build.</summary>
internal static class AllocationTypesReport
{
    private const int Rows = 25;
    private const double Megabyte = 1024 * 1024;

    public static void Write(StringBuilder s, IReadOnlyList<SizeResult> sizes)
    {
        var sampled = sizes.Where(r => r.BaselineAllocatedByType.Count > 0 && r.WithTenantSafetyAllocatedByType.Count > 0).ToList();
        if (sampled.Count == 0)
        {
            return;
        }

        var added = sampled.ToDictionary(r => r, r => Added(r.BaselineAllocatedByType, r.WithTenantSafetyAllocatedByType));
        var largest = sampled[^1];
        var types = added[largest].OrderByDescending(pair => pair.Value).Take(Rows).Select(pair => pair.Key).ToList();

        s.AppendLine("### Allocations TenantSafety adds, by type (`--allocations-by-type`; MB, mean of the timed runs)");
        s.AppendLine();
        s.AppendLine("Sampled from the runtime's allocation ticks (one per ~100 KB a heap allocates, naming the type that crossed the");
        s.AppendLine("mark): the + TenantSafety runs' mean minus the baseline's, per type, the largest at the largest size. It counts the");
        s.AppendLine("compiler's and driver's allocations on TenantSafety's behalf as well as its own. A few hundred KB either way is");
        s.AppendLine("sampling; the listening slows every run, so this run's time ratios are not the measure.");
        s.AppendLine();
        s.AppendLine("| Type | " + string.Join(" | ", sampled.Select(r => Invariant($"{r.Size.Scale}×"))) + " |");
        s.AppendLine("|---|" + string.Concat(sampled.Select(_ => "---|")));
        s.AppendLine("| *All types* | " + string.Join(" | ", sampled.Select(r => Invariant($"{added[r].Values.Sum() / Megabyte:F1}"))) + " |");
        foreach (var type in types)
        {
            s.AppendLine($"| `{Shorten(type)}` | " + string.Join(" | ", sampled.Select(r => Invariant($"{added[r].GetValueOrDefault(type) / Megabyte:F1}"))) + " |");
        }

        s.AppendLine();
    }

    /// <summary>Per type, the mean bytes of the runs with TenantSafety minus the mean of the baseline's.</summary>
    private static Dictionary<string, double> Added(List<ImmutableDictionary<string, long>> baseline, List<ImmutableDictionary<string, long>> withOurs)
    {
        var added = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (runs, sign) in new[] { (withOurs, 1.0), (baseline, -1.0) })
        {
            foreach (var run in runs)
            {
                foreach (var (type, bytes) in run)
                {
                    added[type] = added.GetValueOrDefault(type) + (sign * bytes / runs.Count);
                }
            }
        }

        return added;
    }

    /// <summary>Generic arguments spelled out in full make a column unreadable: namespaces are dropped from them.</summary>
    private static string Shorten(string type)
    {
        var shortened = System.Text.RegularExpressions.Regex.Replace(type, @"(?<![\w])(?:[A-Za-z_][\w]*\.)+(?=[A-Za-z_][\w`]*)", "");
        return shortened.Length <= 110 ? shortened : shortened[..107] + "...";
    }
}
