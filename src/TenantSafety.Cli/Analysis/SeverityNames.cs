using Microsoft.CodeAnalysis;

namespace TenantSafety.Cli.Analysis;

/// <summary>Severities by the names .editorconfig uses (error, warning, suggestion), and their order for <c>--fail-on</c>.</summary>
internal static class SeverityNames
{
    public const string Error = "error";
    public const string Warning = "warning";
    public const string Suggestion = "suggestion";

    public static string Of(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => Error,
        DiagnosticSeverity.Warning => Warning,
        _ => Suggestion,
    };

    /// <summary>Higher is more severe; 0 for a name that is not a severity.</summary>
    public static int Rank(string severity) => severity switch
    {
        Error => 3,
        Warning => 2,
        Suggestion or "info" => 1,
        _ => 0,
    };
}
