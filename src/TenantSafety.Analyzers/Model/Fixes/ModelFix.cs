using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>Where a fix writes an index: a fluent <c>HasIndex</c> call, or an <c>[Index]</c> attribute on the entity class.</summary>
internal enum IndexPlacement
{
    Fluent,
    Attribute,
}

/// <summary>The query filters a fix can add.</summary>
internal enum QueryFilterKind
{
    /// <summary><c>HasQueryFilter(e =&gt; e.TeamId == currentTenant)</c>.</summary>
    TenantEquals,
}

/// <summary>An explicit index of the model that an added index may replace rather than make redundant: its columns and its one declaration.</summary>
internal sealed class ExistingIndex(IndexShape shape, Location declaration, bool isAttribute)
{
    public IndexShape Shape { get; } = shape;

    /// <summary>The <c>HasIndex</c> invocation or the <c>[Index]</c> attribute.</summary>
    public Location Declaration { get; } = declaration;

    public bool IsAttribute { get; } = isAttribute;
}

/// <summary>
/// What a model rule (TSA2001, TSA2002, TSA2003, TSA1007) tells its fix and the report: the entity, the change to make
/// (an index, a relationship, a query filter) as data, and where the entity is configured. Written into and read
/// from a diagnostic by <see cref="ModelFixProperties"/>; turned into code by <see cref="ModelFixRenderer"/>.
/// </summary>
internal sealed class ModelFix(
    string entity,
    string entityType,
    TenantKeyReference? tenantKey = null,
    ConfigurationSiteKind? siteKind = null,
    Location? site = null,
    Location? entityDeclaration = null,
    IndexShape? index = null,
    IndexPlacement placement = IndexPlacement.Fluent,
    ImmutableArray<ExistingIndex> replaceable = default,
    string? relationshipPrincipal = null,
    QueryFilterKind? queryFilter = null)
{
    /// <summary>The entity class as C# code names it (<c>Lead</c>), for <c>Entity&lt;Lead&gt;()</c>.</summary>
    public string Entity { get; } = entity;

    /// <summary>The entity's fully qualified name (<c>Outreach.Model.Lead</c>), for tools that look the entity up.</summary>
    public string EntityType { get; } = entityType;

    public TenantKeyReference? TenantKey { get; } = tenantKey;

    /// <summary>How the entity is configured at <see cref="Site"/>; null when it is configured nowhere a fix can edit.</summary>
    public ConfigurationSiteKind? SiteKind { get; } = site is null ? null : siteKind;

    /// <summary>The configuration method, lambda, statement or class a fluent fix edits.</summary>
    public Location? Site { get; } = siteKind is null ? null : site;

    /// <summary>The entity's class declaration, where an <c>[Index]</c> goes.</summary>
    public Location? EntityDeclaration { get; } = entityDeclaration;

    /// <summary>The index to add (TSA2001, TSA2002, TSA2003), or null.</summary>
    public IndexShape? Index { get; } = index;

    public IndexPlacement Placement { get; } = placement;

    /// <summary>Explicit plain indexes the added one would make redundant: the fix widens one of them instead of adding another.</summary>
    public ImmutableArray<ExistingIndex> Replaceable { get; } = replaceable.IsDefault ? ImmutableArray<ExistingIndex>.Empty : replaceable;

    /// <summary>TSA2003's second fix: the principal of <c>HasOne&lt;Principal&gt;().WithMany().HasForeignKey(…)</c> on the index's column.</summary>
    public string? RelationshipPrincipal { get; } = relationshipPrincipal;

    public QueryFilterKind? QueryFilter { get; } = queryFilter;

    /// <summary>The index fix can be written: fluently where the entity is configured, or as an attribute on its class.</summary>
    public bool CanAddIndex => Index is not null && (Placement == IndexPlacement.Attribute ? EntityDeclaration is not null : Site is not null);

    public bool CanAddRelationship => RelationshipPrincipal is not null && Index is not null && Site is not null;

    public bool CanAddQueryFilter => QueryFilter is not null && TenantKey is not null && Site is not null;

    /// <summary>
    /// The index fix for <paramref name="entity"/>: written where <see cref="PlacementOf"/> says, with the indexes of
    /// <paramref name="existing"/> it would make redundant and a fix can rewrite (the fix widens one of them instead).
    /// </summary>
    public static ModelFix AddIndex(EntityInfo entity, IndexShape index, TenantKeyReference? tenantKey, IEnumerable<IndexDefinition>? existing = null, string? relationshipPrincipal = null)
    {
        // An [Index] of an entity of another project is in that project's source, which a diagnostic here cannot point to.
        var replaceable = (existing ?? Enumerable.Empty<IndexDefinition>()).Select(AsReplaceable).OfType<ExistingIndex>()
            .Where(r => index.Covers(r.Shape) && (entity.IsDeclaredInCompilation || !r.IsAttribute))
            .ToImmutableArray();
        return For(entity, entity.PreferredSite, tenantKey, index, PlacementOf(entity), replaceable, relationshipPrincipal, queryFilter: null);
    }

    /// <summary>TSA1007's fix: a tenant query filter, written at <paramref name="site"/> (inside a DbContext, where the current tenant is in scope).</summary>
    public static ModelFix AddQueryFilter(EntityInfo entity, TenantKeyReference tenantKey, ConfigurationSite? site) =>
        For(entity, site, tenantKey, index: null, IndexPlacement.Fluent, replaceable: default, relationshipPrincipal: null, QueryFilterKind.TenantEquals);

    /// <summary>A fix for <paramref name="entity"/>, named as the fix and the report name it, configured at <paramref name="site"/>.</summary>
    private static ModelFix For(EntityInfo entity, ConfigurationSite? site, TenantKeyReference? tenantKey, IndexShape? index, IndexPlacement placement, ImmutableArray<ExistingIndex> replaceable, string? relationshipPrincipal, QueryFilterKind? queryFilter) =>
        new(NameOf(entity), entity.Type.ToDisplayString(), tenantKey, site?.Kind, site?.Syntax.GetSyntax().GetLocation(), DeclarationOf(entity), index, placement, replaceable, relationshipPrincipal, queryFilter);

    /// <summary>
    /// Where an index of <paramref name="entity"/> goes: fluently where the entity has configuration of its own (its
    /// <c>IEntityTypeConfiguration&lt;T&gt;</c>, its <c>Entity&lt;T&gt;(…)</c> block, a statement on <c>Entity&lt;T&gt;()</c>);
    /// as an <c>[Index]</c> when it is mapped by attributes alone; else in <c>OnModelCreating</c>.
    /// </summary>
    public static IndexPlacement PlacementOf(EntityInfo entity)
    {
        var site = entity.PreferredSite;
        if (site is { Kind: ConfigurationSiteKind.EntityTypeConfiguration or ConfigurationSiteKind.EntityLambda or ConfigurationSiteKind.ModelStatement })
        {
            return IndexPlacement.Fluent;
        }

        return DeclarationOf(entity) is not null && (site is null || IsMappedByAttributes(entity.Type)) ? IndexPlacement.Attribute : IndexPlacement.Fluent;
    }

    /// <summary>The class or one of its properties carries a mapping attribute (data annotations or EF Core's own: <c>[Table]</c>, <c>[Index]</c>, <c>[Key]</c>, <c>[Column]</c>, …).</summary>
    private static bool IsMappedByAttributes(INamedTypeSymbol type) =>
        type.GetAttributes().Any(IsMappingAttribute)
        || type.GetMembers().OfType<IPropertySymbol>().Any(p => p.GetAttributes().Any(IsMappingAttribute));

    private static bool IsMappingAttribute(AttributeData attribute) =>
        attribute.AttributeClass?.ContainingNamespace?.ToDisplayString() is "System.ComponentModel.DataAnnotations" or "System.ComponentModel.DataAnnotations.Schema" or "Microsoft.EntityFrameworkCore";

    private static string NameOf(EntityInfo entity) => entity.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>The entity's class, where an <c>[Index]</c> goes; none for an entity of another project, which a diagnostic here cannot point to.</summary>
    private static Location? DeclarationOf(EntityInfo entity) => entity.IsDeclaredInCompilation ? entity.Type.Locations.FirstOrDefault(l => l.IsInSource) : null;

    /// <summary>
    /// An explicit, plain index with one declaration a fix can rewrite: not unique, partial, covering or descending,
    /// its columns written as a lambda or as names (<c>HasIndex(e =&gt; e.TeamId)</c>, <c>HasIndex("TeamId")</c>,
    /// <c>[Index(nameof(TeamId), Name = "…")]</c>).
    /// </summary>
    private static ExistingIndex? AsReplaceable(IndexDefinition index)
    {
        if (!index.IsExplicit || index.IsUnique || index.IsSpecialized || index.Declarations.Length != 1
            || index.Declarations[0] is not { Syntax: { } reference, Descending: null, IsUnique: null } declaration)
        {
            return null;
        }

        var syntax = reference.GetSyntax();
        var rewritable = syntax switch
        {
            InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } =>
                arguments[0].Expression is LambdaExpressionSyntax || arguments.All(a => a.Expression.IsKind(SyntaxKind.StringLiteralExpression)),
            AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } =>
                arguments.All(a => a.NameEquals is null ? IsPropertyName(a.Expression) : a.NameEquals.Name.Identifier.ValueText == "Name"),
            _ => false,
        };
        return rewritable ? new ExistingIndex(new IndexShape(index.Properties), syntax.GetLocation(), declaration.IsAttribute) : null;
    }

    /// <summary><c>"TeamId"</c> or <c>nameof(TeamId)</c>.</summary>
    private static bool IsPropertyName(ExpressionSyntax expression) =>
        expression.IsKind(SyntaxKind.StringLiteralExpression)
        || expression.NameOfArgument() is not null;
}
