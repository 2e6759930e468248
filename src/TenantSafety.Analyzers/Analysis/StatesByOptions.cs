using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// The states of one compilation, one per options provider it is analysed with: almost always one, a few in tests
/// and hosts that analyse a compilation under several configurations. Lives exactly as long as its compilation.
/// </summary>
internal sealed class StatesByOptions
{
    private readonly List<(AnalyzerConfigOptionsProvider Provider, TenantCompilationState State)> _states = new(capacity: 1);

    public TenantCompilationState? Find(AnalyzerConfigOptionsProvider provider)
    {
        lock (_states)
        {
            foreach (var (known, state) in _states)
            {
                if (ReferenceEquals(known, provider))
                {
                    return state;
                }
            }

            return null;
        }
    }

    /// <summary>The state for <paramref name="provider"/>, created once: every analyzer of a compilation shares it.</summary>
    public TenantCompilationState GetOrAdd(AnalyzerConfigOptionsProvider provider, Func<AnalyzerConfigOptionsProvider, TenantCompilationState> create)
    {
        lock (_states)
        {
            if (Find(provider) is { } existing)
            {
                return existing;
            }

            var created = create(provider);
            _states.Add((provider, created));
            return created;
        }
    }
}
