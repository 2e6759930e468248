using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>One source a lambda parameter's row holds: which source (its origin), its entity, and where it sits in the row.</summary>
/// <param name="Origin">The source, named by where it is written.</param>
/// <param name="Entity">The source's entity type.</param>
/// <param name="Path">Where the source's row sits in the current row.</param>
/// <param name="KeyPath">Where a projection put the source's scoping key (<see cref="QueryFacts.KeyPath"/>).</param>
/// <param name="KeyName">The source's scoping key: its tenant key, or the principal's key.</param>
internal readonly record struct RowSource(SyntaxNode Origin, ITypeSymbol Entity, RowPath Path, RowPath KeyPath, string? KeyName)
{
    /// <summary>The entity sources of a query that its current row still reaches, or whose scoping key it still carries.</summary>
    public static ImmutableArray<RowSource> Of(QueryFacts facts, Func<ITypeSymbol, string?> keyName)
    {
        // Most queries have one source: its row, if any, without a builder.
        if (facts.Sources.IsEmpty)
        {
            return RowOf(facts, keyName) is { } only ? ImmutableArray.Create(only) : ImmutableArray<RowSource>.Empty;
        }

        var rows = ImmutableArray.CreateBuilder<RowSource>(facts.Sources.Length + 1);
        Add(rows, facts, keyName);
        foreach (var source in facts.Sources)
        {
            Add(rows, source.Facts, keyName);
        }

        return rows.Count == rows.Capacity ? rows.MoveToImmutable() : rows.ToImmutable();
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
        if (RowOf(facts, keyName) is { } row)
        {
            rows.Add(row);
        }
    }

    private static RowSource? RowOf(QueryFacts facts, Func<ITypeSymbol, string?> keyName) =>
        facts.IsEntityQuery && facts.Origin is { } origin && facts.EntityType is { } entity && (facts.Path.IsReachable || facts.KeyPath.IsReachable)
            ? new RowSource(origin, entity, facts.Path, facts.KeyPath, keyName(entity))
            : null;
}
