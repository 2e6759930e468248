using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.CodeFixes.Editing;

/// <summary>A fix never makes code that does not compile: the edited document must have no more errors than before.</summary>
internal static class CompileGuard
{
    public static async Task<int> CountErrorsAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null ? int.MaxValue : model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
    }

    public static async Task<bool> CompilesAsWellAsync(Document original, Document edited, CancellationToken cancellationToken) =>
        await CountErrorsAsync(edited, cancellationToken).ConfigureAwait(false) <= await CountErrorsAsync(original, cancellationToken).ConfigureAwait(false);
}
