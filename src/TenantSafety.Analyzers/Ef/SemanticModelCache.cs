using System;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Semantic models for files other than the one being analysed: the model configuration (OnModelCreating,
/// IEntityTypeConfiguration) and the bodies of query helpers. One model per tree per compilation, only for
/// the few trees that hold those bodies: the driver's shared model (<see cref="Get"/>), and in a build a model that
/// skips nullable analysis for the configuration (<see cref="ForConfiguration"/>).
/// </summary>
internal sealed class SemanticModelCache
{
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? s_withoutNullableAnalysis = FindWithoutNullableAnalysis(typeof(Compilation).Assembly);

    private readonly Compilation _compilation;
    private readonly Func<bool> _isEditCycle;
    private readonly Func<Compilation, SyntaxTree, SemanticModel>? _withoutNullableAnalysis;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _configurationModels = new();

    /// <param name="compilation">The compilation analysed.</param>
    /// <param name="isEditCycle">Whether the compilation is the IDE's edit cycle (asked on first use); none: it is not.</param>
    public SemanticModelCache(Compilation compilation, Func<bool>? isEditCycle = null)
        : this(compilation, isEditCycle, s_withoutNullableAnalysis)
    {
    }

    /// <param name="compilation">The compilation analysed.</param>
    /// <param name="isEditCycle">Whether the compilation is the IDE's edit cycle (asked on first use); none: it is not.</param>
    /// <param name="withoutNullableAnalysis">How the running compiler makes a model that skips nullable analysis; none: it cannot.</param>
    internal SemanticModelCache(Compilation compilation, Func<bool>? isEditCycle, Func<Compilation, SyntaxTree, SemanticModel>? withoutNullableAnalysis)
    {
        _compilation = compilation;
        _isEditCycle = isEditCycle ?? (() => false);
        _withoutNullableAnalysis = withoutNullableAnalysis;
    }

    /// <summary>The model the analyzer driver shares (it binds a body once for every analyzer that reads it); null for a tree of another compilation.</summary>
    /// <remarks>
    /// Kept here for the whole compilation, also under the driver, which lets its own model of a file go once the file is
    /// analysed. Handing out the driver's model without keeping it (e19571c, reverted) cut the heap a 2× build holds at
    /// its end by 140–240 MB, but cost each 1× build ~100 ms of wall and ~190 ms of CPU (15 alternating pairs each, the same
    /// allocations, GC pauses +89 against +114 ms). Why is not established; measure both before changing it again.
    /// </remarks>
    public SemanticModel? Get(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // Binding another file is the point: a filter or helper in one file decides a finding in another. Kept to those bodies and cached.
        return _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    /// <summary>
    /// The model that reads the model configuration (OnModelCreating, <c>Configure</c>, the helpers they call).
    /// </summary>
    /// <remarks>
    /// In a build every rule waits for the entity model at its first callback, before the compiler's own pass has bound
    /// any body: the configuration is bound twice whichever model reads it, as the compiler binds it again for itself.
    /// Where the compiler offers it (Roslyn 4.12 and later), our reading uses a model of its own that skips nullable
    /// analysis, which reading the configuration does not need and which is a third of binding it. In the IDE's edit
    /// cycle the driver binds only the open document, and our reading of it in the shared model is the driver's too.
    /// </remarks>
    public SemanticModel? ForConfiguration(SyntaxTree tree)
    {
        if (_withoutNullableAnalysis is not { } create || _isEditCycle())
        {
            return Get(tree);
        }

        return _compilation.ContainsSyntaxTree(tree) ? _configurationModels.GetOrAdd(tree, t => create(_compilation, t)) : null;
    }

    /// <summary><c>Compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis)</c>, where <paramref name="codeAnalysis"/> (the running compiler) has it; null before Roslyn 4.12.</summary>
    internal static Func<Compilation, SyntaxTree, SemanticModel>? FindWithoutNullableAnalysis(Assembly codeAnalysis)
    {
        var optionsType = codeAnalysis.GetType("Microsoft.CodeAnalysis.SemanticModelOptions");
        if (optionsType is null || !Enum.IsDefined(optionsType, "DisableNullableAnalysis"))
        {
            return null;
        }

        var method = typeof(Compilation).GetMethod(nameof(Compilation.GetSemanticModel), BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(SyntaxTree), optionsType }, null);
        if (method is null || method.ReturnType != typeof(SemanticModel))
        {
            return null;
        }

        var disableNullableAnalysis = Enum.Parse(optionsType, "DisableNullableAnalysis");
        return (compilation, tree) => (SemanticModel)method.Invoke(compilation, new[] { tree, disableNullableAnalysis });
    }
}
