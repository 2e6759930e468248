using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Tests.Verifiers.VerifierSelfTests.ToListAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Tests.Verifiers.VerifierSelfTests.ToListAnalyzer,
    TenantSafety.Analyzers.Tests.Verifiers.VerifierSelfTests.ToArrayFixer>;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// The verifiers themselves, on a tiny analyzer and fixer defined here: they find what is marked, fail on
/// what is not, read the .editorconfig, compile against both EF Core versions, and run every Fix All scope.
/// Rule tests rely on all of this; a verifier that passes everything would hide every rule bug.
/// </summary>
public sealed class VerifierSelfTests
{
    private const string Service = """
        public sealed class LeadService(AppDbContext db)
        {
            public List<Lead> All() => {|TEST0001:db.Leads.ToList()|};

            public List<Country> Countries() => [|db.Countries.ToList()|];
        }
        """;

    private const string FixedService = """
        public sealed class LeadService(AppDbContext db)
        {
            public List<Lead> All() => db.Leads.ToArray().ToList();

            public List<Country> Countries() => db.Countries.ToArray().ToList();
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Marked_diagnostics_are_found_with_each_EF_Core_version(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(TestModel.Entities + Service, ef);
    }

    [Fact]
    public async Task Default_overload_uses_EF_Core_10()
    {
        // IgnoreQueryFilters(string[]) exists only in EF Core 10.
        await Verify.VerifyAnalyzerAsync(TestModel.Entities + """
            public sealed class S(AppDbContext db)
            {
                public List<Lead> All()
                {
                    _ = db.Leads.IgnoreQueryFilters(["SoftDelete"]);
                    return [|db.Leads.ToList()|];
                }
            }
            """);
    }

    [Fact]
    public async Task Explicit_expectations_with_location_and_message_arguments()
    {
        await Verify.VerifyAnalyzerAsync(
            TestModel.Entities + """
            public sealed class S(AppDbContext db)
            {
                public List<Lead> All() => {|#0:db.Leads.ToList()|};
            }
            """,
            Verify.Diagnostic("TEST0001").WithLocation(0).WithArguments("Lead", "TeamId"));
    }

    [Fact]
    public async Task Editorconfig_reaches_the_analyzer_for_every_document()
    {
        await Verify.VerifyAnalyzerAsync(
            [TestModel.Entities, "public sealed class S(AppDbContext db) { public object All() => {|#0:db.Leads.ToList()|}; }"],
            EfCoreVersion.Ef8,
            "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n",
            Verify.Diagnostic("TEST0001").WithLocation(0).WithArguments("Lead", "TenantId"));
    }

    [Fact]
    public async Task Unmarked_diagnostic_fails_the_test()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAnalyzerAsync(TestModel.Entities + """
            public sealed class S(AppDbContext db)
            {
                public List<Lead> All() => db.Leads.ToList();
            }
            """));
    }

    [Fact]
    public async Task Marked_but_missing_diagnostic_fails_the_test()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAnalyzerAsync(TestModel.Entities + """
            public sealed class S(AppDbContext db)
            {
                public Lead[] All() => [|db.Leads.ToArray()|];
            }
            """));
    }

    [Fact]
    public async Task Compiler_error_fails_the_test()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAnalyzerAsync(TestModel.Entities + """
            public sealed class S(AppDbContext db)
            {
                public List<Lead> All() => db.Leads.Where(l => l.TeamIdd == Guid.Empty).ToArray();
            }
            """));
        Assert.Contains("CS1061", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EF_Core_8_tests_compile_as_CSharp_12()
    {
        // '\e' is C# 13: a test on the EF Core 8 set must not use what a .NET 8 project cannot.
        const string source = "public static class C { public const char Escape = '\\e'; }";
        await Verify.VerifyAnalyzerAsync(source, EfCoreVersion.Ef10);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAnalyzerAsync(source, EfCoreVersion.Ef8));
        Assert.Contains("CS9202", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nullable_context_is_enabled()
    {
        // CS8625 (null literal to non-nullable) exists only in an enabled nullable context.
        var test = new Verify.Test
        {
            TestCode = "public static class C { public static string S = {|CS8625:null|}; }",
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Warnings,
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Code_fix_and_fix_all(EfCoreVersion ef)
    {
        await VerifyFix.VerifyCodeFixAsync(TestModel.Entities + Service, TestModel.Entities + FixedService, ef);
        await VerifyFix.VerifyFixAllAsync(TestModel.Entities + Service, TestModel.Entities + FixedService, ef, equivalenceKey: ToArrayFixer.EquivalenceKey);
    }

    [Fact]
    public async Task Code_fix_with_editorconfig_and_several_documents()
    {
        const string editorConfig = "root = true\n[*.cs]\ntenant_safety.tenant_property = TenantId\n";
        string[] sources = [TestModel.Entities, Service];
        string[] fixedSources = [TestModel.Entities, FixedService];
        await VerifyFix.VerifyCodeFixAsync(sources, fixedSources, EfCoreVersion.Ef10, editorConfig);
        await VerifyFix.VerifyFixAllAsync(
            [TestModel.Entities, Service, Service.Replace("LeadService", "OtherService", StringComparison.Ordinal)],
            [TestModel.Entities, FixedService, FixedService.Replace("LeadService", "OtherService", StringComparison.Ordinal)],
            EfCoreVersion.Ef10,
            editorConfig);
    }

    [Fact]
    public async Task Wrong_fixed_source_fails_the_test()
    {
        await Assert.ThrowsAnyAsync<Exception>(() =>
            VerifyFix.VerifyCodeFixAsync(TestModel.Entities + Service, TestModel.Entities + Service.Replace("ToList()|}", "ToArray()|}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_equivalence_key_fails_fix_all()
    {
        await Assert.ThrowsAnyAsync<Exception>(() =>
            VerifyFix.VerifyFixAllAsync(TestModel.Entities + Service, TestModel.Entities + FixedService, equivalenceKey: "No.Such.Key"));
    }

    [Fact]
    public async Task No_fix_passes_when_none_is_offered_and_fails_when_one_is()
    {
        await VerifyFix.VerifyNoFixAsync(TestModel.Entities + """
            public sealed class S(AppDbContext db)
            {
                public List<Lead> Frozen() => [|db.Leads.ToList()|];
            }
            """);
        await Assert.ThrowsAnyAsync<Exception>(() => VerifyFix.VerifyNoFixAsync(TestModel.Entities + Service));
        await Assert.ThrowsAsync<ArgumentException>(() => VerifyFix.VerifyNoFixAsync(TestModel.Entities));
    }

    /// <summary>TEST0001 on every <c>ToList()</c> over a query; message names the entity and the configured key.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ToListAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            "TEST0001", "ToList over a query", "ToList over '{0}' keyed by {1}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        private static readonly DiagnosticDescriptor Unused = new(
            "TEST0002", "Never reported", "Never reported", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule, Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(Analyze, OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "ToList"
                || invocation.Arguments.Length != 1
                || invocation.Arguments[0].Value is not IConversionOperation { Operand.Type: INamedTypeSymbol { Name: "DbSet", TypeArguments: [var entity] } })
            {
                return;
            }

            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Operation.Syntax.SyntaxTree);
            var key = options.TryGetValue("tenant_safety.tenant_property", out var configured) ? configured : "TeamId";
            var fixable = context.ContainingSymbol.Name != "Frozen";
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add("fixable", fixable ? "true" : "false"),
                entity.Name,
                key));
        }
    }

    /// <summary>Rewrites <c>q.ToList()</c> to <c>q.ToArray().ToList()</c>, except where the analyzer says not to.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ToArrayFixer)), Shared]
    public sealed class ToArrayFixer : CodeFixProvider
    {
        public const string EquivalenceKey = "Test.ToArray";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TEST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics.Where(d => d.Properties["fixable"] == "true"))
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Expression: var receiver },
                    } invocation)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Materialize as array first",
                        _ =>
                        {
                            var replacement = SyntaxFactory.ParseExpression(receiver + ".ToArray().ToList()").WithTriviaFrom(invocation);
                            return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement)));
                        },
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
