using System.Collections.Immutable;
using TenantSafety.Benchmarks;
using TenantSafety.Benchmarks.Generation;
using TenantSafety.Benchmarks.Measurement;
using TenantSafety.Benchmarks.Reporting;

// What TenantSafety's analyzers cost on a large generated EF Core project, next to the analyzers a user
// already runs. See docs/performance.md for what is measured and how to read it.
var arguments = BenchmarkArguments.Parse(args);
var analyzers = AnalyzerSet.Load(arguments.SdkDirectory, BenchmarkArguments.EfCoreAnalyzersPath, BenchmarkArguments.TenantSafetyPath, arguments.OnlyAnalyzers);
using var runner = new Runner(arguments, analyzers);
runner.Log(string.Join(", ", analyzers.All.GroupBy(a => a.Origin).Select(g => $"{g.Key}: {g.Count()} analyzers")));

var sizes = new List<SizeResult>();
if (!arguments.SkipBuild)
{
    foreach (var scale in arguments.Sizes)
    {
        var solution = SolutionGenerator.Generate(scale);
        runner.Log($"{scale}x: {solution.Entities} entities, {solution.QuerySites} query sites, {solution.Files.Length} files, {solution.Lines} lines");
        sizes.Add(await runner.MeasureBuildAsync(solution));
    }
}

var documentScale = arguments.DocumentSize ?? arguments.Sizes.Max();
var documents = ImmutableArray<DocumentResult>.Empty;
if (!arguments.SkipDocuments)
{
    documents = await runner.MeasureDocumentsAsync(SolutionGenerator.Generate(documentScale));
}

var report = MarkdownReport.Write(arguments, analyzers, sizes, documentScale, documents);
Console.WriteLine(report);
var output = arguments.OutputPath ?? Path.Combine(Directory.GetCurrentDirectory(), "benchmarks", "out", $"performance-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report);
runner.Log($"Report written to {output}");
foreach (var line in BenchLines.Write(analyzers, sizes, documentScale, documents))
{
    Console.WriteLine(line);
}
