using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The definitions of a local read from its statements in order (<see cref="StructuredDefinitions"/>) are the ones the
/// control-flow graph finds, at every read of the local; a shape the walk cannot decide exactly is left to the graph.
/// </summary>
public sealed class StructuredDefinitionsTests
{
    [Theory]
    [InlineData("var q = 1; if (a) q = 2; Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; } else { q = 3; } Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; return; } Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; } else { return; } Use(q);")]
    [InlineData("var q = 1; if (a) q = 2; else if (b) q = 3; else throw new System.Exception(); Use(q);")]
    [InlineData("var q = 1; q = 2; if (a) { q = q + 1; } q = q * 2; Use(q);")]
    [InlineData("var q = 1; if (a) q = 2; if (q > 1) { Use(q); } else { Use(q + 1); }")]
    [InlineData("int q; if (a) q = 1; else q = 2; Use(q);")]
    [InlineData("var q = 1; switch (n) { case 1: q = 2; break; case 2: return; default: if (a) { q = 3; break; } q = 4; break; } Use(q);")]
    [InlineData("var q = 1; switch (n) { case 1: Use(q); q = 2; break; default: Use(q); break; } Use(q);")]
    [InlineData("var q = 1; if (a) q = 2; switch (n) { case 1: Use(q); break; }")]
    [InlineData("var q = 1; if (a) q = 2; foreach (var x in xs) { if (x > 0) return; } Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; foreach (var x in xs) { Use(x); } } Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; while (b) { if (n > 2) break; n++; } } Use(q);")]
    [InlineData("var q = 1; if (a) q = 2; System.Func<int> read = () => q; Use(read());")]
    [InlineData("var q = 1; if (a) q = 2; try { Use(q); } finally { n++; }")]
    [InlineData("foreach (var x in xs) { var q = x; if (a) q = 2; if (b) continue; Use(q); }")]
    [InlineData("var q = 1; { if (a) q = 2; } Use(q);")]
    [InlineData("var q = 1; if (a) { if (b) { q = 2; } else { q = 3; return; } } Use(q);")]
    public void Reads_the_same_definitions_as_the_graph(string body)
    {
        var (model, graph, local, reads) = Compile(body);
        Assert.NotEmpty(reads);
        foreach (var read in reads)
        {
            var walked = StructuredDefinitions.Find(local, read, model, default);
            Assert.NotNull(walked);
            var position = graph.Locate(read);
            Assert.NotNull(position);
            var expected = ReachingDefinitions.Find(local, position!.Value).Select(d => d.Value?.Syntax.ToString() ?? "(unassigned)").OrderBy(s => s);
            Assert.Equal(expected, walked!.Select(d => d.Value!.Syntax.ToString()).OrderBy(s => s));
        }
    }

    [Theory]
    [InlineData("var q = 1; while (a) { q = 2; } Use(q);")]
    [InlineData("var q = 1; try { q = 2; } finally { } Use(q);")]
    [InlineData("var q = 1; if (a) q += 2; Use(q);")]
    [InlineData("var q = 1; if (a) Set(out q); Use(q);")]
    [InlineData("var q = 1; Use(q = 2); Use(q);")]
    [InlineData("var q = 1; System.Action reset = () => { q = 2; }; Use(q);")]
    [InlineData("var q = 1; if (a) q = 2; goto end; end: Use(q);")]
    [InlineData("var q = 1; if (true) q = 2; Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; while (true) { } } Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; foreach (var x in xs) { return; } } Use(q);")]
    [InlineData("var q = 1; if (a) { q = 2; using (new System.IO.MemoryStream()) { throw new System.Exception(); } } Use(q);")]
    [InlineData("var q = 1; switch (n) { case 1: q = 2; break; } Use(q);")]
    [InlineData("var q = 1; if (a) q = 2; int Read() => q; Use(Read());")]
    [InlineData("var q = 1; if (a) q = 2; return; Use(q);")]
    [InlineData("switch (n) { case 1: var q = 1; if (a) q = 2; Use(q); break; }")]
    [InlineData("var q = 1; if (a) q = 2; try { n++; } catch { Use(q); }")]
    [InlineData("var q = 1; if (a) q = 2; try { n++; } catch (System.Exception) when (q > 1) { n--; }")]
    [InlineData("var q = 1; if (a) q = 2; try { n++; } finally { Use(q); }")]
    public void Leaves_what_it_cannot_decide_to_the_graph(string body)
    {
        var (model, _, local, reads) = Compile(body);
        Assert.NotEmpty(reads);
        Assert.All(reads, read => Assert.Null(StructuredDefinitions.Find(local, read, model, default)));
    }

    private static (SemanticModel Model, FlowGraphIndex Graph, ILocalSymbol Local, List<SyntaxNode> Reads) Compile(string body)
    {
        var source = $$"""
            class C
            {
                void M(bool a, bool b, int n, int[] xs)
                {
                    {{body}}
                }

                static void Use(int x) { }
                static void Set(out int x) { x = 0; }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("StructuredDefinitions", [tree], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var graph = FlowGraphIndex.Of(ControlFlowGraph.Create((IMethodBodyOperation)model.GetOperation(method)!));
        var declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().First(d => d.Identifier.ValueText == "q");
        var local = (ILocalSymbol)model.GetDeclaredSymbol(declarator)!;
        var reads = method.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(i => i.Identifier.ValueText == "q" && model.GetOperation(i) is ILocalReferenceOperation && !IsAssigned(i))
            .Cast<SyntaxNode>()
            .ToList();
        return (model, graph, local, reads);
    }

    private static bool IsAssigned(IdentifierNameSyntax identifier) =>
        identifier.Parent is AssignmentExpressionSyntax assignment && assignment.Left == identifier
        || identifier.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 };
}
