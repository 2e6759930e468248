using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Ef;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Analysis;

/// <summary>
/// The models <see cref="SemanticModelCache.Get"/> hands out for other files' bodies: under the analyzer driver, the
/// driver's own model of the tree, never kept past the driver's use of it (kept, it held every body bound in it alive to
/// the build's end); outside it, one model per tree, kept, so that a body is bound once.
/// </summary>
public sealed class SemanticModelSharingTests
{
    private static CSharpCompilation Compile() => CSharpCompilation.Create(
        "Sharing",
        [CSharpSyntaxTree.ParseText("class A { int M() => 1; }"), CSharpSyntaxTree.ParseText("class B { int N() => 2; }")],
        Basic.Reference.Assemblies.Net80.References.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void Outside_the_driver_one_model_per_tree_is_kept()
    {
        var compilation = Compile();
        var models = new SemanticModelCache(compilation);
        var tree = compilation.SyntaxTrees.Last();

        Assert.True(models.KeepsModels);
        Assert.Same(models.Get(tree), models.Get(tree));
    }

    [Fact]
    public async Task Under_the_driver_the_model_is_the_drivers_and_is_not_kept()
    {
        var probe = new ModelProbe();
        var compilation = Compile();

        await compilation.WithAnalyzers([probe]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(["keeps=False same-as-driver=True"], probe.Seen.ToArray());
    }

    /// <summary>What a cache over the driver's compilation does with another file's model while one file is analysed.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ModelProbe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_unused = new("PROBE", "Probe", "Probe", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public ConcurrentQueue<string> Seen { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [s_unused];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var models = new SemanticModelCache(start.Compilation);
                var other = start.Compilation.SyntaxTrees.Last();

                // While the first file is analysed, as a rule reads a helper of another file.
                start.RegisterSemanticModelAction(analysis =>
                {
                    if (analysis.SemanticModel.SyntaxTree == other)
                    {
                        return;
                    }

#pragma warning disable RS1030 // The test compares the driver's model with the cache's.
                    var same = ReferenceEquals(models.Get(other), start.Compilation.GetSemanticModel(other));
#pragma warning restore RS1030
                    Seen.Enqueue($"keeps={models.KeepsModels} same-as-driver={same}");
                });
            });
        }
    }
}
