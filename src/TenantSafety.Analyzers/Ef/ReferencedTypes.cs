using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// What the referenced assemblies answer to a metadata name, kept for every compilation bound to the very same
/// assembly symbols. The IDE forks the compilation on each keystroke and keeps its references; looking ~40 names up
/// in a net10.0 project's ~200 referenced assemblies cost ~14 ms of each keystroke. The answer depends only on those
/// assemblies once the compilation's own source is known not to define the name, which the caller checks first.
/// </summary>
internal sealed class ReferencedTypes
{
    /// <summary>Recent reference sets, by the assembly that defines <c>object</c>; a few, for solutions of several projects.</summary>
    /// <remarks>
    /// Held weakly: a set lives as long as a compilation that uses it (<see cref="s_byCompilation"/>). Its assemblies include
    /// the compilations of referenced projects, and the core library's symbol outlives them all (every open project of the
    /// same references shares it), so a strong list kept the last few referenced projects' compilations alive
    /// (CompilationLifetimeTests).
    /// </remarks>
    private static readonly ConditionalWeakTable<IAssemblySymbol, List<WeakReference<ReferencedTypes>>> s_byCoreLibrary = new();
    private static readonly ConditionalWeakTable<Compilation, ReferencedTypes> s_byCompilation = new();
    private const int SetsPerCoreLibrary = 4;

    private readonly ImmutableArray<IAssemblySymbol> _assemblies;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new(StringComparer.Ordinal);

    private ReferencedTypes(ImmutableArray<IAssemblySymbol> assemblies)
    {
        _assemblies = assemblies;
    }

    /// <summary>
    /// <paramref name="compilation"/>'s answer to <paramref name="metadataName"/> when its source does not define it:
    /// the one referenced assembly that does, null when none or several do.
    /// </summary>
    public static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
    {
#pragma warning disable RS0030 // Called from EfSymbols.TypeNamed, the one place types are looked up by name.
        return s_byCompilation.GetValue(compilation, Match)._types.GetOrAdd(metadataName, name => compilation.GetTypeByMetadataName(name));
#pragma warning restore RS0030
    }

    private static ReferencedTypes Match(Compilation compilation)
    {
        var assemblies = compilation.SourceModule.ReferencedAssemblySymbols;
        var sets = s_byCoreLibrary.GetValue(compilation.ObjectType.ContainingAssembly, _ => new List<WeakReference<ReferencedTypes>>());
        lock (sets)
        {
            sets.RemoveAll(reference => !reference.TryGetTarget(out _));
            foreach (var reference in sets)
            {
                if (reference.TryGetTarget(out var set) && SameAssemblies(set._assemblies, assemblies))
                {
                    return set;
                }
            }

            var created = new ReferencedTypes(assemblies);
            sets.Insert(0, new WeakReference<ReferencedTypes>(created));
            if (sets.Count > SetsPerCoreLibrary)
            {
                sets.RemoveAt(sets.Count - 1);
            }

            return created;
        }
    }

    /// <summary>The same assembly symbol instances in the same order: the compilations share one binding of their references.</summary>
    private static bool SameAssemblies(ImmutableArray<IAssemblySymbol> left, ImmutableArray<IAssemblySymbol> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!ReferenceEquals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
