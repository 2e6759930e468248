using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2002 reads each body ahead, in the operation-block action the analyzer driver runs for it, and its file action
/// finds that reading by the body's declaration. The two meet only if the block action names the very declaration node
/// the file action walks to; otherwise the file action reads every body again, at the end of a build.
/// </summary>
public sealed class TSA2002ReadAheadTests
{
    [Fact]
    public async Task Every_method_constructor_operator_and_accessor_block_names_the_declaration_the_file_action_walks()
    {
        const string source = """
            using System;
            using System.Linq;

            public class Service
            {
                private int _count;

                public Service(int start = 1) : this(start, 2) { _count = start; }
                private Service(int start, int step) => _count = start + step;

                public int Block(int[] values) { int Local(int v) => v + 1; return values.Select(v => Local(v)).Sum(); }
                public int Arrow() => _count * 2;
                public static Service operator +(Service a, Service b) => a;
                public static implicit operator int(Service s) => s._count;
                ~Service() { _count = 0; }

                public int Count { get => _count; set { _count = value; } }
                public int Doubled => _count * 2;
                public event EventHandler Changed { add { } remove { } }

                public class Nested { public void Run() { } }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("ReadAhead", [tree], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);
        var recorder = new BlockRecorder();

        _ = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(recorder)).GetAnalyzerDiagnosticsAsync();

        var walked = MissingCompositeIndexAnalyzer.BodyOwners(tree.GetRoot())
            .Where(member => member is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)
            .ToList();
        Assert.Equal(12, walked.Count);
        Assert.All(walked, member => Assert.Contains(recorder.Named, named => ReferenceEquals(named, member)));

        // The expression-bodied property is the file action's to read: no block names a node it does not walk.
        Assert.All(recorder.Named, named => Assert.Contains(walked, member => ReferenceEquals(member, named)));
    }

    /// <summary>Records what <see cref="MissingCompositeIndexAnalyzer.MethodOrAccessorOf"/> makes of each operation block the driver hands out.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class BlockRecorder : DiagnosticAnalyzer
    {
        public ConcurrentBag<SyntaxNode> Named { get; } = [];

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(new DiagnosticDescriptor("TEST0001", "Test", "Test", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true));

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationBlockAction(block =>
            {
                if (MissingCompositeIndexAnalyzer.MethodOrAccessorOf(block.OperationBlocks[0].Syntax) is { } member)
                {
                    Named.Add(member);
                }
            });
        }
    }
}
