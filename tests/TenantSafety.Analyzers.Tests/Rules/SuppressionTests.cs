using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Intentional cross-tenant code (a nightly export, an admin console) is suppressed the .NET way: <c>[SuppressMessage]</c>, <c>#pragma warning disable</c> and
/// <c>.editorconfig</c> severity suppress the findings. Microsoft.CodeAnalysis.Testing drops suppressed
/// diagnostics, so "suppressed" would look the same as "never reported". Each test therefore runs the usual
/// verifier (suppressed diagnostics must be absent, the others present) and then analyzes the same compilation
/// again with <c>reportSuppressedDiagnostics</c> on, requiring every marked diagnostic to be produced with the
/// expected <c>IsSuppressed</c>. A control test shows the source without a suppression is reported.
/// </summary>
public sealed class SuppressionTests
{
    private const string Unsuppressed = """
        public sealed class ExportJob(AppDbContext db)
        {
            public object Export() => db.Leads.{|#0:ToList()|};
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Control_the_query_is_reported_and_not_suppressed(EfCoreVersion ef)
    {
        await RunReportingSuppressedAsync(Unsuppressed, ef, editorConfig: null, Expected(isSuppressed: false));
    }

    [Theory]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"TenantSafety\", \"TSA1001\", Justification = \"nightly export\")]", EfCoreVersion.Ef8)]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"TenantSafety\", \"TSA1001\", Justification = \"nightly export\")]", EfCoreVersion.Ef10)]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"TenantSafety\", \"TSA1001:Query on a tenant entity is not scoped to a tenant\", Justification = \"nightly export\")]", EfCoreVersion.Ef10)]
    public async Task SuppressMessage_on_the_method_suppresses(string attribute, EfCoreVersion ef)
    {
        var source = $$"""
            public sealed class ExportJob(AppDbContext db)
            {
                {{attribute}}
                public object Export() => db.Leads.{|#0:ToList()|};
            }
            """;
        await RunReportingSuppressedAsync(source, ef, editorConfig: null, Expected(isSuppressed: true));
    }

    [Fact]
    public async Task SuppressMessage_on_the_class_suppresses()
    {
        const string source = """
            [System.Diagnostics.CodeAnalysis.SuppressMessage("TenantSafety", "TSA1001", Justification = "admin console")]
            public sealed class ExportJob(AppDbContext db)
            {
                public object Export() => db.Leads.{|#0:ToList()|};
            }
            """;
        await RunReportingSuppressedAsync(source, EfCoreVersion.Ef10, editorConfig: null, Expected(isSuppressed: true));
    }

    [Fact]
    public async Task Assembly_level_SuppressMessage_with_a_member_target_suppresses()
    {
        const string source = """
            [assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("TenantSafety", "TSA1001", Justification = "nightly export", Scope = "member", Target = "~M:ExportJob.Export~System.Object")]

            public sealed class ExportJob(AppDbContext db)
            {
                public object Export() => db.Leads.{|#0:ToList()|};
            }
            """;
        await RunReportingSuppressedAsync(source, EfCoreVersion.Ef10, editorConfig: null, Expected(isSuppressed: true));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Pragma_warning_disable_suppresses(EfCoreVersion ef)
    {
        const string source = """
            public sealed class ExportJob(AppDbContext db)
            {
            #pragma warning disable TSA1001 // nightly export
                public object Export() => db.Leads.{|#0:ToList()|};
            #pragma warning restore TSA1001
            }
            """;
        await RunReportingSuppressedAsync(source, ef, editorConfig: null, Expected(isSuppressed: true));
    }

    [Fact]
    public async Task Pragma_restore_ends_the_suppression()
    {
        const string source = """
            public sealed class ExportJob(AppDbContext db)
            {
            #pragma warning disable TSA1001
                public object Export() => db.Leads.{|#0:ToList()|};
            #pragma warning restore TSA1001
                public object Other() => db.Leads.{|#1:ToList()|};
            }
            """;
        await RunReportingSuppressedAsync(
            source,
            EfCoreVersion.Ef10,
            editorConfig: null,
            Expected(isSuppressed: true),
            Verify.Diagnostic("TSA1001").WithLocation(1).WithArguments("Lead", "TeamId", "ToList", "team", "", RuleDescriptors.ReadsEveryRow("team")).WithIsSuppressed(false).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Editorconfig_severity_none_suppresses(EfCoreVersion ef)
    {
        // Severity none removes the diagnostic altogether (it is not reported as suppressed).
        await RunReportingSuppressedAsync(Unsuppressed.Replace("{|#0:ToList()|}", "ToList()", System.StringComparison.Ordinal), ef, "root = true\n\n[*.cs]\ndotnet_diagnostic.TSA1001.severity = none\n");
    }

    [Fact]
    public async Task Editorconfig_severity_none_for_another_rule_does_not_suppress()
    {
        await RunReportingSuppressedAsync(
            Unsuppressed,
            EfCoreVersion.Ef10,
            "root = true\n\n[*.cs]\ndotnet_diagnostic.TSA1002.severity = none\n",
            Expected(isSuppressed: false));
    }

    [Theory]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"TenantSafety\", \"TSA1002\", Justification = \"reporting\")]\n    public object Export() => db.Leads.{|#0:ToList()|};")]
    [InlineData("#pragma warning disable TSA1002\n    public object Export() => db.Leads.{|#0:ToList()|};\n#pragma warning restore TSA1002")]
    public async Task Suppressing_another_rule_does_not_suppress_TSA1001(string member)
    {
        var source = $$"""
            public sealed class ExportJob(AppDbContext db)
            {
                {{member}}
            }
            """;
        await RunReportingSuppressedAsync(source, EfCoreVersion.Ef10, editorConfig: null, Expected(isSuppressed: false));
    }

    [Fact]
    public async Task Suppressing_TSA1002_suppresses_the_aggregate_but_not_the_read_next_to_it()
    {
        const string source = """
            public sealed class ExportJob(AppDbContext db)
            {
                [System.Diagnostics.CodeAnalysis.SuppressMessage("TenantSafety", "TSA1002", Justification = "global statistics")]
                public object Stats() => db.Leads.{|#0:Count()|};

