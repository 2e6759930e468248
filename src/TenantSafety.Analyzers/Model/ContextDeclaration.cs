using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The <c>DbSet&lt;T&gt;</c> properties of a DbContext class and its base classes, by name and entity type. Listing them
/// completes the context's members; kept per syntax tree (<see cref="DeclarationFactCache{TFacts}"/>) so an edit to an
/// entity file does not list the DbSets of a large context again.
/// </summary>
/// <param name="DbSets">Each DbSet property's name and entity.</param>
/// <param name="Dependencies">The context's own shape: the entity types are named, not depended on.</param>
/// <param name="IsReusable">False when a DbSet's entity type did not bind.</param>
internal sealed record ContextDeclaration(
    ImmutableArray<(string Name, TypeReference Entity)> DbSets,
    IReadOnlyDictionary<TypeReference, DeclarationShape> Dependencies,
    bool IsReusable) : IDeclarationFacts
{
    public static ContextDeclaration Read(INamedTypeSymbol context, EfSymbols symbols, TypeResolver types)
    {
        // The entity types are named, not depended on: a DbSet<Lead> lists the same entity whatever Lead's file says.
        var dependencies = new DependencyRecorder(types);
        dependencies.Depend(context);
        var dbSets = ImmutableArray.CreateBuilder<(string, TypeReference)>();
        foreach (var (property, entity) in DbSetsOf(context, symbols))
        {
            if (entity is { TypeKind: not TypeKind.Error } && TypeReference.From(entity) is { } reference)
            {
                dbSets.Add((property.Name, reference));
            }
            else
            {
                dependencies.MarkIncomplete();
            }
        }

        return new ContextDeclaration(dbSets.ToImmutable(), dependencies.Shapes, dependencies.IsComplete);
    }

    /// <summary>The instance DbSet properties of the context and its base classes up to DbContext, with their entity types.</summary>
    public static IEnumerable<(IPropertySymbol Property, INamedTypeSymbol Entity)> DbSetsOf(INamedTypeSymbol context, EfSymbols symbols)
    {
        foreach (var type in context.SelfAndBaseClasses().TakeWhile(type => !SymbolEqualityComparer.Default.Equals(type, symbols.DbContext)))
        {
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && symbols.IsDbSet(property.Type, out var entityType) && entityType is INamedTypeSymbol named)
                {
                    yield return (property, named);
                }
            }
        }
    }
}
