using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A source of a query other than the one its operator chain starts from: the second source of a join or set
/// operator, a collection selector, a subquery inside a lambda. Judged on its own and reported at <see cref="Site"/>.
/// </summary>
internal sealed class QuerySource
{
    public QuerySource(QueryFacts facts, SyntaxNode site, ExecutionKind? kind, string? operatorName)
    {
        Facts = facts;
        Site = site;
        Kind = kind;
        OperatorName = operatorName;
    }

    /// <summary>What is known of the source's own chain, and how the query's current row reaches its row.</summary>
    public QueryFacts Facts { get; }

    /// <summary>Where the source is written: a finding about it goes here.</summary>
    public SyntaxNode Site { get; }

    /// <summary>A subquery that ends in its own operator (<c>Any</c>, <c>First</c> …) says what it does; null: what the query does.</summary>
    public ExecutionKind? Kind { get; }

    public string? OperatorName { get; }

    public QuerySource WithFacts(QueryFacts facts) => new(facts, Site, Kind, OperatorName);
}

/// <summary>
/// Two sources of one query whose rows are tied by a relationship key (<c>join n in db.Notes on l.Id equals n.LeadId</c>,
/// a subquery's <c>n.LeadId == l.Id</c>): whatever scopes one scopes the other. Sources are named by their origin.
/// </summary>
internal readonly struct SourceLink
{
    public SourceLink(SyntaxNode first, SyntaxNode second)
    {
        First = first;
        Second = second;
    }

    public SyntaxNode First { get; }

    public SyntaxNode Second { get; }
}

/// <summary>A member of one source's row: the key a query selects (<c>Select(n => n.LeadId)</c>), or a side of a link.</summary>
internal readonly struct SourceMember
{
    public SourceMember(SyntaxNode origin, ITypeSymbol entity, string member)
    {
        Origin = origin;
        Entity = entity;
        Member = member;
    }

    public SyntaxNode Origin { get; }

    public ITypeSymbol Entity { get; }

    public string Member { get; }
}
