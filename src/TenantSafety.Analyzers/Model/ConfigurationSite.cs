using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>How an entity is configured, in the order a model fix prefers to edit it: the place that already says most about the entity first.</summary>
internal enum ConfigurationSiteKind
{
    /// <summary>The <c>Configure(EntityTypeBuilder&lt;T&gt;)</c> method of its <c>IEntityTypeConfiguration&lt;T&gt;</c>.</summary>
    EntityTypeConfiguration = 0,

    /// <summary>A <c>modelBuilder.Entity&lt;T&gt;(b =&gt; …)</c> lambda.</summary>
    EntityLambda = 1,

    /// <summary>A statement of <c>OnModelCreating</c> that chains on <c>modelBuilder.Entity&lt;T&gt;()</c>.</summary>
    ModelStatement = 2,

    /// <summary>The context's <c>OnModelCreating</c> override, which does not mention the entity yet.</summary>
    OnModelCreating = 3,

    /// <summary>The context class, which has no <c>OnModelCreating</c> override yet.</summary>
    ContextClass = 4,
}

/// <summary>A place a model fix can add configuration for an entity: the node to edit and how.</summary>
internal sealed class ConfigurationSite
{
    public ConfigurationSite(ConfigurationSiteKind kind, SyntaxReference syntax, INamedTypeSymbol? owner)
    {
        Kind = kind;
        Syntax = syntax;
        Owner = owner;
    }

    /// <summary>The type whose code holds the site: a DbContext, a configuration class or a helper.</summary>
    public INamedTypeSymbol? Owner { get; }

    public ConfigurationSiteKind Kind { get; }

    /// <summary>The method declaration, lambda, statement or class declaration the fix edits.</summary>
    public SyntaxReference Syntax { get; }
}
