using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// The one way a rule reports a finding: only outside generated code (<see cref="GeneratedCode"/>), which the driver
/// leaves to the rules (<see cref="TenantSafetyAnalyzer"/> configures <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>).
/// The contexts' own <c>ReportDiagnostic</c> is banned elsewhere (BannedSymbols.txt), so a new rule cannot skip the check.
/// </summary>
internal static class FindingReports
{
#pragma warning disable RS0030 // The sanctioned uses of the banned ReportDiagnostic.
    public static void Report(this OperationAnalysisContext context, TenantCompilationState state, Diagnostic finding) =>
        ReportOutsideGeneratedCode(state, finding, context.ReportDiagnostic, context.CancellationToken);

    public static void Report(this OperationBlockAnalysisContext context, TenantCompilationState state, Diagnostic finding) =>
        ReportOutsideGeneratedCode(state, finding, context.ReportDiagnostic, context.CancellationToken);

    public static void Report(this SemanticModelAnalysisContext context, TenantCompilationState state, Diagnostic finding) =>
        ReportOutsideGeneratedCode(state, finding, context.ReportDiagnostic, context.CancellationToken);

    public static void Report(this SymbolAnalysisContext context, TenantCompilationState state, Diagnostic finding) =>
        ReportOutsideGeneratedCode(state, finding, context.ReportDiagnostic, context.CancellationToken);
#pragma warning restore RS0030

    private static void ReportOutsideGeneratedCode(TenantCompilationState state, Diagnostic finding, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (!state.GeneratedCode.Contains(finding.Location, cancellationToken))
        {
            report(finding);
        }
    }
}
