using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Robustness;

/// <summary>
/// No analyzer exception (AD0001) on any input, including half-typed code (an AD0001 fails the user's build, and the IDE analyses every keystroke): every analyzer the
/// package ships runs on hundreds of broken variants of realistic EF Core code — truncated, with a token or
/// a line deleted, with an identifier half typed — and must not throw. The self-checks prove the harness
/// catches a throwing analyzer and that the variants really are broken code that reaches analyzers.
/// Most inputs are analyzed as an IDE analyzes the file being typed (that document's syntax and semantic
/// actions); every <see cref="FullAnalysisEvery"/>th as a build does (whole compilation, end actions included).
/// </summary>
public sealed class HalfTypedCodeTests(ITestOutputHelper output)
{
    /// <summary>Upper bound on mutated inputs per run: keeps the test well under a minute on two cores.</summary>
    private const int MaxInputs = 600;

    /// <summary>Below this the corpus or the mutation logic has shrunk by accident.</summary>
    private const int MinInputs = 400;

    /// <summary>One input in this many runs the whole compilation instead of the mutated document.</summary>
    private const int FullAnalysisEvery = 8;

    private static readonly IReadOnlyDictionary<string, string> EditorConfig = new Dictionary<string, string>
    {
        ["tenant_safety.tenant_property"] = "TeamId",
        ["tenant_safety.tenant_value"] = "_tenant.TeamId",
        ["tenant_safety.hot_entities"] = "Message, inbox_items, CampaignEvent",
    };

    private static readonly Lazy<ImmutableArray<MutatedInput>> s_inputs = new(() => Mutations.Create(MaxInputs));

