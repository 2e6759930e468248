using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Which DbContexts and entity-set interfaces of other projects this project reads entity sets of: an entity-set
/// property (<c>db.Regions</c>) or <c>Set&lt;T&gt;()</c> on a value of that type. A project that names a context only to
/// migrate its database (a host's <c>GetRequiredService&lt;ReferenceDb&gt;().Database.MigrateAsync()</c>), to check its
/// health or to hand it on has no query through it to judge, so TSA0001 has nothing to say there.
/// </summary>
/// <remarks>
/// Read from the tokens of the project's files named like one of the holders' entity-set properties or <c>Set</c>, each
/// bound only until every holder is found read: a project with a foreign context is usually one that queries it, and
/// stops at its first query.
/// </remarks>
internal static class ForeignModelQueries
{
    private const string SetMethod = "Set";

    /// <summary>The ones of <paramref name="holders"/> whose entity sets a file of <paramref name="compilation"/> reads.</summary>
    public static HashSet<INamedTypeSymbol> ReadIn(
        Compilation compilation,
        IReadOnlyCollection<INamedTypeSymbol> holders,
        EfSymbols symbols,
        SemanticModelCache models,
        CancellationToken cancellationToken)
    {
        var read = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        if (holders.Count == 0)
        {
            return read;
        }

        var memberNames = new HashSet<string>(StringComparer.Ordinal) { SetMethod };
        foreach (var holder in holders)
        {
            foreach (var (property, _) in ForeignEntitySetHolders.EntitySetsOf(holder, symbols))
            {
                memberNames.Add(property.Name);
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.IdentifierToken)
                    || !memberNames.Contains(token.ValueText)
                    || token.Parent is not SimpleNameSyntax { Parent: MemberAccessExpressionSyntax access } name
                    || access.Name != name
                    || models.Get(tree) is not { } model
                    || model.GetTypeInfo(access.Expression, cancellationToken).Type is not INamedTypeSymbol receiver)
                {
                    continue;
                }

                foreach (var holder in holders)
                {
                    // The holder itself, a context derived from it, or a type implementing the interface.
                    if (!read.Contains(holder) && receiver.Satisfies(holder))
                    {
                        read.Add(holder);
                    }
                }

                if (read.Count == holders.Count)
                {
                    return read;
                }
            }
        }

        return read;
    }
}
