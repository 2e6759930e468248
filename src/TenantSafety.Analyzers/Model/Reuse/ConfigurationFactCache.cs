using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// The <see cref="ConfigurationFacts{TTarget}"/> of each configuration body, kept for as long as its syntax tree lives.
/// The IDE keeps the trees of unchanged documents from one compilation to the next, so after a keystroke only the
/// edited file's bodies are bound again; a command-line build parses new trees and always reads afresh.
/// </summary>
/// <remarks>
/// What a body says also depends on declarations in other files. A record is reused only while every type the body
/// named keeps its declared shape and every other project whose configuration classes it applies declares the same ones
/// (<see cref="ConfigurationFacts{TTarget}.IsCurrentFor"/>), and a body that bound
/// with errors is never kept (<see cref="ConfigurationFacts{TTarget}.IsReusable"/>): configuration written before
/// what it names exists.
/// </remarks>
internal static class ConfigurationFactCache<TTarget>
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<(TextSpan Body, string Variant), ConfigurationFacts<TTarget>>> s_byTree = new();

    /// <param name="body">The declaration whose body is read.</param>
    /// <param name="variant">What else the reading depends on (the tenant-key options), or empty.</param>
    /// <param name="types">Resolves the record's types in the current compilation.</param>
    /// <param name="read">Binds the body and records it.</param>
    public static ConfigurationFacts<TTarget> GetOrRead(SyntaxReference body, string variant, TypeResolver types, Func<ConfigurationFacts<TTarget>> read)
    {
        var bodies = s_byTree.GetValue(body.SyntaxTree, _ => new ConcurrentDictionary<(TextSpan, string), ConfigurationFacts<TTarget>>());
        var key = (body.Span, variant);
        if (bodies.TryGetValue(key, out var known) && known.IsCurrentFor(types))
        {
            return known;
        }

        var facts = read();
        if (facts.IsReusable)
        {
            facts.FinishReading();
            bodies[key] = facts;
        }
        else
        {
            bodies.TryRemove(key, out _);
        }

        return facts;
    }

    /// <summary>The record of <paramref name="body"/> kept for the next compilation, or null: for tests of the IDE's edit cycle.</summary>
    internal static ConfigurationFacts<TTarget>? Kept(SyntaxReference body, string variant = "") =>
        s_byTree.TryGetValue(body.SyntaxTree, out var bodies) && bodies.TryGetValue((body.Span, variant), out var facts) ? facts : null;
}
