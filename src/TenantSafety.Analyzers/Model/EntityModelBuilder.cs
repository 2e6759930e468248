using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Builds the <see cref="EntityModel"/> of a compilation the way EF Core builds its model: entities from DbSet
/// properties, <c>Entity&lt;T&gt;()</c> calls, <c>IEntityTypeConfiguration&lt;T&gt;</c> classes and navigations; mapping
/// attributes first, then the fluent API, then EF Core's conventions (the <c>Id</c> key, foreign keys from
/// navigations, one index per foreign key not already covered, TPH tables shared with the base entity).
/// Only the bodies of model-configuring types are bound.
/// </summary>
internal static class EntityModelBuilder
{
    public static EntityModel Build(
        EfSymbols ef,
        ImmutableArray<INamedTypeSymbol> configuringTypes,
        SemanticModelCache models,
        EntityDeclarations declarations,
        CancellationToken cancellationToken,
        Action<SyntaxReference, ConfigurationFacts<ModelRegistry>>? onFacts = null,
        Action<SharedWork>? shareBodies = null)
    {
        var types = declarations.Types;
        var registry = new ModelRegistry { UsesSnakeCaseNaming = ef.SnakeCaseExtensions is not null };
        var contexts = configuringTypes.Where(type => ef.IsDbContext(type) && !type.IsAbstract).ToList();

        foreach (var context in contexts)
        {
            ReadDbSets(context, ef, types, registry);
        }

        foreach (var type in configuringTypes)
        {
            ReadEntityTypeConfigurations(type, ef, registry);
        }

        // The fluent configuration, body by body: bound and read once per syntax tree, replayed into this compilation.
        // Bodies are bound in parallel, by this thread and by every thread that would otherwise wait for the model
        // (shareBodies hands them the work), and replayed in their order.
        var bodies = ConfigurationBodies.Of(configuringTypes, cancellationToken);
        var read = new ConfigurationFacts<ModelRegistry>?[bodies.Count];
        var reading = new SharedWork(bodies.Count, i =>
        {
            var reference = bodies[i];
            if (models.ForConfiguration(reference.SyntaxTree) is { } model)
            {
                read[i] = ConfigurationFactCache<ModelRegistry>.GetOrRead(reference, string.Empty, types, () => ReadBody(reference, model, ef, types, cancellationToken));
            }
        });
        shareBodies?.Invoke(reading);
        reading.Run(cancellationToken);
        for (var i = 0; i < bodies.Count; i++)
        {
            if (read[i] is { } facts)
            {
                facts.ReplayInto(registry, types);
                onFacts?.Invoke(bodies[i], facts);
            }
        }

        var relationships = new List<(ITypeSymbol Dependent, ITypeSymbol Principal, string? Navigation)>(registry.ConventionalRelationships);
        new AttributeAndNavigationReader(declarations, registry, relationships).Read(contexts.Count == 1 ? contexts[0] : null);
        EntityConventions.Apply(registry, declarations, relationships);
        AddContextSites(registry, cancellationToken);

        foreach (var ignored in registry.Ignored)
        {
            registry.Entities.Remove(ignored);
        }

        MarkUnreadModelHelpers(registry);

        return new EntityModel(registry.Entities, registry.UsesSnakeCaseNaming, declarations.Types.Assembly);
    }

    /// <summary>
    /// Marks the entities a method of another project may configure: those of the DbContext that hands it the
    /// <c>ModelBuilder</c> (or of a context derived from it); every entity when a helper or configuration class does, or the
    /// entity's context is not known.
    /// </summary>
    private static void MarkUnreadModelHelpers(ModelRegistry registry)
    {
        foreach (var (context, helper) in registry.UnreadModelHelpers)
        {
            foreach (var entity in registry.Entities.Values)
            {
                if (context is null || entity.Contexts.Count == 0 || entity.Contexts.Any(c => c.SelfOrBaseOfDefinition(context) is not null))
                {
                    entity.AddUnreadModelHelper(helper);
                }
            }
        }
    }

