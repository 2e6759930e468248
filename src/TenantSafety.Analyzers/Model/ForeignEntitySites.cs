using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Where this project maps the entities declared in other assemblies — the Domain project of a Clean Architecture
/// layout, which does not reference EF Core — so that the rules reported at an entity's class name (TSA2001, TSA1007)
/// can report them in the project that configures them rather than nowhere: at the entity's
/// <c>IEntityTypeConfiguration&lt;T&gt;</c> class, else its <c>DbSet</c> property, else its <c>Entity&lt;T&gt;()</c> call,
/// else (an entity EF Core reaches through another's navigation) the name of the context that maps it.
/// Keyed by the type that holds that place, whose symbol action reports there (live in the IDE).
/// </summary>
internal sealed class ForeignEntitySites
{
    private static readonly IReadOnlyList<ForeignEntitySite> s_none = ImmutableArray<ForeignEntitySite>.Empty;

    private readonly Dictionary<INamedTypeSymbol, List<ForeignEntitySite>> _byOwner;

    private ForeignEntitySites(Dictionary<INamedTypeSymbol, List<ForeignEntitySite>> byOwner) => _byOwner = byOwner;

    /// <summary>The foreign entities reported in <paramref name="owner"/>'s code, in model order.</summary>
    public IReadOnlyList<ForeignEntitySite> In(INamedTypeSymbol owner) =>
        _byOwner.TryGetValue(owner, out var sites) ? sites : s_none;

    public static ForeignEntitySites Build(Compilation compilation, EntityModel model, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var byOwner = new Dictionary<INamedTypeSymbol, List<ForeignEntitySite>>(SymbolEqualityComparer.Default);
        foreach (var entity in model.Entities)
        {
            if (entity.IsDeclaredInCompilation
                || SiteOf(entity, compilation, symbols, cancellationToken) is not { } site)
            {
                continue;
            }

            if (!byOwner.TryGetValue(site.Owner, out var sites))
            {
                byOwner.Add(site.Owner, sites = new List<ForeignEntitySite>());
            }

            sites.Add(new ForeignEntitySite(entity.Type, site.Location));
        }

        return new ForeignEntitySites(byOwner);
    }

    private static (INamedTypeSymbol Owner, Location Location)? SiteOf(EntityInfo entity, Compilation compilation, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var sites = entity.Sites.Where(s => s.Owner is not null && compilation.ContainsSyntaxTree(s.Syntax.SyntaxTree)).OrderBy(s => s.Kind).ToList();

        // Its configuration class, where the model fix edits: reported at the class name.
        foreach (var site in sites.Where(s => s.Kind == ConfigurationSiteKind.EntityTypeConfiguration))
        {
            if (site.Syntax.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } configuration)
            {
                return (site.Owner!, configuration.Identifier.GetLocation());
            }
        }

        // The DbSet property of a context of this project.
        foreach (var context in entity.Contexts.Where(c => SymbolEqualityComparer.Default.Equals(c.ContainingAssembly, compilation.Assembly)))
        {
            if (DbSetOf(context, entity.Type, symbols) is { } property && property.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                return (property.ContainingType, location);
            }
        }

        // Its Entity<T>() block or statement: reported at that call's name.
        foreach (var site in sites.Where(s => s.Kind is ConfigurationSiteKind.EntityLambda or ConfigurationSiteKind.ModelStatement))
        {
            if (EntityCallName(site.Syntax.GetSyntax(cancellationToken)) is { } name)
            {
                return (site.Owner!, name.GetLocation());
            }
        }

        // Nothing here names it (EF Core reaches it through a navigation of another entity): the context that maps it.
        foreach (var site in sites.Where(s => s.Kind is ConfigurationSiteKind.OnModelCreating or ConfigurationSiteKind.ContextClass))
        {
            if (site.Syntax.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } context)
            {
                return (site.Owner!, context.Identifier.GetLocation());
            }
        }

        return null;
    }

    /// <summary>The <c>DbSet&lt;T&gt;</c> property of <paramref name="context"/> or of its base contexts in the same assembly.</summary>
    private static IPropertySymbol? DbSetOf(INamedTypeSymbol context, INamedTypeSymbol entityType, EfSymbols symbols)
    {
        for (var type = context; type is not null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, context.ContainingAssembly); type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && symbols.IsDbSet(property.Type, out var mapped) && SymbolEqualityComparer.Default.Equals(mapped, entityType))
                {
                    return property;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>Entity&lt;T&gt;</c> name of the call a <c>b =&gt; …</c> block is passed to, or of the call a statement chains on
    /// (<c>modelBuilder.Entity&lt;T&gt;().HasIndex(…)</c>, <c>var b = modelBuilder.Entity&lt;T&gt;();</c>): the receiver chain's root.
    /// </summary>
    private static SimpleNameSyntax? EntityCallName(SyntaxNode site)
    {
        var expression = site switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.Parent?.Parent?.Parent as ExpressionSyntax,
            ExpressionStatementSyntax statement => statement.Expression,
            LocalDeclarationStatementSyntax local => local.Declaration.Variables.FirstOrDefault()?.Initializer?.Value,
            _ => site as ExpressionSyntax,
        };
        while (expression is not null)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Entity" } name } }:
                    return name;
                case InvocationExpressionSyntax call:
                    expression = (call.Expression as MemberAccessExpressionSyntax)?.Expression;
                    break;
                case MemberAccessExpressionSyntax access:
                    expression = access.Expression;
                    break;
                case AssignmentExpressionSyntax assignment:
                    expression = assignment.Right;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }
}

/// <summary>An entity of another assembly and where this project reports it.</summary>
/// <param name="EntityType">The entity's type (metadata, or another project's source in the IDE).</param>
/// <param name="Location">Its configuration class name, <c>DbSet</c> property or <c>Entity&lt;T&gt;</c> call.</param>
internal sealed record ForeignEntitySite(INamedTypeSymbol EntityType, Location Location);
