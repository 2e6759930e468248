using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// An execution point read at the top of its body: the call's syntax (rules that read one body may hold different
/// operation trees of it, one per semantic model) and the method the body belongs to, which decides whether a predicate
/// the method receives is its callers' to judge.
/// </summary>
internal readonly record struct ExecutionSourceKey(SyntaxNode Call, IMethodSymbol? ContainingMethod)
{
    public bool Equals(ExecutionSourceKey other) =>
        Call == other.Call && SymbolEqualityComparer.Default.Equals(ContainingMethod, other.ContainingMethod);

    public override int GetHashCode() => (Call.GetHashCode() * 31) + SymbolEqualityComparer.Default.GetHashCode(ContainingMethod);
}
