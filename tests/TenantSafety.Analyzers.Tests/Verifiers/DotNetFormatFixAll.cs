using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// Fix All as <c>dotnet format analyzers --diagnostics …</c> asks for it: for one diagnostic ID, the analyzers that
/// report it run; their findings of every selected ID are the analysis result; the fixer is asked about the first
/// finding of that result (whichever rule it belongs to) and its first action's equivalence key, possibly none, becomes
/// the key of a Fix All in solution over that result. Offline and in-process, for the cases the sample does not hold.
/// </summary>
internal static class DotNetFormatFixAll
{
    /// <summary>The sources after Fix All of <paramref name="diagnosticId"/>, or null when the fixer returned no Fix All action ("didn't return a Fix All action").</summary>
    public static async Task<string[]?> RunAsync(
        string[] sources,
        DiagnosticAnalyzer analyzer,
        CodeFixProvider fixer,
        string diagnosticId,
        IReadOnlyCollection<string> selectedIds,
        EfCoreVersion ef = EfCoreVersion.Ef10,
        DatabaseProvider provider = DatabaseProvider.None)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("TestProject", "TestProject", LanguageNames.CSharp)
            .WithParseOptions(EfCoreReferences.ParseOptions(ef))
            .WithCompilationOptions(EfCoreReferences.CompilationOptionsFor(provider))
            .WithMetadataReferences(EfCoreReferences.Get(ef, provider));
        var ids = new List<DocumentId>();
        for (var i = 0; i < sources.Length; i++)
        {
            var document = project.AddDocument($"Test{i}.cs", SourceText.From(sources[i]), filePath: $"/0/Test{i}.cs");
            ids.Add(document.Id);
            project = document.Project;
        }

        project = project.AddDocument("GlobalUsings.cs", SourceText.From(TestModel.Usings), filePath: TestModel.GlobalUsingsPath).Project;
        var solution = project.Solution;
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var found = await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        var result = found.Where(d => selectedIds.Contains(d.Id) && d.Location.SourceTree is not null).OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        if (result.IsEmpty)
        {
            throw new InvalidOperationException("The analyzer reported none of the selected diagnostics.");
        }

        var first = result[0];
        var firstDocument = solution.GetDocument(first.Location.SourceTree)!;
        CodeAction? action = null;
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(firstDocument, first, (a, _) => action ??= a, CancellationToken.None)).ConfigureAwait(false);

        var context = new FixAllContext(firstDocument, fixer, FixAllScope.Solution, action?.EquivalenceKey!, [diagnosticId], new Provider(result), CancellationToken.None);
        var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context).ConfigureAwait(false);
        if (fixAll is null)
        {
            return null;
        }

        var changed = (await fixAll.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var texts = new string[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            texts[i] = (await changed.GetDocument(ids[i])!.GetTextAsync().ConfigureAwait(false)).ToString();
        }

        return texts;
    }

    /// <summary>The analysis result, whatever is asked: dotnet format does not filter it by ID or by document.</summary>
    private sealed class Provider(ImmutableArray<Diagnostic> result) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(result);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(result.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(result);
    }
}
