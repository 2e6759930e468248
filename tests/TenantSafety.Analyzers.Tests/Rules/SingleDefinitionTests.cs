using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Queries;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Which locals are read straight from their initializer (<see cref="SingleDefinition"/>): any other write, in any
/// spelling, must hand the local to the control-flow graph; a name that only reads it must not.
/// </summary>
public sealed class SingleDefinitionTests
{
    [Theory]
    [InlineData("q = 2;")]
    [InlineData("(q) = 2;")]
    [InlineData("q += 2;")]
    [InlineData("q ??= 2;")]
    [InlineData("q++;")]
    [InlineData("--q;")]
    [InlineData("(q, n) = (2, 3);")]
    [InlineData("((q, n), n) = ((2, 3), 4);")]
    [InlineData("foreach ((q, n) in new[] { (2, 3) }) { }")]
    [InlineData("Set(ref q);")]
    [InlineData("Get(out q);")]
    [InlineData("Read(in q);")]
    [InlineData("ref int alias = ref q;")]
    [InlineData("System.Action reset = () => q = 0;")]
    [InlineData("void Reset() { q = 0; }")]
    public void A_local_written_after_its_declaration_is_left_to_the_graph(string write) =>
        Assert.Null(InitializerOf($"int n = 0; {write}"));

    [Theory]
    [InlineData("")]
    [InlineData("n = q + 1;")]
    [InlineData("n += q;")]
    [InlineData("var t = (q, n);")]
    [InlineData("Read(q);")]
    [InlineData("System.Func<int> read = () => q;")]
    [InlineData("var name = nameof(q);")]
    public void A_local_only_its_declaration_assigns_is_read_from_the_initializer(string read)
    {
        var value = InitializerOf($"int n = 0; {read}");
        Assert.NotNull(value);
        Assert.Equal("1", value!.Syntax.ToString());
    }

    private static IOperation? InitializerOf(string statements)
    {
        var source = $$"""
            class C
            {
                void M()
                {
                    var q = 1;
                    {{statements}}
                }

                static void Set(ref int x) { }
                static void Get(out int x) { x = 0; }
                static void Read(in int x) { }
                static void Read(int x) { }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("SingleDefinition", [tree], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);
        var model = compilation.GetSemanticModel(tree);
        var declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().First(d => d.Identifier.ValueText == "q");
        var local = (ILocalSymbol)model.GetDeclaredSymbol(declarator)!;
        return SingleDefinition.ValueOf(local, model, default);
    }
}
