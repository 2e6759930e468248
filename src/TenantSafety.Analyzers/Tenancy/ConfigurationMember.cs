using System;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A configuring member by name, independent of any compilation: <c>AppDbContext.OnModelCreating</c>,
/// <c>InvoiceConfiguration.Configure</c>, a model-building helper. Overloads share a key, a partial class's parts too.
/// </summary>
internal readonly struct ConfigurationMember : IEquatable<ConfigurationMember>
{
    public ConfigurationMember(TypeReference type, string member)
    {
        Type = type;
        Member = member;
    }

    public TypeReference Type { get; }

    public string Member { get; }

    public bool Equals(ConfigurationMember other) => Type.Equals(other.Type) && Member == other.Member;

    public override bool Equals(object? obj) => obj is ConfigurationMember other && Equals(other);

    public override int GetHashCode() => (Type.GetHashCode() * 397) ^ Member.GetHashCode();

    /// <summary><c>InvoiceConfiguration.Configure</c>: the type's own name, for messages.</summary>
    public string DisplayName
    {
        get
        {
            var name = Type.MetadataName;
            name = name.Substring(name.LastIndexOfAny(new[] { '.', '+' }) + 1);
            var arity = name.IndexOf('`');
            return (arity < 0 ? name : name.Substring(0, arity)) + "." + Member;
        }
    }

    public override string ToString() => Type + "." + Member;
}
