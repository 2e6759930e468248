using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> and applies <typeparamref name="TCodeFix"/>: one diagnostic at a
/// time, and as Fix All in document, project and solution. Sources are markup, as for
/// <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>; fixed sources must compile without errors.
/// </summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.Diagnostic(string)"/>
    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.VerifyAnalyzerAsync(string, DiagnosticResult[])"/>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, expected);

    /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.VerifyAnalyzerAsync(string, EfCoreVersion, DiagnosticResult[])"/>
    public static Task VerifyAnalyzerAsync(string source, EfCoreVersion ef, params DiagnosticResult[] expected) =>
        CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, ef, expected);

    /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.VerifyAnalyzerAsync(string[], EfCoreVersion, string?, DiagnosticResult[])"/>
    public static Task VerifyAnalyzerAsync(string[] sources, EfCoreVersion ef, string? editorConfig, params DiagnosticResult[] expected) =>
        CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(sources, ef, editorConfig, expected);

    /// <summary>
    /// The diagnostics marked in <paramref name="source"/> are fixed, one at a time, into
    /// <paramref name="fixedSource"/>; Fix All in document, project and solution must give the same text.
    /// </summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, EfCoreVersion ef = EfCoreVersion.Ef10, string? editorConfig = null, DatabaseProvider provider = DatabaseProvider.None) =>
        VerifyCodeFixAsync([source], [fixedSource], ef, editorConfig, provider);

    /// <summary>
    /// As <see cref="VerifyCodeFixAsync(string, string, EfCoreVersion, string?, DatabaseProvider)"/> for several documents;
    /// <paramref name="fixedSources"/>[i] is the expected text of <paramref name="sources"/>[i] (a fix may edit
    /// a document other than the diagnostic's).
    /// </summary>
    public static Task VerifyCodeFixAsync(string[] sources, string[] fixedSources, EfCoreVersion ef = EfCoreVersion.Ef10, string? editorConfig = null, DatabaseProvider provider = DatabaseProvider.None)
    {
        var test = CreateTest(sources, fixedSources, ef, editorConfig, provider);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Fix All: one Fix All pass in project and in solution (at most one per document in document scope)
    /// turns every diagnostic marked in <paramref name="source"/> into <paramref name="fixedSource"/>, and
    /// fixing them one at a time ends in the same text. <paramref name="equivalenceKey"/> selects the code
    /// action (the fixer's public constant); null takes the first one offered.
    /// </summary>
    public static Task VerifyFixAllAsync(string source, string fixedSource, EfCoreVersion ef = EfCoreVersion.Ef10, string? editorConfig = null, string? equivalenceKey = null, DatabaseProvider provider = DatabaseProvider.None) =>
        VerifyFixAllAsync([source], [fixedSource], ef, editorConfig, equivalenceKey, provider);

    /// <summary>As <see cref="VerifyFixAllAsync(string, string, EfCoreVersion, string?, string?, DatabaseProvider)"/> across several documents.</summary>
    public static Task VerifyFixAllAsync(string[] sources, string[] fixedSources, EfCoreVersion ef = EfCoreVersion.Ef10, string? editorConfig = null, string? equivalenceKey = null, DatabaseProvider provider = DatabaseProvider.None)
    {
        var test = CreateTest(sources, fixedSources, ef, editorConfig, provider);
        foreach (var fixedSource in fixedSources)
        {
            test.BatchFixedState.Sources.Add(fixedSource);
        }

        test.CodeActionEquivalenceKey = equivalenceKey;

        // Exact counts, not the library's "at most": Fix All must finish in a single pass per scope.
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfFixAllInDocumentIterations = -sources.Length;
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The diagnostics marked in <paramref name="source"/> are reported and no code fix is offered for
    /// them. <paramref name="source"/> must contain markup (otherwise "no fix" would hold vacuously).
    /// </summary>
    public static Task VerifyNoFixAsync(string source, EfCoreVersion ef = EfCoreVersion.Ef10, string? editorConfig = null, DatabaseProvider provider = DatabaseProvider.None)
    {
        if (!source.Contains("[|", System.StringComparison.Ordinal) && !source.Contains("{|", System.StringComparison.Ordinal))
        {
            throw new System.ArgumentException(
                "VerifyNoFixAsync needs the diagnostic that gets no fix marked in the source ([|…|] or {|TSA1001:…|}).",
                nameof(source));
        }

        // A fixed state equal to the input means "no code action is offered" to the testing library
        // (zero expected iterations, one-by-one and Fix All alike).
        var test = CreateTest([source], [source], ef, editorConfig, provider);
        return test.RunAsync(CancellationToken.None);
    }

    private static Test CreateTest(string[] sources, string[] fixedSources, EfCoreVersion ef, string? editorConfig, DatabaseProvider provider)
    {
        VerifierConfiguration.RequireSources(sources, nameof(sources));
        VerifierConfiguration.RequireSources(fixedSources, nameof(fixedSources));
        if (sources.Length != fixedSources.Length)
        {
            throw new System.ArgumentException($"{sources.Length} sources but {fixedSources.Length} fixed sources.", nameof(fixedSources));
        }

        var test = new Test(ef, provider);
        VerifierConfiguration.AddSources(test.TestState, sources, editorConfig);
        VerifierConfiguration.AddSources(test.FixedState, fixedSources, editorConfig);
        return test;
    }

    /// <summary>The configured test, for what the helpers above do not cover.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test(EfCoreVersion ef = EfCoreVersion.Ef10, DatabaseProvider provider = DatabaseProvider.None)
        {
            EfCore = ef;
            VerifierConfiguration.Configure(this, ef, provider);
        }

        public EfCoreVersion EfCore { get; }

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            VerifierConfiguration.AddGlobalUsings(TestState, FixedState, BatchFixedState);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