    // One compilation of the intact corpus per EF Core version; inputs replace one tree of it, which keeps
    // the referenced assemblies' symbols instead of loading ~170 framework references per input.
    private static readonly Lazy<CSharpCompilation> s_ef8Corpus = new(() => CompileCorpus(EfCoreVersion.Ef8));
    private static readonly Lazy<CSharpCompilation> s_ef10Corpus = new(() => CompileCorpus(EfCoreVersion.Ef10));

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void Corpus_compiles_cleanly_before_mutation(EfCoreVersion ef)
    {
        var compilation = Corpus(ef);
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "The corpus should be valid code before it is mutated:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task No_analyzer_throws_on_half_typed_code()
    {
        var analyzers = ShippedExtensions.CreateAnalyzers();
        Assert.NotEmpty(analyzers);
        var inputs = s_inputs.Value;
        Assert.InRange(inputs.Length, MinInputs, MaxInputs);

        var stopwatch = Stopwatch.StartNew();
        var failures = await RunAsync(inputs, analyzers);
        stopwatch.Stop();

        output.WriteLine($"Analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
        var whole = inputs.Count(i => i.WholeCompilation);
        output.WriteLine(
            $"Ran {inputs.Length} mutated inputs ({inputs.Length - whole} as the open document, {whole} as a whole compilation, " +
            $"{inputs.Count(i => i.WithEditorConfig)} with .editorconfig keys) in {stopwatch.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores.");
        foreach (var group in inputs.GroupBy(i => (i.Kind, i.Ef)).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key.Kind,-22} {group.Key.Ef,-5} {group.Count(),4}");
        }

        Assert.True(failures.IsEmpty, Report(failures));
    }

    [Fact]
    public async Task Harness_catches_an_analyzer_that_throws()
    {
        // Same inputs, same runner, both analysis modes; an analyzer that throws in its syntax-tree action
        // (every input) and in its operation-block action (every input whose document still has a call).
        var inputs = s_inputs.Value.Where((_, i) => i % 16 is 0 or FullAnalysisEvery - 1).ToImmutableArray();
        Assert.Contains(inputs, i => i.WholeCompilation);
        Assert.Contains(inputs, i => !i.WholeCompilation);
        var failures = await RunAsync(inputs, [new ThrowingAnalyzer()]);

        Assert.Equal(inputs.Length, failures.Select(f => f.Input).Distinct().Count());
        Assert.All(failures, f => Assert.Contains(ThrowingAnalyzer.Message, f.Failure.Details, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Failure.Details.Contains(ThrowingAnalyzer.Message + " in a syntax tree", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Failure.Details.Contains(ThrowingAnalyzer.Message + " in an operation block", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mutations_reach_analyzers_as_half_typed_code()
    {
        // An analyzer that throws on any operation the compiler could not bind: quiet on the valid corpus,
        // loud on the mutated inputs. Without this, a mutation bug that produced only valid code would pass.
        var valid = await AnalyzerHarness.RunAsync(Corpus(EfCoreVersion.Ef10), [new InvalidOperationThrowingAnalyzer()]);
        Assert.Empty(valid.Failures);

        var inputs = s_inputs.Value.Where((_, i) => i % 10 == 0).ToImmutableArray();
        var failures = await RunAsync(inputs, [new InvalidOperationThrowingAnalyzer()]);
        var reached = failures.Select(f => f.Input).Distinct().Count();
        output.WriteLine($"{reached} of {inputs.Length} sampled inputs gave analyzers invalid operations.");
        Assert.True(reached >= inputs.Length / 3, $"only {reached} of {inputs.Length} mutated inputs produced invalid operations");
        foreach (var kind in Enum.GetValues<MutationKind>())
        {
            Assert.Contains(failures, f => f.Input.Kind == kind);
        }
    }

    private static async Task<ImmutableArray<(MutatedInput Input, AnalyzerFailure Failure)>> RunAsync(
        ImmutableArray<MutatedInput> inputs,
        ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var failures = new ConcurrentBag<(MutatedInput, AnalyzerFailure)>();
        var withOptions = new TestAnalyzerConfigOptionsProvider(EditorConfig);
        await Parallel.ForEachAsync(
            inputs,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (input, ct) =>
            {
                var corpus = Corpus(input.Ef);
                var original = corpus.SyntaxTrees.Single(t => t.FilePath == RobustnessCorpus.Documents[input.DocumentIndex].Path);
                var mutated = CSharpSyntaxTree.ParseText(input.Text, (CSharpParseOptions)original.Options, original.FilePath, cancellationToken: ct);
                var compilation = corpus.ReplaceSyntaxTree(original, mutated);

                var run = await AnalyzerHarness.RunAsync(
                    compilation,
                    analyzers,
                    input.WithEditorConfig ? withOptions : null,
                    document: input.WholeCompilation ? null : mutated,
                    cancellationToken: ct);
                foreach (var failure in run.Failures)
                {
                    failures.Add((input, failure));
                }
            });
        return [.. failures];
    }

    private static CSharpCompilation Corpus(EfCoreVersion ef) => ef == EfCoreVersion.Ef8 ? s_ef8Corpus.Value : s_ef10Corpus.Value;

    private static CSharpCompilation CompileCorpus(EfCoreVersion ef)
    {
        var parseOptions = EfCoreReferences.ParseOptions(ef);
        var trees = RobustnessCorpus.Documents
            .Where(document => ef == EfCoreVersion.Ef10 || !document.RequiresEf10)
            .Select(document => CSharpSyntaxTree.ParseText(document.Text, parseOptions, path: document.Path))
            .Append(CSharpSyntaxTree.ParseText(Rules.Specifications.SpecificationLibrary.EfCorePackageStandIn, parseOptions, path: "/lib/ArdalisSpecificationEntityFrameworkCore.cs"));
        // With the Npgsql provider, so the migration rules run on the half-typed migration too; with Ardalis.Specification
        // (its EF Core package a stand-in, never mutated), so the specification reading runs on half-typed specifications.
        var references = EfCoreReferences.Get(ef, DatabaseProvider.Npgsql).Add(Rules.Specifications.SpecificationLibrary.Core);
        return CSharpCompilation.Create("Outreach", trees, references, EfCoreReferences.CompilationOptionsFor(DatabaseProvider.Npgsql));
    }

    private static string Report(ImmutableArray<(MutatedInput Input, AnalyzerFailure Failure)> failures)
    {
        var byInput = failures.GroupBy(f => f.Input).ToList();
        return $"{failures.Length} analyzer failures on {byInput.Count} inputs. First ones:\n" + string.Join(
            "\n\n",
            byInput.Take(5).Select(g => $"--- {g.Key}\n{g.First().Failure.Source}: {g.First().Failure.Details}\n--- input around the mutation:\n{g.Key.Excerpt()}"));
    }

    public enum MutationKind
    {
        Truncated,
        TokenDeleted,
        LineDeleted,
        IdentifierHalfTyped,
    }

    private sealed record MutatedInput(int DocumentIndex, MutationKind Kind, int Position, EfCoreVersion Ef, string Text)
    {
        /// <summary>Analyze the whole compilation (a build) rather than the mutated document (an IDE).</summary>
        public bool WholeCompilation { get; init; }

        /// <summary>Run with the <c>tenant_safety.*</c> keys set rather than the defaults.</summary>
        public bool WithEditorConfig { get; init; }

        public override string ToString() =>
            $"{RobustnessCorpus.Documents[DocumentIndex].Path}: {Kind} at {Position} ({Ef}, " +
            $"{(WholeCompilation ? "whole compilation" : "document")}, {(WithEditorConfig ? "with" : "without")} .editorconfig)";

        public string Excerpt()
        {
            var start = Math.Max(0, Position - 200);
            var end = Math.Min(Text.Length, Position + 200);
            return Text[start..end];
        }
    }

    private static class Mutations
    {
        public static ImmutableArray<MutatedInput> Create(int maxInputs)
        {
            var documents = RobustnessCorpus.Documents;
            var totalLength = documents.Sum(d => d.Text.Length);
            var kinds = Enum.GetValues<MutationKind>();
            var inputs = new List<MutatedInput>();
            var seen = new HashSet<(int, string)>();
            var ef8Next = false;

            for (var documentIndex = 0; documentIndex < documents.Length; documentIndex++)
            {
                var document = documents[documentIndex];

                // Bigger documents get more variants; every document gets some of each kind.
                var perKind = Math.Max(4, maxInputs * document.Text.Length / totalLength / kinds.Length);
                var root = CSharpSyntaxTree.ParseText(document.Text).GetRoot();
                var tokens = root.DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
                var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                var lines = CSharpSyntaxTree.ParseText(document.Text).GetText().Lines;

                foreach (var kind in kinds)
                {
                    for (var i = 1; i <= perKind; i++)
                    {
                        var (position, text) = kind switch
                        {
                            MutationKind.Truncated => Truncate(document.Text, Spread(i, perKind, document.Text.Length)),
                            MutationKind.TokenDeleted => Delete(document.Text, tokens[Spread(i, perKind, tokens.Count)].Span),
                            MutationKind.LineDeleted => Delete(document.Text, lines[Spread(i, perKind, lines.Count)].SpanIncludingLineBreak),
                            MutationKind.IdentifierHalfTyped => HalfType(document.Text, identifiers[Spread(i, perKind, identifiers.Count)], i),
                            _ => throw new InvalidOperationException(),
                        };

                        if (!seen.Add((documentIndex, text)))
                        {
                            continue;
                        }

                        // Alternate EF Core versions so both are covered without doubling the run.
                        var ef = document.RequiresEf10 || !ef8Next ? EfCoreVersion.Ef10 : EfCoreVersion.Ef8;
                        ef8Next = !ef8Next;
                        inputs.Add(new MutatedInput(documentIndex, kind, position, ef, text));
                    }
                }
            }

            // Evenly thin out to the cap, keeping every document and kind represented; then spread the
            // analysis modes and the .editorconfig across the inputs.
            var kept = inputs.Count <= maxInputs
                ? inputs
                : [.. Enumerable.Range(0, maxInputs).Select(i => inputs[(int)((long)i * inputs.Count / maxInputs)])];
            return [.. kept.Select((input, i) => input with
            {
                WholeCompilation = i % FullAnalysisEvery == FullAnalysisEvery - 1,
                WithEditorConfig = i % 2 == 0,
            })];
        }

        private static int Spread(int i, int count, int length) => (int)((long)i * length / (count + 1));

        private static (int, string) Truncate(string text, int offset) => (offset, text[..offset]);

        private static (int, string) Delete(string text, Microsoft.CodeAnalysis.Text.TextSpan span) =>
            (span.Start, text.Remove(span.Start, span.Length));

        private static (int, string) HalfType(string text, SyntaxToken identifier, int variant)
        {
            // Odd variants: the first half of the name ("Wh" for "Where"); even: a dangling member access ("Where.").
            var name = identifier.Text;
            var replacement = variant % 2 == 1 ? name[..Math.Max(1, name.Length / 2)] : name + ".";
            return (identifier.SpanStart, text.Remove(identifier.SpanStart, name.Length).Insert(identifier.SpanStart, replacement));
        }
    }

    /// <summary>Throws in a syntax action and in a semantic action: what an analyzer bug looks like to the harness.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public const string Message = "Deliberate failure of the robustness self-check";

        private static readonly DiagnosticDescriptor Rule = new("SELF0001", "Self-check", "Self-check", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        private readonly ConcurrentDictionary<SyntaxTree, bool> _thrownIn = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(_ => throw new InvalidOperationException(Message + " in a syntax tree"));
            context.RegisterOperationBlockAction(blockContext =>
            {
                // Once per document: each exception costs an AD0001 with a symbolized stack trace.
                if (blockContext.OperationBlocks.Any(block => block.Descendants().OfType<IInvocationOperation>().Any())
                    && _thrownIn.TryAdd(blockContext.OwningSymbol.Locations[0].SourceTree!, true))
                {
                    throw new InvalidOperationException(Message + " in an operation block");
                }
            });
        }
    }

    /// <summary>Throws when it meets an operation the compiler could not bind.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class InvalidOperationThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("SELF0002", "Self-check", "Self-check", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                operationContext => throw new InvalidOperationException($"invalid operation: {operationContext.Operation.Syntax}"),
                OperationKind.Invalid);
        }
    }
}
