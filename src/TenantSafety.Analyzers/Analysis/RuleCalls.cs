using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// The calls the per-file rules look for (TSA2004's <c>HasIndex</c>, TSA1006's <c>SetProperty</c>, TSA1008 and TSA1009's
/// <c>HasQueryFilter</c>, TSA3001/TSA3002's migration operations), found in one search of each file's text
/// (<see cref="NamedCalls"/>) for all of them, per compilation: four rules searching the same text each cost a build
/// four searches, and a copy of each large file's text per search.
/// </summary>
internal sealed class RuleCalls
{
    public const string HasIndex = nameof(HasIndex);
    public const string SetProperty = nameof(SetProperty);
    public const string HasQueryFilter = nameof(HasQueryFilter);
    public const string CreateIndex = nameof(CreateIndex);
    public const string CreateTable = nameof(CreateTable);
    public const string Sql = nameof(Sql);

    private static readonly ImmutableArray<string> s_names = ImmutableArray.Create(HasIndex, SetProperty, HasQueryFilter, CreateIndex, CreateTable, Sql);

    private readonly ConcurrentDictionary<SyntaxTree, Dictionary<string, List<InvocationExpressionSyntax>>> _byTree = new();

    /// <summary>The calls of <paramref name="tree"/> named <paramref name="name"/> (one of this class's names), in source order.</summary>
    public IReadOnlyList<InvocationExpressionSyntax> Named(SyntaxTree tree, string name, CancellationToken cancellationToken) =>
        (_byTree.TryGetValue(tree, out var known) ? known : _byTree.GetOrAdd(tree, Read(tree, cancellationToken)))
            .TryGetValue(name, out var calls) ? calls : (IReadOnlyList<InvocationExpressionSyntax>)Array.Empty<InvocationExpressionSyntax>();

    /// <summary>The invocations those calls are in the file <paramref name="model"/> binds: what a per-file rule judges.</summary>
    public IEnumerable<IInvocationOperation> Invocations(SemanticModel model, string name, CancellationToken cancellationToken)
    {
        foreach (var call in Named(model.SyntaxTree, name, cancellationToken))
        {
            if (model.GetOperation(call, cancellationToken) is IInvocationOperation invocation)
            {
                yield return invocation;
            }
        }
    }

    private static Dictionary<string, List<InvocationExpressionSyntax>> Read(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);
        foreach (var call in NamedCalls.InFile(tree, IsRuleName, cancellationToken))
        {
            if (call.InvokedName() is { } name)
            {
                if (!byName.TryGetValue(name, out var calls))
                {
                    byName[name] = calls = new List<InvocationExpressionSyntax>();
                }

                calls.Add(call);
            }
        }

        return byName;
    }

    private static bool IsRuleName(string text, int start, int length)
    {
        foreach (var name in s_names)
        {
            if (name.Length == length && string.CompareOrdinal(text, start, name, 0, length) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
