using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.CodeFixes.Editing;

/// <summary>A fix never makes code that does not compile: the edited document must have no more errors than before.</summary>
internal static class CompileGuard
{
    public static int CountErrors(SemanticModel model, CancellationToken cancellationToken) =>
        model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);

    public static async Task<int> CountErrorsAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null ? int.MaxValue : CountErrors(model, cancellationToken);
    }

    public static async Task<bool> CompilesAsWellAsync(Document original, Document edited, CancellationToken cancellationToken) =>
        await HasAtMostErrorsAsync(edited, await CountErrorsAsync(original, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Whether <paramref name="edited"/> has no more than <paramref name="errorsBefore"/> errors: the count of the original, taken once for several candidates.</summary>
    public static async Task<bool> HasAtMostErrorsAsync(Document edited, int errorsBefore, CancellationToken cancellationToken) =>
        await CountErrorsAsync(edited, cancellationToken).ConfigureAwait(false) <= errorsBefore;
}
