using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>Walks the types declared in the compilation's own source, nested types included, without binding any body.</summary>
internal static class SourceTypes
{
    public static IEnumerable<INamedTypeSymbol> Of(Compilation compilation)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(compilation.Assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is INamedTypeSymbol type)
            {
                yield return type;
            }

            foreach (var member in current.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol child)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
