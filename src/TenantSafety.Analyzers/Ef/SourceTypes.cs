using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>Walks the types declared in the compilation's own source, nested types included, without binding any body.</summary>
internal static class SourceTypes
{
    public static IEnumerable<INamedTypeSymbol> Of(Compilation compilation) => DeclaredIn(compilation.Assembly);

    /// <summary>The types <paramref name="assembly"/> declares, nested types included: this compilation's or a referenced one's.</summary>
    public static IEnumerable<INamedTypeSymbol> DeclaredIn(IAssemblySymbol assembly)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is INamedTypeSymbol type)
            {
                yield return type;

                // GetTypeMembers, not GetMembers: nested types come from the declarations, whereas completing every
                // member of every type binds bodies (a primary constructor's captured parameters are found that way),
                // on each compilation: each keystroke in the IDE.
                foreach (var nested in type.GetTypeMembers())
                {
                    stack.Push(nested);
                }

                continue;
            }

            foreach (var member in ((INamespaceSymbol)current).GetMembers())
            {
                stack.Push(member);
            }
        }
    }
}
