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
using TenantSafety.Analyzers.CodeFixes.Rules;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// <c>dotnet format analyzers</c> asks Fix All for the equivalence key of the first diagnostic's first fix, and for
/// none when that diagnostic has no fix. The scoping fix must still fix every finding that has one.
/// </summary>
public sealed class TSA1001ScopeQueryFixAllWithoutKeyTests
{
    private const string Source = """
        public static class Queries
        {
            // No tenant value in scope: no fix.
            public static Lead? Any(AppDbContext db, Guid id) => db.Leads.FirstOrDefault(l => l.Id == id);

            public static Lead? Mine(AppDbContext db, Guid teamId, Guid id) => db.Leads.FirstOrDefault(l => l.Id == id);
        }
        """;

    [Fact]
    public async Task Fix_all_without_an_equivalence_key_fixes_every_finding_that_has_a_fix()
    {
        var (document, diagnostics) = await AnalyzeAsync();
        Assert.Equal(2, diagnostics.Length);

        var fixer = new ScopeQueryToTenantFixer();
        var fixedText = await FixAllAsync(fixer.GetFixAllProvider(), fixer, document, diagnostics);

        Assert.NotNull(fixedText);
        Assert.Contains("public static Lead? Any(AppDbContext db, Guid id) => db.Leads.FirstOrDefault(l => l.Id == id);", fixedText);
        Assert.Contains("db.Leads.Where(x => x.TeamId == teamId).FirstOrDefault(l => l.Id == id)", fixedText);
    }

    [Fact]
    public async Task The_batch_fixer_alone_fixes_nothing_without_an_equivalence_key()
    {
        // The control: what the scoping fix did before, and why dotnet format's result depended on the order of findings.
        var (document, diagnostics) = await AnalyzeAsync();

        var fixedText = await FixAllAsync(WellKnownFixAllProviders.BatchFixer, new ScopeQueryToTenantFixer(), document, diagnostics);

        Assert.True(fixedText is null || !fixedText.Contains(".Where(x => x.TeamId == teamId)", System.StringComparison.Ordinal));
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync()
    {
        var compilation = EfCoreReferences.Compile(EfCoreVersion.Ef10, TestModel.Entities, Source);
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            compilationOptions: compilation.Options,
            parseOptions: compilation.SyntaxTrees.First().Options,
            metadataReferences: compilation.References));
        Document? queries = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var added = workspace.AddDocument(project.Id, tree.FilePath.TrimStart('/').Replace('/', '_'), SourceText.From(tree.ToString()));
            project = added.Project;
            if (tree.ToString().Contains("public static class Queries", System.StringComparison.Ordinal))
            {
                queries = added;
            }
        }

        var document = project.GetDocument(queries!.Id)!;
        var projectCompilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await projectCompilation
            .WithAnalyzers([new UnscopedTenantQueryAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        return (document, diagnostics.Where(d => d.Id == RuleIdentifiers.UnscopedTenantQuery).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray());
    }

    /// <summary>Fix All in solution as dotnet format asks for it: the first diagnostic's action key, null when it has none.</summary>
    private static async Task<string?> FixAllAsync(FixAllProvider provider, CodeFixProvider fixer, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        string? firstKey = null;
        var context = new CodeFixContext(document, diagnostics[0], (action, _) => firstKey ??= action.EquivalenceKey, CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
        Assert.Null(firstKey);

        var fixAll = new FixAllContext(document, fixer, FixAllScope.Solution, firstKey!, [RuleIdentifiers.UnscopedTenantQuery], new Diagnostics(diagnostics), CancellationToken.None);
        var action = await provider.GetFixAsync(fixAll);
        if (action is null)
        {
            return null;
        }

        var operation = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        var changed = operation.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private sealed class Diagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
