using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A global query filter as the model configures it, whatever the tenant key: which property names it scopes by, and
/// which of those it compares with the current tenant (a member of the context or a service), so it can tell the key
/// when none is configured. A filter is a tenant filter for the key it scopes by (<see cref="Scopes"/>).
/// </summary>
internal sealed class TenantFilter
{
    public TenantFilter(string? name, ImmutableArray<string> keys, ImmutableArray<string> declaredKeys, TenantDeclaration declaredBy)
    {
        Name = name;
        Keys = keys;
        DeclaredKeys = declaredKeys;
        DeclaredBy = declaredBy;
    }

    /// <summary>The EF Core 10 filter key, or null for the unnamed filter.</summary>
    public string? Name { get; }

    /// <summary>The property names the predicate confines to one value (<c>TeamId</c> in <c>e =&gt; e.TeamId == t &amp;&amp; !e.IsDeleted</c>); empty for soft delete.</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>Of <see cref="Keys"/>, those compared with a member of the context or a service: what a tenant filter declares the key to be.</summary>
    public ImmutableArray<string> DeclaredKeys { get; }

    /// <summary>
    /// The names the filter compares with the current tenant without scoping by them: a side of an <c>||</c> that reads the
    /// row lets other rows through (<c>r =&gt; r.TenantId == t.Id || r.IsSystem</c>). What a finding on the entity says.
    /// </summary>
    public ImmutableArray<string> OpenedKeys { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>What added the filter: a <c>HasQueryFilter</c> call, Finbuckle, ABP, or the configuration.</summary>
    public TenantDeclaration DeclaredBy { get; }

    /// <summary>
    /// For a filter a generic helper sets on its type parameter, the entity types its branches never set it for
    /// (<see cref="TypeBranches"/>), by fully qualified name; empty for every other filter.
    /// </summary>
    public ImmutableArray<string> ExcludedTypes { get; private init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// The DbContext whose own <c>OnModelCreating</c> sets the filter, then its base classes, by namespace-qualified name:
    /// it filters that context's queries and those of contexts derived from it, not another context that maps the same
    /// class. Empty when set anywhere else (a configuration class or helper, which any context may apply), or by a library
    /// or the configuration.
    /// </summary>
    public ImmutableArray<string> SetInContext { get; private init; } = ImmutableArray<string>.Empty;

    public bool Scopes(string key) => Keys.Contains(key);

    /// <summary>The filter as set in <paramref name="context"/>'s own <c>OnModelCreating</c> (<see cref="SetInContext"/>).</summary>
    public TenantFilter InContext(INamedTypeSymbol? context) =>
        context is null
            ? this
            : new TenantFilter(Name, Keys, DeclaredKeys, DeclaredBy)
            {
                OpenedKeys = OpenedKeys,
                ExcludedTypes = ExcludedTypes,
                SetInContext = context.SelfAndBaseClasses().Select(TenantTypeNames.QualifiedName).ToImmutableArray(),
            };

    /// <summary>
    /// Whether the filter applies to a query read from <paramref name="context"/>: any, unless the filter is one context's
    /// and <paramref name="context"/> is a class that is neither that context, nor derived from it, nor a base class of it
    /// (a <c>DbContext</c> variable may hold the filtering context). An interface may be the filtering context's too.
    /// </summary>
    public bool AppliesThrough(ITypeSymbol? context) =>
        SetInContext.IsEmpty
        || context is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
        || SetInContext.Contains(TenantTypeNames.QualifiedName(type))
        || type.SelfAndBaseClasses().Any(t => TenantTypeNames.QualifiedName(t) == SetInContext[0]);

    /// <summary>Whether the filter is set for <paramref name="entityType"/>: always, unless a branch of its helper leaves that type out.</summary>
    public bool AppliesTo(ITypeSymbol entityType) => ExcludedTypes.IsEmpty || !ExcludedTypes.Contains(TypeBranches.NameOf(entityType));

    public TenantFilter ExceptFor(ImmutableArray<string> excludedTypes) =>
        excludedTypes.IsEmpty ? this : new TenantFilter(Name, Keys, DeclaredKeys, DeclaredBy) { OpenedKeys = OpenedKeys, ExcludedTypes = excludedTypes, SetInContext = SetInContext };
}
