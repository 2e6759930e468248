using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>The IDE's edit cycle in tests: one file edited with every other tree kept, and a build's compilation of the same text to compare with.</summary>
internal static class IdeEdits
{
    /// <summary>The IDE's edit: the same compilation with tree <paramref name="index"/> replaced, every other tree kept.</summary>
    public static Compilation Edit(Compilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(text)));
    }

    /// <summary>A build's compilation of the same text: every tree parsed anew, so nothing is reused.</summary>
    public static Compilation Fresh(Compilation compilation, EfCoreVersion ef)
    {
        var parseOptions = EfCoreReferences.ParseOptions(ef);
        return compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parseOptions, t.FilePath)));
    }
}
