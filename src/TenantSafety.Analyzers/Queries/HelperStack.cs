using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>The helpers whose facts one thread is computing, and how often a helper was reached again while being computed (recursion).</summary>
internal sealed class HelperStack
{
    public HashSet<IMethodSymbol> Methods { get; } = new(SymbolEqualityComparer.Default);

    public int RecursionCuts { get; set; }
}
