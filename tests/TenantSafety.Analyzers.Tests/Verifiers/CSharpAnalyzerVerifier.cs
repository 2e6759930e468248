using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> on test sources written with markup (<c>{|TSA1001:…|}</c>,
/// or <c>[|…|]</c> for the analyzer's first rule) and compares the diagnostics. Every test project also
/// holds <see cref="TestModel.Usings"/> as global usings, is offline, and fails on compiler errors.
/// Import as <c>using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier&lt;X&gt;;</c>.
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic of the analyzer's rule <paramref name="id"/> (severity and message from its descriptor).</summary>
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary>Verifies one source against EF Core 10.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync([source], EfCoreVersion.Ef10, editorConfig: null, expected);

    /// <summary>Verifies one source against the given EF Core version.</summary>
    public static Task VerifyAnalyzerAsync(string source, EfCoreVersion ef, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync([source], ef, editorConfig: null, expected);

    /// <summary>
    /// Verifies several documents (<c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>, …) with an optional
    /// <c>.editorconfig</c> text placed at <c>/.editorconfig</c>, e.g.
    /// <c>"root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n"</c>.
    /// </summary>
    public static Task VerifyAnalyzerAsync(string[] sources, EfCoreVersion ef, string? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(sources, ef, DatabaseProvider.None, editorConfig, expected);

    /// <summary>Verifies one source compiled against <paramref name="ef"/> and the database provider <paramref name="provider"/>.</summary>
    public static Task VerifyAnalyzerAsync(string source, EfCoreVersion ef, DatabaseProvider provider, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync([source], ef, provider, editorConfig: null, expected);

    /// <summary>As <see cref="VerifyAnalyzerAsync(string[], EfCoreVersion, string?, DiagnosticResult[])"/>, also referencing <paramref name="provider"/>.</summary>
    public static Task VerifyAnalyzerAsync(string[] sources, EfCoreVersion ef, DatabaseProvider provider, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test(ef, provider);
        VerifierConfiguration.AddSources(test.TestState, VerifierConfiguration.RequireSources(sources, nameof(sources)), editorConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The configured test, for what the helpers above do not cover (set sources and expectations, then <c>RunAsync</c>).</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test(EfCoreVersion ef = EfCoreVersion.Ef10, DatabaseProvider provider = DatabaseProvider.None)
        {
            EfCore = ef;
            VerifierConfiguration.Configure(this, ef, provider);
        }

        public EfCoreVersion EfCore { get; }

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            VerifierConfiguration.AddGlobalUsings(TestState);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
