using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Analysis;

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

    /// <summary>
    /// How many bodies of tree <paramref name="index"/> had their query findings carried into <paramref name="compilation"/>.
    /// Ask before analysing it: analysing it records what it judged, which a later question would carry from.
    /// </summary>
    public static int CarriedBodies(Compilation compilation, int index)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, TestAnalyzerConfigOptionsProvider.Empty);
        var state = TenantCompilationState.For(compilation, options)!;
        return state.KeptQueryFindings.For(compilation.SyntaxTrees.ElementAt(index))?.CarriedBodies ?? 0;
    }

    /// <summary>A build's compilation of the same text: every tree parsed anew, so nothing is reused.</summary>
    public static Compilation Fresh(Compilation compilation, EfCoreVersion ef)
    {
        var parseOptions = EfCoreReferences.ParseOptions(ef);
        return compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parseOptions, t.FilePath)));
    }
}
