using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The calls of Ardalis.Specification that run a query: its repositories' reads (<c>ListAsync</c>, <c>FirstOrDefaultAsync</c>,
/// <c>GetByIdAsync</c> …), counts and existence checks (<c>CountAsync</c>, <c>AnyAsync</c>), <c>DeleteRangeAsync(spec)</c>,
/// which deletes every row the specification selects, and the EF Core package's <c>set.ToListAsync(spec)</c>.
/// </summary>
internal static class SpecificationExecutions
{
    public static ExecutionKind Classify(IMethodSymbol method, SpecificationSymbols specifications)
    {
        if (!specifications.IsPresent)
        {
            return ExecutionKind.None;
        }

        if (specifications.RunsSpecification(method))
        {
            return ExecutionKind.Read;
        }

        if (specifications.RepositoryEntity(method) is null)
        {
            return ExecutionKind.None;
        }

        var name = method.Name;
        if (RepositoryReads.Contains(name))
        {
            return ExecutionKind.Read;
        }

        if (RepositoryAggregates.Contains(name))
        {
            return ExecutionKind.Aggregate;
        }

        return name == RepositoryBulkDelete && TakesSpecification(method, specifications) ? ExecutionKind.Bulk : ExecutionKind.None;
    }

    /// <summary>Every name <see cref="Classify"/> may answer other than <see cref="ExecutionKind.None"/> for.</summary>
    public static IEnumerable<string> MethodNames => RepositoryReads.Union(RepositoryAggregates).Add(RepositoryBulkDelete).Add("ToListAsync").Add("ToEnumerableAsync");

    private const string RepositoryBulkDelete = "DeleteRangeAsync";

    private static readonly ImmutableHashSet<string> RepositoryReads = ImmutableHashSet.Create(
        "ListAsync", "FirstOrDefaultAsync", "SingleOrDefaultAsync", "FirstAsync", "SingleAsync", "AsAsyncEnumerable", "GetByIdAsync", "GetBySpecAsync");

    private static readonly ImmutableHashSet<string> RepositoryAggregates = ImmutableHashSet.Create("CountAsync", "LongCountAsync", "AnyAsync");

    private static bool TakesSpecification(IMethodSymbol method, SpecificationSymbols specifications) =>
        method.Parameters.Any(specifications.IsSpecificationParameter);
}
