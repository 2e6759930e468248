using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Where an unnamed query filter is set: the member whose body sets it, and where the call ends in that body's tree.
/// Unnamed filters replace each other, so when two bodies set one on the same entity, the one that runs last is the
/// entity's filter (<see cref="ConfigurationRunOrder"/>).
/// </summary>
internal sealed class FilterOrigin
{
    public FilterOrigin(ConfigurationMember body, int position, string declaration)
    {
        Body = body;
        Position = position;
        Declaration = declaration;
    }

    public ConfigurationMember Body { get; }

    /// <summary>Where the <c>HasQueryFilter</c> call has run in its body's tree (<see cref="ConfigurationRunOrder.PositionOf"/>).</summary>
    public int Position { get; }

    /// <summary>
    /// The declaration holding the call (its file and where it starts): <see cref="Body"/> names overloads and partial
    /// parts alike, whose positions cannot be compared.
    /// </summary>
    public string Declaration { get; }

    /// <summary>The key of <paramref name="declaration"/> for <see cref="Declaration"/>.</summary>
    public static string DeclarationOf(SyntaxNode declaration) => declaration.SyntaxTree.FilePath + "@" + declaration.SpanStart;

    /// <summary>Whether both calls are in one declaration, where their positions tell which runs later.</summary>
    public bool IsInSameDeclaration(FilterOrigin other) => Body.Equals(other.Body) && Declaration == other.Declaration;
}
