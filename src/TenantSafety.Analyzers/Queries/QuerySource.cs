using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A source of a query other than the one its operator chain starts from: the second source of a join or set
/// operator, a collection selector, a subquery inside a lambda. Judged on its own and reported at <see cref="Site"/>.
/// </summary>
/// <param name="Facts">What is known of the source's own chain, and how the query's current row reaches its row.</param>
/// <param name="Site">Where the source is written: a finding about it goes here.</param>
/// <param name="Kind">A subquery that ends in its own operator (<c>Any</c>, <c>First</c> …) says what it does; null: what the query does.</param>
/// <param name="OperatorName">That operator's name.</param>
internal sealed record QuerySource(QueryFacts Facts, SyntaxNode Site, ExecutionKind? Kind, string? OperatorName)
{
    public QuerySource WithFacts(QueryFacts facts) => this with { Facts = facts };
}

/// <summary>
/// Two sources of one query whose rows are tied by a relationship key (<c>join n in db.Notes on l.Id equals n.LeadId</c>,
/// a subquery's <c>n.LeadId == l.Id</c>): whatever scopes one scopes the other. Sources are named by their origin.
/// </summary>
internal readonly record struct SourceLink(SyntaxNode First, SyntaxNode Second);

/// <summary>A member of one source's row: the key a query selects (<c>Select(n => n.LeadId)</c>), or a side of a link.</summary>
internal readonly record struct SourceMember(SyntaxNode Origin, ITypeSymbol Entity, string Member);
