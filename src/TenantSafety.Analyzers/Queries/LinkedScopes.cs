using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// How scoped each source of a query is once its links count: sources tied by relationship keys form a group, and
/// every source of a group is as scoped as the most scoped of them (the notes of one team's leads are that team's).
/// </summary>
internal sealed class LinkedScopes
{
    // Made at the first link: most queries tie no sources together.
    private Dictionary<SyntaxNode, SyntaxNode>? _parent;
    // Most queries have one group: its scope is kept in fields, and a table is made for a second group only.
    private SyntaxNode? _firstGroup;
    private TenantScope _firstGroupScope;
    private Dictionary<SyntaxNode, TenantScope>? _otherGroups;

    /// <param name="facts">The query.</param>
    /// <param name="ownScope">How scoped a source is on its own: its predicates, and its tenant filter.</param>
    public LinkedScopes(QueryFacts facts, Func<QueryFacts, TenantScope> ownScope)
    {
        foreach (var link in facts.Links)
        {
            Union(link.First, link.Second);
        }

        Raise(facts, ownScope(facts));
        foreach (var source in facts.Sources)
        {
            Raise(source.Facts, ownScope(source.Facts));
        }
    }

    /// <summary>The scope of <paramref name="source"/> with its group's: the stronger counts.</summary>
    public TenantScope Of(QueryFacts source, TenantScope ownScope) =>
        source.Origin is { } origin && TryGetGroupScope(Find(origin), out var group) && group > ownScope ? group : ownScope;

    /// <summary>The group <paramref name="source"/> belongs to (its representative origin); null when it has no origin.</summary>
    public SyntaxNode? GroupOf(QueryFacts source) => source.Origin is { } origin ? Find(origin) : null;

    private void Raise(QueryFacts source, TenantScope scope)
    {
        if (source.Origin is not { } origin)
        {
            return;
        }

        var root = Find(origin);
        if (!TryGetGroupScope(root, out var current) || scope > current)
        {
            SetGroupScope(root, scope);
        }
    }

    private bool TryGetGroupScope(SyntaxNode root, out TenantScope scope)
    {
        if (_firstGroup == root)
        {
            scope = _firstGroupScope;
            return true;
        }

        scope = default;
        return _otherGroups is not null && _otherGroups.TryGetValue(root, out scope);
    }

    private void SetGroupScope(SyntaxNode root, TenantScope scope)
    {
        if (_firstGroup is null || _firstGroup == root)
        {
            _firstGroup = root;
            _firstGroupScope = scope;
        }
        else
        {
            (_otherGroups ??= new())[root] = scope;
        }
    }

    private SyntaxNode Find(SyntaxNode node)
    {
        while (_parent is not null && _parent.TryGetValue(node, out var parent) && parent != node)
        {
            node = parent;
        }

        return node;
    }

    private void Union(SyntaxNode first, SyntaxNode second)
    {
        var a = Find(first);
        var b = Find(second);
        if (a != b)
        {
            (_parent ??= new())[a] = b;
        }
    }
}
