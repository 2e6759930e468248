using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TenantSafety.Analyzers.CodeFixes.Editing;

/// <summary>
/// The batch fixer, always asked for the fixer's own equivalence key. <c>dotnet format analyzers</c> takes the key
/// from the first diagnostic's first fix and passes none when that diagnostic has no fix (a query with no tenant
/// value in scope); the batch fixer then matches no action and fixes nothing, so whether a run fixed anything
/// depended on which finding came first.
/// </summary>
internal sealed class OwnKeyFixAllProvider : FixAllProvider
{
    private readonly string _equivalenceKey;

    public OwnKeyFixAllProvider(string equivalenceKey)
    {
        _equivalenceKey = equivalenceKey;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.CodeActionEquivalenceKey == _equivalenceKey)
        {
            return WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext);
        }

        var diagnostics = new ForwardingDiagnosticProvider(fixAllContext);
        var withKey = fixAllContext.Document is { } document
            ? new FixAllContext(document, fixAllContext.CodeFixProvider, fixAllContext.Scope, _equivalenceKey, fixAllContext.DiagnosticIds, diagnostics, fixAllContext.CancellationToken)
            : new FixAllContext(fixAllContext.Project, fixAllContext.CodeFixProvider, fixAllContext.Scope, _equivalenceKey, fixAllContext.DiagnosticIds, diagnostics, fixAllContext.CancellationToken);
        return WellKnownFixAllProviders.BatchFixer.GetFixAsync(withKey);
    }

    /// <summary>The diagnostics of the original request, unchanged.</summary>
    private sealed class ForwardingDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly FixAllContext _context;

        public ForwardingDiagnosticProvider(FixAllContext context)
        {
            _context = context;
        }

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            AsEnumerable(_context.GetDocumentDiagnosticsAsync(document));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            AsEnumerable(_context.GetProjectDiagnosticsAsync(project));

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            AsEnumerable(_context.GetAllDiagnosticsAsync(project));

        private static async Task<IEnumerable<Diagnostic>> AsEnumerable(Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> diagnostics) =>
            await diagnostics.ConfigureAwait(false);
    }
}
