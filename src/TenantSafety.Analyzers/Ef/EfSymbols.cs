using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The EF Core and LINQ types the rules reason about, resolved once per compilation by metadata name.
/// The analyzer never references EF Core, so it works with every EF Core version from 8 on.
/// </summary>
internal sealed class EfCoreSymbols
{
    private EfCoreSymbols(Compilation compilation, INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
    {
        DbContext = dbContext;
        DbSet = dbSet;
        Queryable = compilation.GetTypeByMetadataName("System.Linq.Queryable");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        QueryableOfT = compilation.GetTypeByMetadataName("System.Linq.IQueryable`1");
        QueryableNonGeneric = compilation.GetTypeByMetadataName("System.Linq.IQueryable");
        ExpressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
        EfQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
        RelationalQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        RelationalDatabaseFacadeExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        EF = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EF");
        ModelBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ModelBuilder");
        EntityTypeBuilderOfT = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder`1");
        EntityTypeConfigurationOfT = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
        IndexAttribute = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.IndexAttribute");
        Migration = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.Migration");
        ModelSnapshot = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot");
        // EF Core 7–9 build ExecuteUpdate setters with SetPropertyCalls<T>; EF Core 10 with UpdateSettersBuilder<T>.
        SetPropertyCalls = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Query.SetPropertyCalls`1");
        UpdateSettersBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder`1");
    }

    public INamedTypeSymbol DbContext { get; }

    public INamedTypeSymbol DbSet { get; }

    public INamedTypeSymbol? Queryable { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? QueryableOfT { get; }

    public INamedTypeSymbol? QueryableNonGeneric { get; }

    public INamedTypeSymbol? ExpressionOfT { get; }

    public INamedTypeSymbol? EfQueryableExtensions { get; }

    public INamedTypeSymbol? RelationalQueryableExtensions { get; }

    /// <summary>Declares <c>Database.ExecuteSql*</c> and <c>Database.SqlQuery*</c>.</summary>
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }

    public INamedTypeSymbol? EF { get; }

    public INamedTypeSymbol? ModelBuilder { get; }

    public INamedTypeSymbol? EntityTypeBuilderOfT { get; }

    public INamedTypeSymbol? EntityTypeConfigurationOfT { get; }

    /// <summary><c>[Index]</c>, EF Core's mapping attribute for indexes.</summary>
    public INamedTypeSymbol? IndexAttribute { get; }

    /// <summary>A migration: its <c>BuildTargetModel(ModelBuilder)</c> describes the model as it was, not the app's model.</summary>
    public INamedTypeSymbol? Migration { get; }

    /// <summary>The model snapshot: generated from an earlier model, not part of the app's model configuration.</summary>
    public INamedTypeSymbol? ModelSnapshot { get; }

    /// <summary>Whether <paramref name="type"/> derives from <paramref name="baseType"/>.</summary>
    public static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var current = type.BaseType; baseType is not null && current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public INamedTypeSymbol? SetPropertyCalls { get; }

    public INamedTypeSymbol? UpdateSettersBuilder { get; }

    /// <summary>Returns null when the compilation does not reference EF Core: the rules then do nothing.</summary>
    public static EfCoreSymbols? TryCreate(Compilation compilation)
    {
        var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
        var dbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
        return dbContext is null || dbSet is null ? null : new EfCoreSymbols(compilation, dbContext, dbSet);
    }

    public bool IsDbSet(ITypeSymbol? type, out ITypeSymbol entityType)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, DbSet))
            {
                entityType = current.TypeArguments[0];
                return true;
            }
        }

        entityType = null!;
        return false;
    }

    public bool IsDbContext(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, DbContext))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The LINQ operator classes whose methods build or run a query.</summary>
    public bool IsQueryOperatorClass(INamedTypeSymbol? type)
    {
        return type is not null
            && (SymbolEqualityComparer.Default.Equals(type, Queryable)
                || SymbolEqualityComparer.Default.Equals(type, EfQueryableExtensions)
                || SymbolEqualityComparer.Default.Equals(type, RelationalQueryableExtensions));
    }

    public bool IsEnumerable(INamedTypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, Enumerable);

    /// <summary>True for <c>IQueryable&lt;T&gt;</c> and every type that implements it (DbSet, IOrderedQueryable, IIncludableQueryable …).</summary>
    public bool IsQueryable(ITypeSymbol? type)
    {
        if (type is null || QueryableNonGeneric is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, QueryableOfT) || SymbolEqualityComparer.Default.Equals(type, QueryableNonGeneric))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, QueryableNonGeneric))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsExpressionOfDelegate(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ExpressionOfT);
}
