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
/// <param name="Kind">How the entity is configured there.</param>
/// <param name="Syntax">The method declaration, lambda, statement or class declaration the fix edits.</param>
/// <param name="Owner">The type whose code holds the site: a DbContext, a configuration class or a helper.</param>
internal sealed record ConfigurationSite(ConfigurationSiteKind Kind, SyntaxReference Syntax, INamedTypeSymbol? Owner);
