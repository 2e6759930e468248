using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>One place where a query runs, with what is known of the query: what the query rules judge.</summary>
/// <param name="Facts">What is known of the query.</param>
/// <param name="Kind">How it runs.</param>
/// <param name="OperatorName">What runs it, as a finding names it: <c>ToList</c>, <c>foreach</c>, <c>RemoveRange</c>.</param>
/// <param name="Site">Where a finding about the query goes: the call, the enumerated collection, the argument handed over.</param>
/// <param name="AtOperatorName">The finding spans the call from its operator's name (<c>ToList()</c> in <c>db.Leads.ToList()</c>).</param>
/// <param name="OfferFix">Whether the scoping fix applies: not to <c>Find</c>, nor to a predicate handed to a method.</param>
internal sealed record QueryExecution(QueryFacts Facts, ExecutionKind Kind, string OperatorName, SyntaxNode Site, bool AtOperatorName, bool OfferFix);

/// <summary>
/// What a method of the compilation leaves its callers to judge: a query it runs whose scope only the call decides.
/// The query is rooted in one of its parameters (<c>FirstPage(IQueryable&lt;Lead&gt; q) =&gt; q.Take(20).ToList()</c>),
/// filtered only by a predicate it is given (<c>Find(p) =&gt; db.Leads.Where(p).ToList()</c>), or over its type
/// parameter (<c>Repository&lt;T&gt;.Get(id) =&gt; db.Set&lt;T&gt;().Find(id)</c>).
/// </summary>
/// <param name="Facts">The query as the method sees it, its parameters symbolic.</param>
/// <param name="Kind">How it runs.</param>
/// <param name="OperatorName">What runs it.</param>
internal sealed record QueryObligation(QueryFacts Facts, ExecutionKind Kind, string OperatorName)
{
    /// <summary>The parameter whose argument a finding goes to (the query, else the predicate handed over); -1: the call itself.</summary>
    public int ReportedParameter =>
        Facts.Kind == QueryRootKind.Parameter ? Facts.ParameterOrdinal : Facts.PredicateParameters.IsEmpty ? -1 : Facts.PredicateParameters[0];
}
