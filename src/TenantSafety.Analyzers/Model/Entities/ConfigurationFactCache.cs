using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Model.Entities;

/// <summary>
/// The <see cref="ConfigurationFacts"/> of each configuration body, kept for as long as its syntax tree lives. The IDE
/// keeps the trees of unchanged documents from one compilation to the next, so after a keystroke only the edited
/// file's bodies are bound again; a command-line build parses new trees and always reads afresh.
/// </summary>
/// <remarks>
/// What a body says also depends on declarations in other files. A record is reused only while every type the body
/// named has the same members (<see cref="ConfigurationFacts.IsCurrentFor"/>), and a body that bound with errors is
/// never kept (<see cref="ConfigurationFacts.IsReusable"/>): configuration written before what it names exists.
/// </remarks>
internal static class ConfigurationFactCache
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<TextSpan, ConfigurationFacts>> s_byTree = new();

    public static ConfigurationFacts GetOrRead(SyntaxReference body, TypeResolver types, Func<ConfigurationFacts> read)
    {
        var bodies = s_byTree.GetValue(body.SyntaxTree, _ => new ConcurrentDictionary<TextSpan, ConfigurationFacts>());
        if (bodies.TryGetValue(body.Span, out var known) && known.IsCurrentFor(types))
        {
            return known;
        }

        var facts = read();
        if (facts.IsReusable)
        {
            bodies[body.Span] = facts;
        }
        else
        {
            bodies.TryRemove(body.Span, out _);
        }

        return facts;
    }

    /// <summary>Whether the record of <paramref name="body"/> is kept for the next compilation: for tests of the IDE's edit cycle.</summary>
    internal static bool Keeps(SyntaxReference body) => s_byTree.TryGetValue(body.SyntaxTree, out var bodies) && bodies.ContainsKey(body.Span);
}
