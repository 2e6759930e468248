using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// What the model reads of one entity class's own declaration, without symbols: its mapping attributes class by class,
/// its mapped properties with their attributes and the entities they lead to, and the property names EF Core's key
/// and foreign-key conventions look for. Reading it completes the class's members and binds their attributes and
/// types, the most expensive step of building a model; a declaration is therefore kept per syntax tree and reused in
/// the next compilation while every type it depends on keeps its shape (<see cref="DeclarationFactCache{TFacts}"/>),
/// so an edit to one entity file reads that entity again, not all of them.
/// </summary>
/// <param name="Name">The class's simple name, which the conventions combine into key names (<c>LeadId</c>).</param>
/// <param name="Levels">The class and its base classes, most derived first, each with the mapping attributes declared on it.</param>
/// <param name="Properties">The properties EF Core maps (<see cref="MappedProperties.Of"/>), in declaration order.</param>
/// <param name="InstancePropertyNames">The names <see cref="SymbolExtensions.FindInstanceProperty(ITypeSymbol, string)"/> finds: instance properties of the class, its bases and interfaces.</param>
/// <param name="KeyCandidates">The non-static properties of the class and its base classes, most derived first: where EF Core looks for the key.</param>
/// <param name="OwnPropertyNames">The names of the properties declared on the class itself, static ones included, in declaration order.</param>
/// <param name="Dependencies">Every type the reading depended on, with its shape.</param>
/// <param name="IsReusable">False when an attribute or a property type did not bind, or a class cannot be named.</param>
internal sealed record EntityDeclaration(
    string Name,
    ImmutableArray<(TypeReference? Class, ImmutableArray<EntityTypeAttribute> Attributes)> Levels,
    ImmutableArray<EntityPropertyDeclaration> Properties,
    ImmutableHashSet<string> InstancePropertyNames,
    ImmutableArray<string> KeyCandidates,
    ImmutableArray<string> OwnPropertyNames,
    IReadOnlyDictionary<TypeReference, DeclarationShape> Dependencies,
    bool IsReusable) : IDeclarationFacts
{
    /// <summary>The first key candidate named <paramref name="name"/> in any case (EF Core's key discovery).</summary>
    public string? KeyCandidateNamed(string name) =>
        KeyCandidates.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the declaration of <paramref name="type"/> from its symbols; the caller decides whether to keep it.</summary>
    public static EntityDeclaration Read(INamedTypeSymbol type, EfSymbols symbols, TypeResolver types)
    {
        var dependencies = new DependencyRecorder(types);
        dependencies.Depend(type);

        var levels = ImmutableArray.CreateBuilder<(TypeReference? Class, ImmutableArray<EntityTypeAttribute> Attributes)>();
        foreach (var level in type.SelfAndBaseClasses())
        {
            var attributes = level.GetAttributes();
            if (attributes.Any(AttributeArguments.HasErrors))
            {
                dependencies.MarkIncomplete();
            }

            levels.Add((TypeReference.From(level), attributes.Select(a => EntityTypeAttribute.Read(a, symbols)).OfType<EntityTypeAttribute>().ToImmutableArray()));
        }

        var properties = ImmutableArray.CreateBuilder<EntityPropertyDeclaration>();
        foreach (var property in MappedProperties.Of(type, symbols.NotMappedAttribute))
        {
            dependencies.Depend(property.Type);
            if (property.GetAttributes().Any(AttributeArguments.HasErrors))
            {
                dependencies.MarkIncomplete();
            }

            properties.Add(EntityPropertyDeclaration.Read(property, symbols));
        }

        var instanceProperties = type.SelfAndBaseClasses().Concat(type.AllInterfaces)
            .SelectMany(level => level.GetMembers())
            .OfType<IPropertySymbol>()
            .Where(property => property is { IsStatic: false, IsIndexer: false })
            .Select(property => property.Name);

        return new EntityDeclaration(
            type.Name,
            levels.ToImmutable(),
            properties.ToImmutable(),
            instanceProperties.ToImmutableHashSet(StringComparer.Ordinal),
            type.SelfAndBaseClasses().SelectMany(level => level.GetMembers()).OfType<IPropertySymbol>().Where(property => !property.IsStatic).Select(property => property.Name).ToImmutableArray(),
            type.GetMembers().OfType<IPropertySymbol>().Select(property => property.Name).ToImmutableArray(),
            dependencies.Shapes,
            dependencies.IsComplete && levels.All(level => level.Class is not null));
    }

    /// <summary>
    /// Whether EF Core can map <paramref name="type"/> as an entity reached by a navigation of <paramref name="declaringType"/>
    /// (before fluent ownership): a class with source, or of the assembly that declares the navigation — a Domain project
    /// the build sees as a built assembly, whose entities reach each other. A library's class (a geometry, a money type)
    /// reached from another assembly is left to the provider's type mappings.
    /// </summary>
    internal static bool IsMappable(INamedTypeSymbol type, INamedTypeSymbol declaringType, EfSymbols symbols) =>
        (type.Locations.Any(l => l.IsInSource) || SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, declaringType.ContainingAssembly))
        && !type.IsStatic
        && !symbols.IsDbContext(type)
        && !type.GetAttributes().Any(a => a.AttributeClass.IsDefinitionOf(symbols.OwnedAttribute) || a.AttributeClass.IsDefinitionOf(symbols.ComplexTypeAttribute));
}
