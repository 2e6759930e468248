using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>One source a lambda parameter's row holds: which source (its origin), its entity, and where it sits in the row.</summary>
internal readonly struct RowSource
{
    public RowSource(SyntaxNode origin, ITypeSymbol entity, RowPath path, RowPath keyPath, string? keyName)
    {
        Origin = origin;
        Entity = entity;
        Path = path;
        KeyPath = keyPath;
        KeyName = keyName;
    }

    public SyntaxNode Origin { get; }

    public ITypeSymbol Entity { get; }

    public RowPath Path { get; }

    /// <summary>Where a projection put the source's scoping key (<see cref="QueryFacts.KeyPath"/>).</summary>
    public RowPath KeyPath { get; }

    /// <summary>The source's scoping key: its tenant key, or the principal's key.</summary>
    public string? KeyName { get; }

    /// <summary>The entity sources of a query that its current row still reaches, or whose scoping key it still carries.</summary>
    public static ImmutableArray<RowSource> Of(QueryFacts facts, Func<ITypeSymbol, string?> keyName)
    {
        var rows = ImmutableArray.CreateBuilder<RowSource>();
        Add(rows, facts, keyName);
        foreach (var source in facts.Sources)
        {
            Add(rows, source.Facts, keyName);
        }

        return rows.ToImmutable();
    }

    /// <summary>
    /// The member of a source's row that <paramref name="operand"/> reads (<c>x.cu.OrganizationUserId</c> is
    /// <c>OrganizationUserId</c> of the source at <c>cu</c>), through the rows <paramref name="bindings"/> give its parameter.
    /// </summary>
    public static SourceMember? Resolve(IOperation operand, IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> bindings, EfSymbols symbols)
    {
        if (MemberChain.Read(operand, symbols) is not { Members.Length: > 0 } chain || !bindings.TryGetValue(chain.Parameter, out var rows))
        {
            return null;
        }

        foreach (var row in rows)
        {
            var prefix = row.Path.Members;
            if (row.Path.IsReachable && chain.Members.Length == prefix.Length + 1 && chain.Members.Take(prefix.Length).SequenceEqual(prefix))
            {
                return new SourceMember(row.Origin, row.Entity, chain.Members[prefix.Length]);
            }

            if (row.KeyPath.IsReachable && row.KeyName is { } key && chain.Members.SequenceEqual(row.KeyPath.Members))
            {
                return new SourceMember(row.Origin, row.Entity, key);
            }
        }

        return null;
    }

    private static void Add(ImmutableArray<RowSource>.Builder rows, QueryFacts facts, Func<ITypeSymbol, string?> keyName)
    {
        if (facts.IsEntityQuery && facts.Origin is { } origin && facts.EntityType is { } entity && (facts.Path.IsReachable || facts.KeyPath.IsReachable))
        {
            rows.Add(new RowSource(origin, entity, facts.Path, facts.KeyPath, keyName(entity)));
        }
    }
}
