using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The members of a DbContext that the project's own <c>IModelCacheKeyFactory</c> makes part of the model's cache key
/// (<c>(context.GetType(), ((AppDbContext)context).TenantId, designTime)</c>): EF Core then builds and keeps a model per
/// value of theirs, so a filter set under a condition on them is right for every context that shares the key.
/// </summary>
internal static class ModelCacheKeyMembers
{
    private const string FactoryName = "Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory";

    /// <summary>What the <c>Create</c> methods of the project's key factories read of a DbContext, with what those properties' getters read.</summary>
    public static ImmutableHashSet<ISymbol> Find(
        Compilation compilation,
        EfSymbols symbols,
        SourceImplementations implementations,
        Func<SyntaxTree, SemanticModel?> modelOf,
        CancellationToken cancellationToken)
    {
        if (EfSymbols.TypeNamed(compilation, FactoryName) is not { } factory)
        {
            return ImmutableHashSet<ISymbol>.Empty;
        }

        var members = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var type in implementations.Implementers(factory))
        {
            foreach (var create in type.GetMembers("Create").OfType<IMethodSymbol>())
            {
                foreach (var reference in create.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax(cancellationToken);
                    if (modelOf(syntax.SyntaxTree)?.GetOperation(syntax, cancellationToken) is not { } body)
                    {
                        continue;
                    }

                    foreach (var read in body.DescendantsAndSelf().OfType<IMemberReferenceOperation>())
                    {
                        if (read.Instance?.Type is { } owner && symbols.IsDbContext(owner))
                        {
                            members.Add(read.Member.OriginalDefinition);
                            if (read.Member is IPropertySymbol property)
                            {
                                members.UnionWith(FilterCondition.GetterReads(property, modelOf, cancellationToken));
                            }
                        }
                    }
                }
            }
        }

        return members.ToImmutable();
    }
}
