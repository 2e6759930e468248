using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Analysis;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2002's reading of each body of a compilation, by the body's declaration: made by whichever comes first, the
/// body's own operation-block action or the file's semantic-model action, and found by the other. The file's action
/// decides what is reported (the first query of each missing shape in the file), so the findings do not depend on which
/// came first; but in a build the semantic-model actions run only once the compiler has finished every file, so the
/// reading done ahead is what keeps them from running the rule's whole work at the end of the build.
/// </summary>
internal sealed class BodyIndexReadings
{
    // Kept with the compilation's tenancy analysis: a body reads differently in the next compilation.
    private static readonly ConditionalWeakTable<TenantAnalysis, BodyIndexReadings> s_byAnalysis = new();

    private readonly ConcurrentDictionary<SyntaxNode, ImmutableArray<MissingIndex>> _byBody = new();

    public static BodyIndexReadings Of(TenantAnalysis analysis) => s_byAnalysis.GetValue(analysis, _ => new BodyIndexReadings());

    /// <summary>The reading of <paramref name="body"/> (a member's declaration); <paramref name="read"/> makes it if no one has.</summary>
    public ImmutableArray<MissingIndex> GetOrRead(SyntaxNode body, Func<ImmutableArray<MissingIndex>> read) =>
        _byBody.TryGetValue(body, out var known) ? known : _byBody.GetOrAdd(body, read());
}
