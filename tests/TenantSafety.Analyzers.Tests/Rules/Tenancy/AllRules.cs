using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>Every shipped analyzer on one compilation, as a build runs them: for tests of what a whole project reports.</summary>
internal static class AllRules
{
    /// <summary>The findings as <c>ID line: message</c> (line of the first source is 1), sorted; fails on any analyzer exception.</summary>
    public static async Task<List<string>> RunAsync(EfCoreVersion ef, IReadOnlyDictionary<string, string>? options, params string[] sources)
    {
        var compilation = EfCoreReferences.Compile(ef, sources);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var run = await AnalyzerHarness.RunAsync(
            compilation,
            ShippedExtensions.CreateAnalyzers(),
            options is null ? null : new TestAnalyzerConfigOptionsProvider(options));
        Assert.Empty(run.Failures);
        return run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(CultureInfo.InvariantCulture)}")
            .OrderBy(line => line, System.StringComparer.Ordinal)
            .ToList();
    }

    public static Dictionary<string, string> Options(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);
}
