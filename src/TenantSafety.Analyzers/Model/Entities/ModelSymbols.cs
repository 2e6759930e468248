using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model.Entities;

/// <summary>The EF Core model-building and mapping-attribute types the entity model reads, by metadata name.</summary>
internal sealed class ModelSymbols
{
    public ModelSymbols(Compilation compilation, EfCoreSymbols ef)
    {
        Ef = ef;
        EntityTypeBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder");
        ReferenceNavigationBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceNavigationBuilder`2");
        CollectionNavigationBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.CollectionNavigationBuilder`2");
        ReferenceCollectionBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceCollectionBuilder`2");
        ReferenceReferenceBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceReferenceBuilder`2");
        ForeignKeyIndexConvention = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention");
        SnakeCaseExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.NamingConventionsExtensions");
        IndexAttribute = ef.IndexAttribute;
        PrimaryKeyAttribute = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.PrimaryKeyAttribute");
        KeylessAttribute = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.KeylessAttribute");
        OwnedAttribute = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.OwnedAttribute");
        ComplexTypeAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.ComplexTypeAttribute");
        TableAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.TableAttribute");
        ColumnAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.ColumnAttribute");
        NotMappedAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute");
        ForeignKeyAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.ForeignKeyAttribute");
        KeyAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.KeyAttribute");
        EnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
    }

    public EfCoreSymbols Ef { get; }

    public INamedTypeSymbol? EntityTypeBuilder { get; }

    public INamedTypeSymbol? ReferenceNavigationBuilder { get; }

    public INamedTypeSymbol? CollectionNavigationBuilder { get; }

    public INamedTypeSymbol? ReferenceCollectionBuilder { get; }

    public INamedTypeSymbol? ReferenceReferenceBuilder { get; }

    public INamedTypeSymbol? ForeignKeyIndexConvention { get; }

    public INamedTypeSymbol? SnakeCaseExtensions { get; }

    public INamedTypeSymbol? IndexAttribute { get; }

    public INamedTypeSymbol? PrimaryKeyAttribute { get; }

    public INamedTypeSymbol? KeylessAttribute { get; }

    public INamedTypeSymbol? OwnedAttribute { get; }

    public INamedTypeSymbol? ComplexTypeAttribute { get; }

    public INamedTypeSymbol? TableAttribute { get; }

    public INamedTypeSymbol? ColumnAttribute { get; }

    public INamedTypeSymbol? NotMappedAttribute { get; }

    public INamedTypeSymbol? ForeignKeyAttribute { get; }

    public INamedTypeSymbol? KeyAttribute { get; }

    public INamedTypeSymbol EnumerableOfT { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}
