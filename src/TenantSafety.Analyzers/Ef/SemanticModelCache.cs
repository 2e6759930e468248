using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// Semantic models for files other than the one being analysed: the model configuration (OnModelCreating,
/// IEntityTypeConfiguration) and the bodies of query helpers. One model per tree per compilation, only for
/// the few trees that hold those bodies.
/// </summary>
internal sealed class SemanticModelCache
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public SemanticModelCache(Compilation compilation)
    {
        _compilation = compilation;
    }

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
}
