using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// One place that declares or configures an index: an <c>[Index]</c> attribute or a <c>HasIndex</c> call with the
/// calls chained after it. Several declarations can configure one EF Core index (see <see cref="IsSameIndexAs"/>);
/// each setting is null when this declaration leaves it alone.
/// </summary>
internal sealed class IndexDeclaration(
    ImmutableArray<string> properties,
    SyntaxReference? syntax,
    bool isAttribute,
    string? indexName = null,
    string? databaseName = null,
    bool? isUnique = null,
    ImmutableArray<bool>? descending = null,
    bool isSpecialized = false)
{
    public ImmutableArray<string> Properties { get; } = properties;

    /// <summary>The <c>HasIndex</c> invocation or the <c>[Index]</c> attribute; null when not in source.</summary>
    public SyntaxReference? Syntax { get; } = syntax;

    /// <summary>An <c>[Index]</c> attribute: EF Core applies it first, and any fluent call on the same index overrides it.</summary>
    public bool IsAttribute { get; } = isAttribute;

    /// <summary>The name that identifies a named index (<c>HasIndex(…, "name")</c>, <c>[Index(…, Name = "name")]</c>); null for an unnamed one.</summary>
    public string? IndexName { get; } = indexName;

    /// <summary>The name given with <c>HasDatabaseName</c> (or the obsolete <c>HasName</c>).</summary>
    public string? DatabaseName { get; } = databaseName;

    public bool? IsUnique { get; } = isUnique;

    public ImmutableArray<bool>? Descending { get; } = descending;

    /// <summary>A filter, included columns, an operator class or a non-btree method is configured here.</summary>
    public bool IsSpecialized { get; } = isSpecialized;

    /// <summary>
    /// Whether EF Core configures one index with both declarations: a named index is found by its name, an unnamed
    /// one by its property list (<c>FindIndex(properties)</c> never returns a named index). An unnamed and a named
    /// index on the same columns, or two differently named ones, are distinct indexes in the database.
    /// </summary>
    public bool IsSameIndexAs(IndexDeclaration other) =>
        IndexName is null
            ? other.IndexName is null && Properties.SequenceEqual(other.Properties, StringComparer.Ordinal)
            : string.Equals(IndexName, other.IndexName, StringComparison.Ordinal);

    /// <summary>The same declaration with its syntax reference mapped (<see cref="IndexDefinition.WithSyntax"/>); itself when it does not move.</summary>
    public IndexDeclaration WithSyntax(Func<SyntaxReference, SyntaxReference> map) =>
        Syntax is null || map(Syntax) is var moved && moved == Syntax
            ? this
            : new IndexDeclaration(Properties, moved, IsAttribute, IndexName, DatabaseName, IsUnique, Descending, IsSpecialized);

    /// <summary>Whether both are the same attribute or call (one declaration reaches a TPH root both directly and through a derived type).</summary>
    public bool IsSameSiteAs(IndexDeclaration other) =>
        ReferenceEquals(this, other)
        || (Syntax is { } mine && other.Syntax is { } theirs && mine.SyntaxTree == theirs.SyntaxTree && mine.Span == theirs.Span);
}
