using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Entities;

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
/// One index, key or foreign-key index of an entity, by property names in column order. <see cref="Syntax"/> is
/// the <c>HasIndex</c> call or the <c>[Index]</c> attribute for explicit indexes.
/// </summary>
internal sealed class IndexDefinition
{
    public IndexDefinition(
        ImmutableArray<string> properties,
        IndexOrigin origin,
        SyntaxReference? syntax = null,
        ImmutableArray<bool> descending = default,
        bool isUnique = false,
        string? name = null,
        bool isSpecialized = false)
    {
        Properties = properties;
        Origin = origin;
        Syntax = syntax;
        Descending = descending.IsDefault ? ImmutableArray<bool>.Empty : descending;
        IsUnique = isUnique || origin is IndexOrigin.PrimaryKey or IndexOrigin.AlternateKey;
        Name = name;
        IsSpecialized = isSpecialized;
    }

    public ImmutableArray<string> Properties { get; }

    public IndexOrigin Origin { get; }

    public SyntaxReference? Syntax { get; }

    /// <summary>Per column, whether it is descending. Empty: every column ascending.</summary>
    public ImmutableArray<bool> Descending { get; }

    public bool IsUnique { get; }

    /// <summary>The database name given with <c>HasDatabaseName</c> or <c>[Index(Name = …)]</c>.</summary>
    public string? Name { get; }

    /// <summary>A partial (<c>HasFilter</c>), non-btree (<c>HasMethod</c>) or covering (<c>IncludeProperties</c>) index: not interchangeable with a plain one.</summary>
    public bool IsSpecialized { get; }

    public bool IsExplicit => Origin == IndexOrigin.Explicit;

    public bool IsDescendingAt(int column) => column < Descending.Length && Descending[column];

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
