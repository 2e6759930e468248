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

        return method.Name switch
        {
            "ListAsync" or "FirstOrDefaultAsync" or "SingleOrDefaultAsync" or "FirstAsync" or "SingleAsync"
                or "AsAsyncEnumerable" or "GetByIdAsync" or "GetBySpecAsync" => ExecutionKind.Read,
            "CountAsync" or "LongCountAsync" or "AnyAsync" => ExecutionKind.Aggregate,
            "DeleteRangeAsync" when TakesSpecification(method, specifications) => ExecutionKind.Bulk,
            _ => ExecutionKind.None,
        };
    }

    private static bool TakesSpecification(IMethodSymbol method, SpecificationSymbols specifications) =>
        method.Parameters.Any(specifications.IsSpecificationParameter);
}
