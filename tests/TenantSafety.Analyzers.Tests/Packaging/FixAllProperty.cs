using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// What Fix All from the command line must do on a whole project: run <c>dotnet format analyzers --diagnostics …</c>
/// for every fixable rule, rebuild, and the project compiles, no finding of any rule is new, and Fix All has nothing
/// left to fix (a second run changes nothing: every finding that remains has no fix). The rules run in passes whose
/// order is fixed, as dotnet format's order within one run is not: a query the scoping fix scopes may then need a
/// composite index, so the model rules run after the query rules; a tenant filter TSA1007 adds scopes queries the other
/// passes then judge, so it runs first.
/// </summary>
internal static class FixAllProperty
{
    public static readonly string[] TenantFilterPass = [RuleIdentifiers.MissingTenantFilter];

    public static readonly string[] QueryAndMigrationPass =
    [
        RuleIdentifiers.UnscopedTenantQuery,
        RuleIdentifiers.CrossTenantAggregate,
        RuleIdentifiers.UnscopedBulkOperation,
        RuleIdentifiers.IgnoredTenantFilter,
        RuleIdentifiers.IndexWithoutConcurrently,
        RuleIdentifiers.ConcurrentlyInsideTransaction,
    ];

    public static readonly string[] ModelPass = [RuleIdentifiers.MissingTenantKeyIndex, RuleIdentifiers.MissingCompositeIndex, RuleIdentifiers.UnindexedReference];

    /// <summary>Rules whose every finding has a fix wherever the entity is configured or the migration is written: none may remain.</summary>
    public static readonly string[] AlwaysFixable =
    [
        RuleIdentifiers.MissingTenantKeyIndex,
        RuleIdentifiers.MissingCompositeIndex,
        RuleIdentifiers.UnindexedReference,
        RuleIdentifiers.IndexWithoutConcurrently,
        RuleIdentifiers.ConcurrentlyInsideTransaction,
    ];

    /// <summary>Runs <paramref name="passes"/> in order, rebuilds, and checks the property; returns the findings before and after.</summary>
    public static async Task<(IReadOnlyList<BuildFinding> Before, IReadOnlyList<BuildFinding> After)> CheckAsync(FixAllWorkspace workspace, ITestOutputHelper output, params string[][] passes)
    {
        output.WriteLine(workspace.Description);
        var (build, before) = await workspace.BuildAsync();
        Assert.True(build.Succeeded, build.Describe());
        var original = workspace.Sources();

        foreach (var pass in passes)
        {
            var format = await workspace.FormatAsync(pass);
            output.WriteLine($"{format.CommandLine}: {format.Elapsed.TotalSeconds:F0} s");
            Assert.True(format.Succeeded, format.Describe());

            // "Unable to fix" is dotnet format's word for a rule none of whose findings has a fix (a query with no tenant
            // value in scope); a rule every finding of which has one must never say it.
            Assert.All(AlwaysFixable, id => Assert.DoesNotContain($"Unable to fix {id}.", format.StandardOutput + format.StandardError, StringComparison.Ordinal));
        }

        var fixedSources = workspace.Sources();
        var (rebuild, after) = await workspace.BuildAsync();
        Assert.True(rebuild.Succeeded, rebuild.Describe());
        Assert.DoesNotContain("error CS", rebuild.StandardOutput, StringComparison.Ordinal);

        var fixable = passes.SelectMany(p => p).ToArray();
        output.WriteLine("rule     before  after");
        foreach (var id in fixable.Concat(before.Select(f => f.Id)).Distinct().Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{id}  {before.Count(f => f.Id == id),6} {after.Count(f => f.Id == id),6}");
        }

        output.WriteLine($"{original.Count(s => fixedSources[s.Key] != s.Value)} files changed");

        // No finding of any rule is new: none appears more often, in the same file with the same message, than before.
        var earlier = before.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var added = after.GroupBy(f => f).Where(g => g.Count() > earlier.GetValueOrDefault(g.Key)).Select(g => g.Key).ToList();
        Assert.True(added.Count == 0, "New findings after Fix All:\n" + string.Join("\n", added));

        // The rules every finding of which has a fix are gone; the others lost every finding that has one.
        foreach (var id in AlwaysFixable.Intersect(fixable))
        {
            Assert.True(after.All(f => f.Id != id), $"{id} remains after Fix All:\n" + string.Join("\n", after.Where(f => f.Id == id)));
        }

        Assert.True(after.Count(f => fixable.Contains(f.Id)) < before.Count(f => fixable.Contains(f.Id)), "Fix All fixed nothing.");

        // Idempotent: nothing left that a fix would change.
        var again = await workspace.FormatAsync(fixable);
        Assert.True(again.Succeeded, again.Describe());
        var changed = workspace.Sources().Where(s => !fixedSources.TryGetValue(s.Key, out var text) || text != s.Value).Select(s => s.Key).ToList();
        Assert.True(changed.Count == 0, "A second Fix All changed " + string.Join(", ", changed));
        return (before, after);
    }
}
