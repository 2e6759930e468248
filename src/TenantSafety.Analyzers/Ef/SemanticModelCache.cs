using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Semantic models for files other than the one being analysed: the model configuration (OnModelCreating,
/// IEntityTypeConfiguration) and the bodies of query helpers, only for the few trees that hold those bodies: the
/// driver's shared model (<see cref="Get"/>, kept here only outside the driver), and in a build a model of our own per
/// tree that skips nullable analysis for the configuration (<see cref="ForConfiguration"/>).
/// </summary>
internal sealed class SemanticModelCache
{
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? s_withoutNullableAnalysis = FindWithoutNullableAnalysis(typeof(Compilation).Assembly);

    private readonly Compilation _compilation;
    private readonly Func<bool> _isEditCycle;
    private readonly Func<Compilation, SyntaxTree, SemanticModel>? _withoutNullableAnalysis;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly Lazy<bool> _keepsModels;
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
        _keepsModels = new Lazy<bool>(() => !HandsOutOneModelPerTree(compilation), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The model the analyzer driver shares (it binds a body once for every analyzer that reads it); null for a tree of another compilation.</summary>
    /// <remarks>
    /// Under the driver not kept here (<see cref="KeepsModels"/>). First tried in e19571c and reverted (d2c42aa) on
    /// timings taken while every analysed compilation leaked (cb3e0b2); measured again without the leak (thirty-fourth
    /// session, three alternating 1× invocations each): the same allocations, no time lost that the host could show, and
    /// the heap a build keeps at its end down to the baseline's.
    /// </remarks>
    public SemanticModel? Get(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // Binding another file is the point: a filter or helper in one file decides a finding in another. Kept to those bodies.
        return KeepsModels ? _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t)) : _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    /// <summary>
    /// Whether <see cref="Get"/> keeps the models it hands out. Not when the compilation hands out one model per tree
    /// itself, as the analyzer driver's does while the tree's analysis needs it: a model kept here after the driver has
    /// let it go would keep every body bound in it alive to the build's end (140–240 MB more of a 2× benchmark build's
    /// heap at its end). A compilation outside the driver makes a new model at every request, so those are kept here,
    /// and each body is bound once.
    /// </summary>
    internal bool KeepsModels => _keepsModels.Value;

    /// <summary>Whether two requests for one tree's model return the same model. Creating a model binds nothing; the two are compared, never read.</summary>
    private static bool HandsOutOneModelPerTree(Compilation compilation) =>
#pragma warning disable RS1030
        compilation.SyntaxTrees.FirstOrDefault() is { } tree && ReferenceEquals(compilation.GetSemanticModel(tree), compilation.GetSemanticModel(tree));
#pragma warning restore RS1030

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
