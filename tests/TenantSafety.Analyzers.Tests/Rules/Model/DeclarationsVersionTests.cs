using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// Which IDE edits keep every declaration of a project as it was (<see cref="DeclarationsVersion"/>): comments, white
/// space and bodies do; anything other code can bind to does not.
/// </summary>
public sealed class DeclarationsVersionTests
{
    private const string Lead = """
        using System;

        namespace Crm;

        public class Lead
        {
            public const int MaxScore = 100;

            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public int Score { get; set; }
            public string Label => $"Lead {Id}";

            public bool IsHot() => Score > 50;

            public void Promote()
            {
                Score += 10;
            }
        }
        """;

    private const string Service = """
        namespace Crm;

        public class LeadService
        {
            public int Count() => 1;
        }
        """;

    [Theory]
    [InlineData("public void Promote()\n    {\n        Score += 10;", "public void Promote()\n    {\n        Score += 20;")]
    [InlineData("public bool IsHot() => Score > 50;", "public bool IsHot() => Score > 60;")]
    [InlineData("public string Label => $\"Lead {Id}\";", "public string Label => $\"Lead #{Id}\";")]
    [InlineData("public class Lead", "// Leads come from campaigns.\npublic class Lead")]
    [InlineData("    public Guid Id { get; set; }", "\n    public   Guid Id { get; set; }")]
    public void A_body_comment_or_white_space_edit_keeps_the_version(string before, string after)
    {
        var (original, edited) = VersionsAround(before, after);
        Assert.Same(original, edited);
    }

    [Theory]
    [InlineData("public int Score { get; set; }", "public long Score { get; set; }")]
    [InlineData("public Guid TeamId { get; set; }", "public Guid TenantId { get; set; }")]
    [InlineData("public const int MaxScore = 100;", "public const int MaxScore = 90;")]
    [InlineData("public class Lead", "[System.Obsolete]\npublic class Lead")]
    [InlineData("public class Lead", "public class Lead : System.IDisposable")]
    [InlineData("using System;", "using System;\nusing Guid = System.String;")]
    [InlineData("namespace Crm;", "namespace Sales;")]
    [InlineData("public bool IsHot() => Score > 50;", "public bool IsHot(int limit) => Score > limit;")]
    public void A_declaration_edit_makes_a_new_version(string before, string after)
    {
        var (original, edited) = VersionsAround(before, after);
        Assert.NotSame(original, edited);
    }

    [Fact]
    public void A_file_added_or_a_build_of_the_same_text_is_a_new_version()
    {
        var compilation = Compile();
        var version = DeclarationsVersion.Of(compilation);
        Assert.NotSame(version, DeclarationsVersion.Of(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Note { }", path: "/0/Note.cs"))));

        // A command-line build parses every file anew: nothing ties it to an earlier compilation.
        Assert.NotSame(DeclarationsVersion.Of(Compile()), DeclarationsVersion.Of(Compile()));
    }

    [Fact]
    public void Each_edit_compares_with_the_latest_compilation()
    {
        var compilation = Compile();
        var version = DeclarationsVersion.Of(compilation);
        var renamed = Edit(compilation, Lead.Replace("TeamId", "TenantId"));
        var next = DeclarationsVersion.Of(renamed);
        Assert.NotSame(version, next);

        // Typing in a body after the rename compares with the renamed file, not the original one.
        var typed = Edit(renamed, Lead.Replace("TeamId", "TenantId").Replace("Score += 10", "Score += 11"));
        Assert.Same(next, DeclarationsVersion.Of(typed));
    }

    /// <summary>The version of the project, and of the project after the IDE replaced <paramref name="before"/> by <paramref name="after"/> in Lead's file.</summary>
    private static (DeclarationsVersion Original, DeclarationsVersion Edited) VersionsAround(string before, string after)
    {
        Assert.NotEqual(Lead, Lead.Replace(before, after));
        var compilation = Compile();
        var original = DeclarationsVersion.Of(compilation);
        return (original, DeclarationsVersion.Of(Edit(compilation, Lead.Replace(before, after))));
    }

    private static Compilation Compile() =>
        CSharpCompilation.Create(
            "Versions",
            [CSharpSyntaxTree.ParseText(Service, path: "/0/LeadService.cs"), CSharpSyntaxTree.ParseText(Lead, path: "/0/Lead.cs")],
            EfCoreReferences.FrameworkOnly,
            EfCoreReferences.CompilationOptions);

    private static Compilation Edit(Compilation compilation, string text)
    {
        var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == "/0/Lead.cs");
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(text)));
    }
}
