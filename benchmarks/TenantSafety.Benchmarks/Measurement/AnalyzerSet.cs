using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Benchmarks.Measurement;

/// <summary>Where an analyzer comes from: the groups the report compares.</summary>
internal enum AnalyzerOrigin
{
    /// <summary>Microsoft.CodeAnalysis.NetAnalyzers from the SDK (on by default for net5.0+ projects).</summary>
    NetAnalyzers,

    /// <summary>Microsoft.EntityFrameworkCore.Analyzers, which every EF Core package reference brings.</summary>
    EfCore,

    /// <summary>Every DiagnosticAnalyzer in TenantSafety.Analyzers.dll.</summary>
    TenantSafety,
}

/// <summary>Analyzers loaded from assemblies on disk, as the compiler loads them, each tagged with its origin.</summary>
internal sealed class AnalyzerSet
{
    private AnalyzerSet(ImmutableArray<(DiagnosticAnalyzer Analyzer, AnalyzerOrigin Origin)> analyzers, ImmutableArray<string> paths)
    {
        All = analyzers;
        Paths = paths;
    }

    public ImmutableArray<(DiagnosticAnalyzer Analyzer, AnalyzerOrigin Origin)> All { get; }

    /// <summary>The assemblies the analyzers were loaded from, for the report.</summary>
    public ImmutableArray<string> Paths { get; }

    public ImmutableArray<DiagnosticAnalyzer> Of(params AnalyzerOrigin[] origins) =>
        All.Where(a => origins.Contains(a.Origin)).Select(a => a.Analyzer).ToImmutableArray();

    public AnalyzerOrigin OriginOf(DiagnosticAnalyzer analyzer) => All.First(a => ReferenceEquals(a.Analyzer, analyzer)).Origin;

    /// <param name="sdkDirectory">The SDK whose NetAnalyzers are loaded.</param>
    /// <param name="efCoreAnalyzersPath">The EF Core analyzer assembly.</param>
    /// <param name="tenantSafetyPath">TenantSafety.Analyzers.dll.</param>
    /// <param name="onlyTenantSafety">TenantSafety's analyzers to keep, by type name; empty keeps them all.</param>
    public static AnalyzerSet Load(string sdkDirectory, string efCoreAnalyzersPath, string tenantSafetyPath, ImmutableArray<string> onlyTenantSafety)
    {
        var netAnalyzersDirectory = Path.Combine(sdkDirectory, "Sdks", "Microsoft.NET.Sdk", "analyzers");
        var sources = new (string Path, AnalyzerOrigin Origin)[]
        {
            (Path.Combine(netAnalyzersDirectory, "Microsoft.CodeAnalysis.NetAnalyzers.dll"), AnalyzerOrigin.NetAnalyzers),
            (Path.Combine(netAnalyzersDirectory, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"), AnalyzerOrigin.NetAnalyzers),
            (efCoreAnalyzersPath, AnalyzerOrigin.EfCore),
            (tenantSafetyPath, AnalyzerOrigin.TenantSafety),
        };

        var loader = new AssemblyLoader();
        var analyzers = ImmutableArray.CreateBuilder<(DiagnosticAnalyzer, AnalyzerOrigin)>();
        foreach (var (path, origin) in sources)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Analyzer assembly not found: {path}", path);
            }

            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) =>
                throw new InvalidOperationException($"Could not load analyzers from {path}: {e.Message}", e.Exception);
            var loaded = reference.GetAnalyzers(LanguageNames.CSharp);
            if (loaded.IsEmpty)
            {
                throw new InvalidOperationException($"{path} has no C# analyzers.");
            }

            var kept = origin == AnalyzerOrigin.TenantSafety && !onlyTenantSafety.IsEmpty
                ? loaded.Where(a => onlyTenantSafety.Contains(a.GetType().Name, StringComparer.Ordinal)).ToImmutableArray()
                : loaded;
            if (kept.Length != loaded.Length && kept.Length != onlyTenantSafety.Length)
            {
                throw new ArgumentException(
                    $"--only-analyzers names an analyzer {path} does not have. It has: {string.Join(", ", loaded.Select(a => a.GetType().Name))}.");
            }

            analyzers.AddRange(kept.Select(a => (a, origin)));
        }

        return new AnalyzerSet(analyzers.ToImmutable(), [.. sources.Select(s => s.Path)]);
    }

    /// <summary>Loads into the default context, where this process's Roslyn (the SDK's version) already is.</summary>
    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