    /// <summary>What one body configures; nothing for a DbSet property's accessor (<c>=&gt; Set&lt;T&gt;()</c>), bound 500 times at 4× otherwise.</summary>
    private static ConfigurationFacts<ModelRegistry> ReadBody(SyntaxReference reference, SemanticModel model, EfSymbols ef, TypeResolver types, CancellationToken cancellationToken)
    {
        var declaration = reference.GetSyntax(cancellationToken);
        var method = ConfigurationBodies.MethodOf(declaration, model, cancellationToken);
        if (method is null || (method.AssociatedSymbol is IPropertySymbol property && ef.IsDbSet(property.Type, out _)))
        {
            var nothing = new ConfigurationFacts<ModelRegistry>(types);
            if (method is null)
            {
                nothing.MarkNotReusable();
            }

            return nothing;
        }

        return new FluentConfigurationReader(ef, types).ReadBody(method, declaration, model, cancellationToken);
    }

    private static void ReadDbSets(INamedTypeSymbol context, EfSymbols ef, TypeResolver types, ModelRegistry registry)
    {
        // Listing a large context's DbSets completes all its members: the list is kept for the next compilation.
        var declaration = DeclarationFactCache<ContextDeclaration>.GetOrRead(context, types, () => ContextDeclaration.Read(context, ef, types));
        if (declaration.IsReusable)
        {
            foreach (var (name, entity) in declaration.DbSets)
            {
                if (types.Resolve(entity) is { } entityType)
                {
                    registry.GetOrAdd(entityType).AddDbSet(name, context);
                }
            }

            return;
        }

        // A DbSet of a type that did not bind: read from the symbols, as the declaration cannot name it.
        foreach (var (property, entity) in ContextDeclaration.DbSetsOf(context, ef))
        {
            registry.GetOrAdd(entity).AddDbSet(property.Name, context);
        }
    }

    private static void ReadEntityTypeConfigurations(INamedTypeSymbol type, EfSymbols ef, ModelRegistry registry)
    {
        if (type.IsAbstract)
        {
            return;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (!implemented.IsDefinitionOf(ef.EntityTypeConfigurationOfT) || implemented.TypeArguments[0] is not INamedTypeSymbol entityType)
            {
                continue;
            }

            var entity = registry.GetOrAdd(entityType);
            var configure = FindConfigureMethod(type, implemented);
            if (configure?.DeclaringSyntaxReferences.FirstOrDefault() is { } reference)
            {
                entity.AddSite(new ConfigurationSite(ConfigurationSiteKind.EntityTypeConfiguration, reference, type));
            }
        }
    }

    private static IMethodSymbol? FindConfigureMethod(INamedTypeSymbol type, INamedTypeSymbol configurationInterface)
    {
        var interfaceMethod = configurationInterface.GetMembers("Configure").OfType<IMethodSymbol>().FirstOrDefault();
        return interfaceMethod is null ? null : type.FindImplementationForInterfaceMember(interfaceMethod) as IMethodSymbol;
    }

    /// <summary>Each context that maps an entity is a fallback place for model fixes: its OnModelCreating, or the class itself.</summary>
    private static void AddContextSites(ModelRegistry registry, CancellationToken cancellationToken)
    {
        foreach (var entity in registry.Entities.Values)
        {
            foreach (var context in entity.Contexts)
            {
                var onModelCreating = context.GetMembers("OnModelCreating").OfType<IMethodSymbol>()
                    .FirstOrDefault(m => m.IsOverride && m.DeclaringSyntaxReferences.Length > 0);
                if (onModelCreating is not null)
                {
                    entity.AddSite(new ConfigurationSite(ConfigurationSiteKind.OnModelCreating, onModelCreating.DeclaringSyntaxReferences[0], context));
                    continue;
                }

                // The partial declaration that lists the DbSet, else the first one.
                var declaration = context.DeclaringSyntaxReferences
                    .FirstOrDefault(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d
                        && d.Members.OfType<PropertyDeclarationSyntax>().Any(p => entity.DbSetNames.Contains(p.Identifier.ValueText)))
                    ?? context.DeclaringSyntaxReferences.FirstOrDefault();
                if (declaration is not null)
                {
                    entity.AddSite(new ConfigurationSite(ConfigurationSiteKind.ContextClass, declaration, context));
                }
            }
        }
    }
}
