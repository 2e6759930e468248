using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using ReportedFailure = TenantSafety.Cli.Analysis.AnalyzerFailure;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>
/// An analyzer that throws reaches the report as a failure, not as silence: the driver turns the exception into AD0001
/// (no source location, so it never looks like a finding), and <see cref="ReportedFailure.From"/> reads the analyzer,
/// the exception and where it was thrown from it, once per distinct failure.
/// </summary>
public sealed class AnalyzerFailureTests
{
    [Fact]
    public async Task The_driver_reports_a_throwing_analyzer_and_the_report_reads_who_threw_what_where()
    {
        var compilation = EfCoreReferences.Compile(EfCoreVersion.Ef10, "public class Robot { }", "public class Drone { }");
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers([new ThrowingAnalyzer(), new QuietAnalyzer()], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        var failure = Assert.Single(ReportedFailure.From(diagnostics));
        Assert.Contains(nameof(ThrowingAnalyzer), failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), failure.Message, StringComparison.Ordinal);
        Assert.Contains("The model is gone", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ThrowingAnalyzer.Throw), failure.Details, StringComparison.Ordinal);
        Assert.Empty(ReportedFailure.From(diagnostics.RemoveAll(d => d.Id == ReportedFailure.DiagnosticId)));
    }

    /// <summary>Throws on every class it sees: two classes, one failure.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new("TEST001", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [s_rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(_ => Throw(), SymbolKind.NamedType);
        }

        public static void Throw() => throw new InvalidOperationException("The model is gone.");
    }

    /// <summary>Reports a finding of its own, which is not a failure.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class QuietAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new("TEST002", "Test", "Class {0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [s_rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
#pragma warning disable RS0030 // A test analyzer, not a TenantSafety rule.
            context.RegisterSymbolAction(c => c.ReportDiagnostic(Diagnostic.Create(s_rule, c.Symbol.Locations[0], c.Symbol.Name)), SymbolKind.NamedType);
#pragma warning restore RS0030
        }
    }
}
