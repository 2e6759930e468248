using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The EF Core, LINQ, mapping-attribute and migration types the analyzers reason about, resolved once per compilation
/// by metadata name: the one place types are looked up by name. The analyzer never references EF Core, so it works
/// with every EF Core version from 8 on; a type a version lacks is null.
/// </summary>
internal sealed class EfSymbols
{
    /// <summary>The annotation Npgsql reads as <c>CREATE INDEX CONCURRENTLY</c> (what <c>IsCreatedConcurrently()</c> stores).</summary>
    public const string CreatedConcurrentlyAnnotation = "Npgsql:CreatedConcurrently";

    private const string EfCore = "Microsoft.EntityFrameworkCore.";
    private const string Builders = EfCore + "Metadata.Builders.";

    private readonly ConcurrentDictionary<ITypeSymbol, bool> _queryableTypes = new(SymbolEqualityComparer.Default);
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations.";

    private EfSymbols(Compilation compilation, INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
    {
        DbContext = dbContext;
        DbSet = dbSet;

        // Queries.
        Queryable = TypeNamed(compilation, "System.Linq.Queryable");
        Enumerable = TypeNamed(compilation, "System.Linq.Enumerable");
        QueryableOfT = TypeNamed(compilation, "System.Linq.IQueryable`1");
        QueryableNonGeneric = TypeNamed(compilation, "System.Linq.IQueryable");
        ExpressionOfT = TypeNamed(compilation, "System.Linq.Expressions.Expression`1");
        EnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        EfQueryableExtensions = TypeNamed(compilation, EfCore + "EntityFrameworkQueryableExtensions");
        RelationalQueryableExtensions = TypeNamed(compilation, EfCore + "RelationalQueryableExtensions");
        RelationalDatabaseFacadeExtensions = TypeNamed(compilation, EfCore + "RelationalDatabaseFacadeExtensions");
        EF = TypeNamed(compilation, EfCore + "EF");

        // EF Core 7–9 build ExecuteUpdate setters with SetPropertyCalls<T>; EF Core 10 with UpdateSettersBuilder<T>.
        SetPropertyCalls = TypeNamed(compilation, EfCore + "Query.SetPropertyCalls`1");
        UpdateSettersBuilder = TypeNamed(compilation, EfCore + "Query.UpdateSettersBuilder`1");

        // Model building.
        ModelBuilder = TypeNamed(compilation, EfCore + "ModelBuilder");
        EntityTypeBuilder = TypeNamed(compilation, Builders + "EntityTypeBuilder");
        EntityTypeBuilderOfT = TypeNamed(compilation, Builders + "EntityTypeBuilder`1");
        EntityTypeConfigurationOfT = TypeNamed(compilation, EfCore + "IEntityTypeConfiguration`1");
        ReferenceNavigationBuilder = TypeNamed(compilation, Builders + "ReferenceNavigationBuilder`2");
        CollectionNavigationBuilder = TypeNamed(compilation, Builders + "CollectionNavigationBuilder`2");
        ReferenceCollectionBuilder = TypeNamed(compilation, Builders + "ReferenceCollectionBuilder`2");
        ReferenceReferenceBuilder = TypeNamed(compilation, Builders + "ReferenceReferenceBuilder`2");
        ForeignKeyIndexConvention = TypeNamed(compilation, EfCore + "Metadata.Conventions.ForeignKeyIndexConvention");
        SnakeCaseExtensions = TypeNamed(compilation, EfCore + "NamingConventionsExtensions");

        // Mapping attributes.
        IndexAttribute = TypeNamed(compilation, EfCore + "IndexAttribute");
        PrimaryKeyAttribute = TypeNamed(compilation, EfCore + "PrimaryKeyAttribute");
        KeylessAttribute = TypeNamed(compilation, EfCore + "KeylessAttribute");
        OwnedAttribute = TypeNamed(compilation, EfCore + "OwnedAttribute");
        ComplexTypeAttribute = TypeNamed(compilation, DataAnnotations + "Schema.ComplexTypeAttribute");
        TableAttribute = TypeNamed(compilation, DataAnnotations + "Schema.TableAttribute");
        ColumnAttribute = TypeNamed(compilation, DataAnnotations + "Schema.ColumnAttribute");
        NotMappedAttribute = TypeNamed(compilation, DataAnnotations + "Schema.NotMappedAttribute");
        ForeignKeyAttribute = TypeNamed(compilation, DataAnnotations + "Schema.ForeignKeyAttribute");
        KeyAttribute = TypeNamed(compilation, DataAnnotations + "KeyAttribute");

        // Migrations.
        Migration = TypeNamed(compilation, EfCore + "Migrations.Migration");
        MigrationBuilder = TypeNamed(compilation, EfCore + "Migrations.MigrationBuilder");
        OperationBuilder = TypeNamed(compilation, EfCore + "Migrations.Operations.Builders.OperationBuilder`1");
        ModelSnapshot = TypeNamed(compilation, EfCore + "Infrastructure.ModelSnapshot");

        // A public, stable type of Npgsql.EntityFrameworkCore.PostgreSQL (present in 8.x and 10.x alike).
        NpgsqlMigrationBuilderExtensions = TypeNamed(compilation, EfCore + "NpgsqlMigrationBuilderExtensions");

        // Multi-tenancy libraries (Finbuckle is matched by namespace, see TenancyLibraries).
        AbpMultiTenant = TypeNamed(compilation, "Volo.Abp.MultiTenancy.IMultiTenant");
        String = compilation.GetSpecialType(SpecialType.System_String);
    }

    public INamedTypeSymbol DbContext { get; }

    public INamedTypeSymbol DbSet { get; }

    public INamedTypeSymbol? Queryable { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? QueryableOfT { get; }

    public INamedTypeSymbol? QueryableNonGeneric { get; }

    public INamedTypeSymbol? ExpressionOfT { get; }

    public INamedTypeSymbol EnumerableOfT { get; }

    public INamedTypeSymbol? EfQueryableExtensions { get; }

    public INamedTypeSymbol? RelationalQueryableExtensions { get; }

    /// <summary>Declares <c>Database.ExecuteSql*</c> and <c>Database.SqlQuery*</c>.</summary>
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }

    public INamedTypeSymbol? EF { get; }

    public INamedTypeSymbol? SetPropertyCalls { get; }

    public INamedTypeSymbol? UpdateSettersBuilder { get; }

    public INamedTypeSymbol? ModelBuilder { get; }

    public INamedTypeSymbol? EntityTypeBuilder { get; }

    public INamedTypeSymbol? EntityTypeBuilderOfT { get; }

    public INamedTypeSymbol? EntityTypeConfigurationOfT { get; }

    public INamedTypeSymbol? ReferenceNavigationBuilder { get; }

    public INamedTypeSymbol? CollectionNavigationBuilder { get; }

    public INamedTypeSymbol? ReferenceCollectionBuilder { get; }

    public INamedTypeSymbol? ReferenceReferenceBuilder { get; }

    public INamedTypeSymbol? ForeignKeyIndexConvention { get; }

    /// <summary><c>UseSnakeCaseNamingConvention</c>'s class (EFCore.NamingConventions): tables and columns may be snake_case.</summary>
    public INamedTypeSymbol? SnakeCaseExtensions { get; }

    /// <summary><c>[Index]</c>, EF Core's mapping attribute for indexes.</summary>
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

    /// <summary>A migration: its <c>BuildTargetModel(ModelBuilder)</c> describes the model as it was, not the app's model.</summary>
    public INamedTypeSymbol? Migration { get; }

    public INamedTypeSymbol? MigrationBuilder { get; }

    /// <summary><c>OperationBuilder&lt;TOperation&gt;</c>, which declares <c>Annotation(name, value)</c>.</summary>
    public INamedTypeSymbol? OperationBuilder { get; }

    /// <summary>The model snapshot: generated from an earlier model, not part of the app's model configuration.</summary>
    public INamedTypeSymbol? ModelSnapshot { get; }

    public INamedTypeSymbol? NpgsqlMigrationBuilderExtensions { get; }

    /// <summary>ABP's <c>IMultiTenant</c>: its implementers carry <c>Guid? TenantId</c> and ABP's tenant data filter.</summary>
    public INamedTypeSymbol? AbpMultiTenant { get; }

    /// <summary><c>string</c>: the type of Finbuckle's shadow <c>TenantId</c>.</summary>
    public INamedTypeSymbol String { get; }

    /// <summary>
    /// The migration rules (TSA3xxx) are about PostgreSQL: they apply only where the compilation references EF Core
    /// migrations and the Npgsql provider.
    /// </summary>
    public bool HasNpgsqlMigrations => NpgsqlMigrationBuilderExtensions is not null && Migration is not null && MigrationBuilder is not null;

    /// <summary>Returns null when the compilation does not reference EF Core: the rules then do nothing.</summary>
    public static EfSymbols? TryCreate(Compilation compilation)
    {
        var dbContext = TypeNamed(compilation, EfCore + "DbContext");
        var dbSet = TypeNamed(compilation, EfCore + "DbSet`1");
        return dbContext is null || dbSet is null ? null : new EfSymbols(compilation, dbContext, dbSet);
    }

    /// <summary>
    /// The type <paramref name="metadataName"/> names in <paramref name="compilation"/>: its own source's first, else
    /// the one referenced assembly that defines it; null when none or several do.
    /// </summary>
    public static INamedTypeSymbol? TypeNamed(Compilation compilation, string metadataName)
    {
#pragma warning disable RS0030 // The one place types are looked up by name (BannedSymbols.txt).
        return compilation.Assembly.GetTypeByMetadataName(metadataName) ?? compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
    }

    public bool IsDbSet(ITypeSymbol? type, out ITypeSymbol entityType)
    {
        var dbSet = type.SelfOrBaseOfDefinition(DbSet);
        entityType = dbSet?.TypeArguments[0]!;
        return dbSet is not null;
    }

    public bool IsDbContext(ITypeSymbol? type) => type.SelfOrBaseOfDefinition(DbContext) is not null;

    /// <summary>The LINQ operator classes whose methods build or run a query.</summary>
    public bool IsQueryOperatorClass(INamedTypeSymbol? type) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type, Queryable)
            || SymbolEqualityComparer.Default.Equals(type, EfQueryableExtensions)
            || SymbolEqualityComparer.Default.Equals(type, RelationalQueryableExtensions));

    public bool IsEnumerable(INamedTypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, Enumerable);

    /// <summary>True for <c>IQueryable&lt;T&gt;</c> and every type that implements it (DbSet, IOrderedQueryable, IIncludableQueryable …).</summary>
    public bool IsQueryable(ITypeSymbol? type)
    {
        if (type is null || QueryableNonGeneric is null)
        {
            return false;
        }

        if (type.IsDefinitionOf(QueryableOfT) || SymbolEqualityComparer.Default.Equals(type, QueryableNonGeneric))
        {
            return true;
        }

        // Asked of nearly every invocation's type: the interfaces of each type are searched once per compilation.
        return type.SpecialType == SpecialType.None
            && _queryableTypes.GetOrAdd(type, t => t.AllInterfaces.Any(implemented => SymbolEqualityComparer.Default.Equals(implemented, QueryableNonGeneric)));
    }

    public bool IsExpressionOfDelegate(ITypeSymbol? type) => type is INamedTypeSymbol && type.IsDefinitionOf(ExpressionOfT);

    /// <summary>A class deriving from EF Core's <c>Migration</c>.</summary>
    public bool IsMigration(INamedTypeSymbol? type) => type is not null && type.DerivesFrom(Migration);

    /// <summary>A <c>MigrationBuilder</c> method called <paramref name="name"/> (CreateIndex, CreateTable, Sql).</summary>
    public bool IsMigrationBuilderMethod(IMethodSymbol method, string name) =>
        method.Name == name && SymbolEqualityComparer.Default.Equals(method.ContainingType, MigrationBuilder);

    /// <summary><c>OperationBuilder&lt;T&gt;.Annotation(name, value)</c>, on any operation builder.</summary>
    public bool IsOperationAnnotation(IMethodSymbol method) =>
        method.Name == "Annotation" && method.Parameters.Length == 2 && method.ContainingType.SelfOrBaseOfDefinition(OperationBuilder) is not null;
}
