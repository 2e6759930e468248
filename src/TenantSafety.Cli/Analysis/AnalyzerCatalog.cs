using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers;

namespace TenantSafety.Cli.Analysis;

/// <summary>Every C# analyzer of the TenantSafety.Analyzers assembly, found the way a compiler finds them.</summary>
internal static class AnalyzerCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> Load() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(type => !type.IsAbstract
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
}
