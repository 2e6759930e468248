using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Child entities: entities with no tenant key of their own whose every row belongs to a row of a tenant entity through a
/// required relationship (<c>DriverActivity</c>, with <c>Guid DddFileId</c> and <c>DddFile DddFile</c>, under a
/// <c>DddFile</c> keyed by <c>CompanyId</c>). A query of one reaches every tenant's rows unless it is scoped through the
/// navigation (<c>a.DddFile.CompanyId == …</c>), by a parent loaded for one tenant (<c>a.DddFileId == file.Id</c>), or by a
/// filter; so the query rules judge them as tenant entities whose key is read through the parent
/// (<see cref="TenantKey.ThroughParent"/>). The relationship must be required (a non-nullable foreign key): a row with no
/// parent belongs to no tenant. Only a direct parent with a key of its own counts.
/// </summary>
internal static class ChildEntities
{
    /// <summary>The properties of <paramref name="type"/> (declared or inherited) that may be reference navigations: of a class type other than string.</summary>
    public static IEnumerable<IPropertySymbol> ReferenceNavigations(ITypeSymbol type) =>
        type.SelfAndBaseClasses()
            .SelectMany(t => t.GetMembers())
            .OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && !p.IsIndexer && p.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None, IsGenericType: false });

    /// <summary>
    /// The required relationships of <paramref name="entity"/> to another entity, each with the navigation that reads it:
    /// a foreign key of the model whose properties are all non-nullable properties of the class, beside a reference
    /// navigation to the principal.
    /// </summary>
    public static IEnumerable<(IPropertySymbol Navigation, ITypeSymbol Parent)> RequiredParents(EntityInfo entity)
    {
        var type = entity.Type;
        foreach (var foreignKey in entity.ForeignKeys)
        {
            if (foreignKey.Principal is not { } parent
                || SymbolEqualityComparer.Default.Equals(parent.OriginalDefinition, type.OriginalDefinition)
                || foreignKey.Properties.IsEmpty
                || !foreignKey.Properties.All(name => type.FindInstanceProperty(name) is { } property && IsNonNullable(property)))
            {
                continue;
            }

            if (ReferenceNavigations(type).FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type.OriginalDefinition, parent.OriginalDefinition)) is { } navigation)
            {
                yield return (navigation, parent);
            }
        }
    }

    /// <summary>
    /// The required relationships of an entity whose model cannot be read (another project's), by EF Core's conventions as
    /// its class shows them: a reference navigation beside a non-nullable foreign key named after it or after its type
    /// (<c>Shelf Shelf</c> and <c>Guid ShelfId</c>).
    /// </summary>
    public static IEnumerable<(IPropertySymbol Navigation, ITypeSymbol Parent)> RequiredParentsByConvention(ITypeSymbol type)
    {
        foreach (var navigation in ReferenceNavigations(type))
        {
            var parent = navigation.Type;
            if (SymbolEqualityComparer.Default.Equals(parent.OriginalDefinition, type.OriginalDefinition))
            {
                continue;
            }

            var foreignKey = type.FindInstanceProperty(navigation.Name + "Id") ?? type.FindInstanceProperty(parent.Name + "Id");
            if (foreignKey is not null && IsNonNullable(foreignKey))
            {
                yield return (navigation, parent);
            }
        }
    }

    /// <summary>A value type that is not <c>Nullable&lt;T&gt;</c>, or a reference type the nullable context declares non-nullable.</summary>
    private static bool IsNonNullable(IPropertySymbol property) =>
        property.Type.IsValueType
            ? property.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
            : property.NullableAnnotation == NullableAnnotation.NotAnnotated;
}
