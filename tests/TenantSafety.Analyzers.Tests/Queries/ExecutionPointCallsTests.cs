using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Queries;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Queries;

/// <summary>
/// TSA2002 finds a file's execution points by a search of its text (<see cref="NamedCalls"/>): every call
/// <c>receiver.Name(…)</c> named as one, and nothing a comment, a string or disabled code spells; where an escape could
/// spell a name the search would miss, it declines and the rule walks the operations instead.
/// </summary>
public sealed class ExecutionPointCallsTests
{
    [Fact]
    public void Finds_each_call_on_a_receiver_named_as_an_execution_point_and_nothing_else()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using System.Linq;
            class C
            {
                int M(IQueryable<int> q)
                {
                    // q.Count() in a comment, and in a string:
                    var text = "q.ToList()";
            #if NEVER
                    q.Any();
            #endif
                    var all = q.Where(x => x > 0).ToList();
                    var counted = q.@Count();
                    var first = q.FirstOrDefaultAsync<int>();
                    Count();
                    var xToList = q.ToListé();
                    return Enumerable.Sum(all);
                }

                int Count() => 0;
            }
            """);

        var calls = NamedCalls.In(tree, ExecutionPoints.IsExecutionPointName, CancellationToken.None);

        Assert.NotNull(calls);
        Assert.Equal(
            ["q.Where(x => x > 0).ToList()", "q.@Count()", "q.FirstOrDefaultAsync<int>()", "Enumerable.Sum(all)"],
            calls!.Select(call => call.ToString()));
    }

    [Fact]
    public void Reads_a_name_with_a_formatting_character_as_the_compiler_does()
    {
        // A soft hyphen (the character itself, not an escape) inside an identifier is no part of its name.
        var tree = CSharpSyntaxTree.ParseText("class C { object M(System.Linq.IQueryable<int> q) => q.Cou\u00ADnt(); }");

        var calls = NamedCalls.In(tree, ExecutionPoints.IsExecutionPointName, CancellationToken.None);

        Assert.Equal(["q.Cou\u00ADnt()"], calls!.Select(call => call.ToString()));
    }

    [Theory]
    [InlineData("q.\\u0043ount()")]
    [InlineData("q.Where(x => x.Name == \"caf\\u00e9\").ToList()")]
    [InlineData("q.\\U00000043ount()")]
    public void Declines_a_file_whose_text_holds_a_Unicode_escape(string call)
    {
        var tree = CSharpSyntaxTree.ParseText($$"""
            using System.Linq;
            class C
            {
                object M(IQueryable<Row> q) => {{call}};
            }

            class Row { public string Name { get; set; } = ""; }
            """);

        Assert.Null(NamedCalls.In(tree, ExecutionPoints.IsExecutionPointName, CancellationToken.None));
    }

    [Theory]
    [InlineData("ToListAsync", true)]
    [InlineData("Count", true)]
    [InlineData("ExecuteDeleteAsync", true)]
    [InlineData("ToListAsyncs", false)]
    [InlineData("Coun", false)]
    [InlineData("Where", false)]
    [InlineData("count", false)]
    public void Knows_the_names_Classify_knows(string name, bool expected)
    {
        var text = "x." + name + "()";

        Assert.Equal(expected, ExecutionPoints.IsExecutionPointName(text, 2, name.Length));
        Assert.Equal(expected, ExecutionPoints.Classify(name) != ExecutionKind.None);
    }
}
