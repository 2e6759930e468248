using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>One source a lambda parameter's row holds: which source (its origin), its entity, and where it sits in the row.</summary>
internal readonly struct RowSource
{
    public RowSource(SyntaxNode origin, ITypeSymbol entity, RowPath path)
    {
        Origin = origin;
        Entity = entity;
        Path = path;
    }

    public SyntaxNode Origin { get; }

    public ITypeSymbol Entity { get; }

    public RowPath Path { get; }

    /// <summary>The entity sources of a query that its current row still reaches.</summary>
    public static ImmutableArray<RowSource> Of(QueryFacts facts)
    {
        var rows = ImmutableArray.CreateBuilder<RowSource>();
        Add(rows, facts);
        foreach (var source in facts.Sources)
        {
            Add(rows, source.Facts);
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
        }

        return null;
    }

    private static void Add(ImmutableArray<RowSource>.Builder rows, QueryFacts facts)
    {
        if (facts.IsEntityQuery && facts.Origin is { } origin && facts.EntityType is { } entity && facts.Path.IsReachable)
        {
            rows.Add(new RowSource(origin, entity, facts.Path));
        }
    }
}
