#pragma warning disable IDE0005 // The tests compile this file too, without the project's implicit usings.
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
#pragma warning restore IDE0005

namespace TenantSafety.Cli.Analysis;

/// <summary>
/// An analyzer that threw while analyzing a project (the driver's AD0001, which has no source location): the audit
/// is missing that analyzer's findings, so the report must say so rather than read as clean.
/// </summary>
/// <param name="Message">The driver's first line: the analyzer, the exception type and its message.</param>
/// <param name="Details">Where it was thrown: the context (compilation, symbol or file) and the stack trace.</param>
internal sealed record AnalyzerFailure(string Message, string Details)
{
    /// <summary>The id the analyzer driver reports an analyzer's exception under.</summary>
    public const string DiagnosticId = "AD0001";

    /// <summary>The failures among <paramref name="diagnostics"/>, once per analyzer, exception type and message.</summary>
    public static IReadOnlyList<AnalyzerFailure> From(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => d.Id == DiagnosticId)
            .Select(Read)
            .DistinctBy(f => f.Message)
            .ToList();

    /// <summary>
    /// The driver's message is one line naming the analyzer and the exception, then (in the compilers that add it) the
    /// context — the compilation, the symbol or file — and the stack trace; the description holds the latter otherwise.
    /// </summary>
    private static AnalyzerFailure Read(Diagnostic diagnostic)
    {
        var lines = diagnostic.GetMessage(CultureInfo.InvariantCulture).Split('\n');
        var details = string.Join("\n", lines.Skip(1)).Trim();
        return new AnalyzerFailure(
            lines[0].TrimEnd('\r'),
            details.Length > 0 ? details : diagnostic.Descriptor.Description.ToString(CultureInfo.InvariantCulture));
    }
}
