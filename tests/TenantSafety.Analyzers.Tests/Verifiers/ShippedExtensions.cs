using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// Every analyzer and code fix the package ships, found by reflection so that a new rule is covered by the
/// meta and robustness tests the moment it exists.
/// </summary>
internal static class ShippedExtensions
{
    public static Assembly AnalyzerAssembly { get; } = Assembly.Load("TenantSafety.Analyzers");

    public static Assembly CodeFixAssembly { get; } = Assembly.Load("TenantSafety.Analyzers.CodeFixes");

    /// <summary>Non-abstract <see cref="DiagnosticAnalyzer"/> types of the analyzer assembly.</summary>
    public static ImmutableArray<Type> AnalyzerTypes { get; } = ConcreteSubclasses<DiagnosticAnalyzer>(AnalyzerAssembly);

    /// <summary>Non-abstract <see cref="CodeFixProvider"/> types of the code-fix assembly.</summary>
    public static ImmutableArray<Type> CodeFixTypes { get; } = ConcreteSubclasses<CodeFixProvider>(CodeFixAssembly);

    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        [.. AnalyzerTypes.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)];

    public static ImmutableArray<CodeFixProvider> CreateCodeFixProviders() =>
        [.. CodeFixTypes.Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)];

    /// <summary>Every descriptor of every analyzer, one per ID (the meta tests check same-ID descriptors agree).</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors() =>
        [.. CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>The repository checkout the tests were built from (written by the test project file).</summary>
    public static string RepositoryRoot { get; } = EfCoreReferences.GetAssemblyMetadata("RepositoryRoot");

    public static string RepositoryPath(params string[] relative) => Path.Combine([RepositoryRoot, .. relative]);

    private static ImmutableArray<Type> ConcreteSubclasses<T>(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)];
}