                public object Export() => db.Leads.{|#1:ToList()|};
            }
            """;
        await RunReportingSuppressedAsync(
            source,
            EfCoreVersion.Ef10,
            editorConfig: null,
            Verify.Diagnostic("TSA1002").WithLocation(0).WithArguments("Lead", "TeamId", "Count", "team", "").WithIsSuppressed(true).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA1001").WithLocation(1).WithArguments("Lead", "TeamId", "ToList", "team", "", RuleDescriptors.ReadsEveryRow("team")).WithIsSuppressed(false).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Suppressed_diagnostics_are_not_reported_by_default_which_is_why_the_tests_above_report_them()
    {
        // With the library's default options a suppressed diagnostic is simply absent ...
        var test = new Verify.Test(EfCoreVersion.Ef10)
        {
            TestCode = TestModel.Entities + """
                public sealed class ExportJob(AppDbContext db)
                {
                #pragma warning disable TSA1001
                    public object Export() => db.Leads.ToList();
                #pragma warning restore TSA1001
                }
                """,
        };
        await test.RunAsync(CancellationToken.None);

        // ... and expecting it as suppressed fails unless ReportSuppressedDiagnostics is on.
        var strict = new Verify.Test(EfCoreVersion.Ef10)
        {
            TestCode = TestModel.Entities + """
                public sealed class ExportJob(AppDbContext db)
                {
                #pragma warning disable TSA1001
                    public object Export() => db.Leads.{|#0:ToList()|};
                #pragma warning restore TSA1001
                }
                """,
        };
        strict.ExpectedDiagnostics.Add(Expected(isSuppressed: true));
        await Assert.ThrowsAnyAsync<System.Exception>(() => strict.RunAsync(CancellationToken.None));
    }

    private static DiagnosticResult Expected(bool isSuppressed) =>
        Verify.Diagnostic("TSA1001").WithLocation(0).WithArguments("Lead", "TeamId", "ToList", "team", "", RuleDescriptors.ReadsEveryRow("team")).WithIsSuppressed(isSuppressed)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>
    /// Runs the analyzer verifier on <paramref name="source"/> (plus the model) with <paramref name="expected"/>
    /// minus the suppressed ones (the library drops suppressed diagnostics), then analyzes the very same
    /// compilation again with suppressed diagnostics reported and checks that each expected diagnostic is
    /// there with the expected <c>IsSuppressed</c>: "suppressed" must not pass for "never reported".
    /// </summary>
    private static async Task RunReportingSuppressedAsync(string source, EfCoreVersion ef, string? editorConfig, params DiagnosticResult[] expected)
    {
        // The model is a second document, so a test source may start with an assembly attribute.
        var test = new CapturingTest(ef);
        if (source.Contains("#pragma warning restore", System.StringComparison.Ordinal))
        {
            // The library's extra run puts "#pragma warning disable <ids>" on the first line and expects nothing;
            // a restore in the source legitimately brings the diagnostic back.
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        }

        test.TestState.Sources.Add(source);
        test.TestState.Sources.Add(TestModel.Entities);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected.Where(d => d.IsSuppressed != true));
        await test.RunAsync(CancellationToken.None);

        Assert.NotNull(test.Compilation);
        var all = await test.Compilation!
            .WithAnalyzers(
                [new UnscopedTenantQueryAnalyzer()],
                new CompilationWithAnalyzersOptions(test.Options!, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        // Every test marks its diagnostics #0, #1, … in source order, so position order pairs them up.
        var reported = all
            .Where(d => d.Location.SourceTree?.FilePath == "/0/Test0.cs")
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
        Assert.Equal(expected.Select(e => (e.Id, e.IsSuppressed ?? false)), reported.Select(d => (d.Id, d.IsSuppressed)));
    }

    /// <summary>The analyzer verifier's configuration; keeps the compilation the analyzer ran on.</summary>
    private sealed class CapturingTest : CSharpAnalyzerTest<UnscopedTenantQueryAnalyzer, DefaultVerifier>
    {
        public CapturingTest(EfCoreVersion ef) => VerifierConfiguration.Configure(this, ef);

        public Compilation? Compilation { get; private set; }

        public AnalyzerOptions? Options { get; private set; }

        protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(
            Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            // The first run is on the sources as written (later runs add <auto-generated> or #pragma lines).
            if (Compilation is null)
            {
                Compilation = compilation;
                Options = options;
            }

            return base.CreateCompilationWithAnalyzers(compilation, analyzers, options, cancellationToken);
        }

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            VerifierConfiguration.AddGlobalUsings(TestState);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
