using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.Model;

/// <summary>Where an index (or key) of the model comes from. Only <see cref="Explicit"/> ones can be redundant (TSA2004).</summary>
internal enum IndexOrigin
{
    /// <summary><c>HasIndex(…)</c> or <c>[Index(…)]</c>: written by the user.</summary>
    Explicit,

    /// <summary>A primary key (<c>HasKey</c>, <c>[Key]</c>, <c>[PrimaryKey]</c> or the <c>Id</c> convention).</summary>
    PrimaryKey,

    /// <summary><c>HasAlternateKey(…)</c>: a unique constraint.</summary>
    AlternateKey,

    /// <summary>EF Core's foreign-key index convention: created for an FK unless a key or index already starts with its columns.</summary>
    ForeignKeyConvention,
}

/// <summary>
/// One index, key or foreign-key index of an entity, by property names in column order, as EF Core's model holds
/// it. An explicit index remembers every <see cref="Declarations">declaration</see> EF Core merges into it (an
/// <c>[Index]</c> attribute and <c>HasIndex</c> calls on the same columns); its settings are what the last fluent
/// call says, else the attribute. <see cref="Syntax"/> is the declaration of a key.
/// </summary>
internal sealed class IndexDefinition
{
    /// <summary>A key or an index of EF Core's foreign-key convention; explicit indexes come from <see cref="Declared"/>.</summary>
    public IndexDefinition(
        ImmutableArray<string> properties,
        IndexOrigin origin,
        SyntaxReference? syntax = null,
        ImmutableArray<bool> descending = default,
        bool isUnique = false,
        string? name = null,
        bool isSpecialized = false)
        : this(properties, origin, syntax, descending, isUnique, name, isSpecialized, indexName: null, ImmutableArray<IndexDeclaration>.Empty)
    {
    }

    private IndexDefinition(
        ImmutableArray<string> properties,
        IndexOrigin origin,
        SyntaxReference? syntax,
        ImmutableArray<bool> descending,
        bool isUnique,
        string? name,
        bool isSpecialized,
        string? indexName,
        ImmutableArray<IndexDeclaration> declarations)
    {
        Properties = properties;
        Origin = origin;
        Syntax = syntax;
        Descending = descending.IsDefault ? ImmutableArray<bool>.Empty : descending;
        IsUnique = isUnique || origin is IndexOrigin.PrimaryKey or IndexOrigin.AlternateKey;
        Name = name;
        IsSpecialized = isSpecialized;
        IndexName = indexName;
        Declarations = declarations;
    }

    /// <summary>The explicit index one declaration makes.</summary>
    public static IndexDefinition Declared(IndexDeclaration declaration) => Merge(ImmutableArray.Create(declaration));

    /// <summary>
    /// The index EF Core builds from declarations of one index: attributes first (data annotations), then fluent
    /// calls in the order read, each setting it configures overriding what came before.
    /// </summary>
    private static IndexDefinition Merge(ImmutableArray<IndexDeclaration> declarations)
    {
        var ordered = declarations.Where(d => d.IsAttribute).Concat(declarations.Where(d => !d.IsAttribute)).ToImmutableArray();
        var last = ordered[ordered.Length - 1];
        var databaseName = ordered.Select(d => d.DatabaseName).LastOrDefault(n => n is not null) ?? last.IndexName;
        var isUnique = ordered.Select(d => d.IsUnique).LastOrDefault(u => u.HasValue) ?? false;
        var descending = ordered.Select(d => d.Descending).LastOrDefault(d => d.HasValue) ?? ImmutableArray<bool>.Empty;
        return new IndexDefinition(
            last.Properties,
            IndexOrigin.Explicit,
            syntax: null,
            descending,
            isUnique,
            databaseName,
            ordered.Any(d => d.IsSpecialized),
            last.IndexName,
            ordered);
    }

    /// <summary>The same index with its syntax references mapped (into the edited trees of a later compilation); itself when none moves.</summary>
    public IndexDefinition WithSyntax(Func<SyntaxReference, SyntaxReference> map)
    {
        var syntax = Syntax is null ? null : map(Syntax);
        var declarations = Declarations.Select(declaration => declaration.WithSyntax(map)).ToImmutableArray();
        return syntax == Syntax && declarations.SequenceEqual(Declarations)
            ? this
            : new IndexDefinition(Properties, Origin, syntax, Descending, IsUnique, Name, IsSpecialized, IndexName, declarations);
    }

    /// <summary>Whether EF Core would configure this index, not add another, for <paramref name="other"/>'s declarations.</summary>
    public bool IsSameIndexAs(IndexDefinition other) =>
        !Declarations.IsEmpty && !other.Declarations.IsEmpty && Declarations[0].IsSameIndexAs(other.Declarations[0]);

    /// <summary>This index configured by <paramref name="other"/>'s declarations too (see <see cref="IsSameIndexAs"/>).</summary>
    public IndexDefinition MergedWith(IndexDefinition other)
    {
        var added = other.Declarations.Where(d => !Declarations.Any(d.IsSameSiteAs)).ToList();
        return added.Count == 0 ? this : Merge(Declarations.AddRange(added));
    }

    public ImmutableArray<string> Properties { get; }

    public IndexOrigin Origin { get; }

    /// <summary>The <c>HasKey</c> call or key attribute of a configured key; null otherwise.</summary>
    public SyntaxReference? Syntax { get; }

    /// <summary>Per column, whether it is descending. Empty: every column ascending.</summary>
    public ImmutableArray<bool> Descending { get; }

    public bool IsUnique { get; }

    /// <summary>The database name: the last <c>HasDatabaseName</c>, else the name of a named index; null when EF Core derives it.</summary>
    public string? Name { get; }

    /// <summary>The name that identifies a named explicit index (<c>HasIndex(…, "name")</c>, <c>[Index(…, Name = "name")]</c>); null for an unnamed one.</summary>
    public string? IndexName { get; }

    /// <summary>The attributes and <c>HasIndex</c> calls that declare an explicit index, attributes first; empty for keys and convention indexes.</summary>
    public ImmutableArray<IndexDeclaration> Declarations { get; }

    /// <summary>A partial (<c>HasFilter</c>), non-btree (<c>HasMethod</c>) or covering (<c>IncludeProperties</c>) index: not interchangeable with a plain one.</summary>
    public bool IsSpecialized { get; }

    public bool IsExplicit => Origin == IndexOrigin.Explicit;

    public bool IsDescendingAt(int column) => column < Descending.Length && Descending[column];

    /// <summary>The columns, directions and uniqueness, as fixes and the redundancy test compare them.</summary>
    public IndexShape Shape => new(Properties, Properties.Select((_, i) => IsDescendingAt(i)).ToImmutableArray(), IsUnique);

    /// <summary>Whether this index's leading column is <paramref name="property"/>.</summary>
    public bool StartsWith(string property) =>
        Properties.Length > 0 && string.Equals(Properties[0], property, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="prefix"/> is a leading prefix of this index's columns.</summary>
    public bool StartsWith(ImmutableArray<string> prefix) =>
        prefix.Length <= Properties.Length
        && prefix.Select((p, i) => string.Equals(p, Properties[i], StringComparison.Ordinal)).All(same => same);

    public override string ToString() =>
        $"{Origin}({string.Join(", ", Properties.Select((p, i) => IsDescendingAt(i) ? p + " DESC" : p))}){(IsUnique ? " unique" : string.Empty)}";
}
