using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// A finding as a rule decides it, before it becomes a <see cref="Diagnostic"/>: what <see cref="KeptQueryFindings"/>
/// keeps for the next compilation and re-creates there at the same place in the edited file.
/// </summary>
internal sealed record QueryFinding(
    DiagnosticDescriptor Descriptor,
    Location Location,
    ImmutableArray<Location> AdditionalLocations,
    ImmutableDictionary<string, string?>? Properties,
    ImmutableArray<string> MessageArguments)
{
    public QueryFinding(DiagnosticDescriptor descriptor, Location location, params string[] messageArguments)
        : this(descriptor, location, ImmutableArray<Location>.Empty, null, messageArguments.ToImmutableArray())
    {
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location, AdditionalLocations, Properties, MessageArguments.Cast<object>().ToArray());

    public QueryFinding WithLocations(Location location, IEnumerable<Location> additionalLocations) =>
        this with { Location = location, AdditionalLocations = additionalLocations.ToImmutableArray() };
}
