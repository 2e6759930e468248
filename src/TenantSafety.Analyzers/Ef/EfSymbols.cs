using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The EF Core, LINQ, mapping-attribute and migration types the analyzers reason about, resolved once per compilation
/// by metadata name: the one place types are looked up by name. The analyzer never references EF Core, so it works
/// with every EF Core version from 8 on; a type a version lacks is null, and in a project that does not reference EF
/// Core (an Application layer that queries through its Domain project's stores) every EF Core type is.
/// </summary>
internal sealed class EfSymbols(Compilation compilation, INamedTypeSymbol? dbContext, INamedTypeSymbol? dbSet)
{
    /// <summary>The annotation Npgsql reads as <c>CREATE INDEX CONCURRENTLY</c> (what <c>IsCreatedConcurrently()</c> stores).</summary>
    public const string CreatedConcurrentlyAnnotation = "Npgsql:CreatedConcurrently";

    /// <summary>The metadata name of <c>IEntityTypeConfiguration&lt;TEntity&gt;</c>.</summary>
    public const string EntityTypeConfigurationOfTName = EfCore + "IEntityTypeConfiguration`1";

    private const string EfCore = "Microsoft.EntityFrameworkCore.";
    private const string Builders = EfCore + "Metadata.Builders.";

    private readonly ConcurrentDictionary<ITypeSymbol, bool> _queryableTypes = new(SymbolEqualityComparer.Default);
    private readonly Lazy<ReportSymbols> _report = new(() => new ReportSymbols(compilation));
    private readonly Lazy<SpecificationSymbols> _specifications = new(() => new SpecificationSymbols(compilation));
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations.";

    /// <summary>EF Core's <c>DbContext</c>; null in a project that does not reference EF Core.</summary>
    public INamedTypeSymbol? DbContext { get; } = dbContext;

    /// <summary>EF Core's <c>DbSet&lt;T&gt;</c>; null in a project that does not reference EF Core.</summary>
    public INamedTypeSymbol? DbSet { get; } = dbSet;

    /// <summary>Whether the compilation references EF Core: it can declare a DbContext, map entities and run queries itself.</summary>
    public bool ReferencesEfCore => DbContext is not null && DbSet is not null;

    // Queries.
    public INamedTypeSymbol? Queryable { get; } = TypeNamed(compilation, "System.Linq.Queryable");

    public INamedTypeSymbol? Enumerable { get; } = TypeNamed(compilation, "System.Linq.Enumerable");

    public INamedTypeSymbol? QueryableOfT { get; } = TypeNamed(compilation, "System.Linq.IQueryable`1");

    public INamedTypeSymbol? QueryableNonGeneric { get; } = TypeNamed(compilation, "System.Linq.IQueryable");

    public INamedTypeSymbol? ExpressionOfT { get; } = TypeNamed(compilation, "System.Linq.Expressions.Expression`1");

    /// <summary><c>Func&lt;T, TResult&gt;</c>: with <c>bool</c>, the delegate of a predicate's expression.</summary>
    public INamedTypeSymbol? FuncOfOne { get; } = TypeNamed(compilation, "System.Func`2");

    public INamedTypeSymbol EnumerableOfT { get; } = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);

    public INamedTypeSymbol? EfQueryableExtensions { get; } = TypeNamed(compilation, EfCore + "EntityFrameworkQueryableExtensions");

    public INamedTypeSymbol? RelationalQueryableExtensions { get; } = TypeNamed(compilation, EfCore + "RelationalQueryableExtensions");

    /// <summary>Declares <c>Database.ExecuteSql*</c> and <c>Database.SqlQuery*</c>.</summary>
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; } = TypeNamed(compilation, EfCore + "RelationalDatabaseFacadeExtensions");

    public INamedTypeSymbol? EF { get; } = TypeNamed(compilation, EfCore + "EF");

    // EF Core 7–9 build ExecuteUpdate setters with SetPropertyCalls<T>; EF Core 10 with UpdateSettersBuilder<T>.
    public INamedTypeSymbol? SetPropertyCalls { get; } = TypeNamed(compilation, EfCore + "Query.SetPropertyCalls`1");

    public INamedTypeSymbol? UpdateSettersBuilder { get; } = TypeNamed(compilation, EfCore + "Query.UpdateSettersBuilder`1");

    // Model building.
    public INamedTypeSymbol? ModelBuilder { get; } = TypeNamed(compilation, EfCore + "ModelBuilder");

    public INamedTypeSymbol? EntityTypeBuilder { get; } = TypeNamed(compilation, Builders + "EntityTypeBuilder");

    public INamedTypeSymbol? EntityTypeBuilderOfT { get; } = TypeNamed(compilation, Builders + "EntityTypeBuilder`1");

    public INamedTypeSymbol? EntityTypeConfigurationOfT { get; } = TypeNamed(compilation, EntityTypeConfigurationOfTName);

    /// <summary>The entity types a loop over <c>modelBuilder.Model.GetEntityTypes()</c> visits, and a convention's view of them.</summary>
    public INamedTypeSymbol? MutableEntityType { get; } = TypeNamed(compilation, EfCore + "Metadata.IMutableEntityType");

    public INamedTypeSymbol? ConventionEntityType { get; } = TypeNamed(compilation, EfCore + "Metadata.IConventionEntityType");

    /// <summary>
    /// <c>entityType.SetQueryFilter(filter)</c> or the non-generic <c>modelBuilder.Entity(type).HasQueryFilter(filter)</c>:
    /// sets the unnamed filter of an entity the code does not name (a filter key, EF Core 10's named filters, does not).
    /// </summary>
    public bool IsUnnamedFilterSetter(IMethodSymbol method)
    {
        var isSetter = method.Name switch
        {
            "SetQueryFilter" => SymbolEqualityComparer.Default.Equals(method.ContainingType, MutableEntityType)
                || SymbolEqualityComparer.Default.Equals(method.ContainingType, ConventionEntityType),
            "HasQueryFilter" => SymbolEqualityComparer.Default.Equals(method.ContainingType, EntityTypeBuilder),
            _ => false,
        };
        return isSetter && !method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String);
    }

    public INamedTypeSymbol? ReferenceNavigationBuilder { get; } = TypeNamed(compilation, Builders + "ReferenceNavigationBuilder`2");

    public INamedTypeSymbol? CollectionNavigationBuilder { get; } = TypeNamed(compilation, Builders + "CollectionNavigationBuilder`2");

    public INamedTypeSymbol? ReferenceCollectionBuilder { get; } = TypeNamed(compilation, Builders + "ReferenceCollectionBuilder`2");

    public INamedTypeSymbol? ReferenceReferenceBuilder { get; } = TypeNamed(compilation, Builders + "ReferenceReferenceBuilder`2");

    public INamedTypeSymbol? ForeignKeyIndexConvention { get; } = TypeNamed(compilation, EfCore + "Metadata.Conventions.ForeignKeyIndexConvention");

    /// <summary><c>UseSnakeCaseNamingConvention</c>'s class (EFCore.NamingConventions): tables and columns may be snake_case.</summary>
    public INamedTypeSymbol? SnakeCaseExtensions { get; } = TypeNamed(compilation, EfCore + "NamingConventionsExtensions");

    // Mapping attributes.
    /// <summary><c>[Index]</c>, EF Core's mapping attribute for indexes.</summary>
    public INamedTypeSymbol? IndexAttribute { get; } = TypeNamed(compilation, EfCore + "IndexAttribute");

    public INamedTypeSymbol? PrimaryKeyAttribute { get; } = TypeNamed(compilation, EfCore + "PrimaryKeyAttribute");

    public INamedTypeSymbol? KeylessAttribute { get; } = TypeNamed(compilation, EfCore + "KeylessAttribute");

    public INamedTypeSymbol? OwnedAttribute { get; } = TypeNamed(compilation, EfCore + "OwnedAttribute");

    public INamedTypeSymbol? ComplexTypeAttribute { get; } = TypeNamed(compilation, DataAnnotations + "Schema.ComplexTypeAttribute");

    public INamedTypeSymbol? TableAttribute { get; } = TypeNamed(compilation, DataAnnotations + "Schema.TableAttribute");

    public INamedTypeSymbol? ColumnAttribute { get; } = TypeNamed(compilation, DataAnnotations + "Schema.ColumnAttribute");

    public INamedTypeSymbol? NotMappedAttribute { get; } = TypeNamed(compilation, DataAnnotations + "Schema.NotMappedAttribute");

    public INamedTypeSymbol? ForeignKeyAttribute { get; } = TypeNamed(compilation, DataAnnotations + "Schema.ForeignKeyAttribute");

    public INamedTypeSymbol? KeyAttribute { get; } = TypeNamed(compilation, DataAnnotations + "KeyAttribute");

    // Migrations.
    /// <summary>A migration: its <c>BuildTargetModel(ModelBuilder)</c> describes the model as it was, not the app's model.</summary>
    public INamedTypeSymbol? Migration { get; } = TypeNamed(compilation, EfCore + "Migrations.Migration");

    public INamedTypeSymbol? MigrationBuilder { get; } = TypeNamed(compilation, EfCore + "Migrations.MigrationBuilder");

    /// <summary><c>OperationBuilder&lt;TOperation&gt;</c>, which declares <c>Annotation(name, value)</c>.</summary>
    public INamedTypeSymbol? OperationBuilder { get; } = TypeNamed(compilation, EfCore + "Migrations.Operations.Builders.OperationBuilder`1");

    /// <summary>The model snapshot: generated from an earlier model, not part of the app's model configuration.</summary>
    public INamedTypeSymbol? ModelSnapshot { get; } = TypeNamed(compilation, EfCore + "Infrastructure.ModelSnapshot");

    // A public, stable type of Npgsql.EntityFrameworkCore.PostgreSQL (present in 8.x and 10.x alike).
    public INamedTypeSymbol? NpgsqlMigrationBuilderExtensions { get; } = TypeNamed(compilation, EfCore + "NpgsqlMigrationBuilderExtensions");

    /// <summary>
    /// The types only the report reads (registrations, connections, schemas): resolved on first use, so the analyzers,
    /// which never read them, do not look them up in every compilation (every keystroke, in the IDE).
    /// </summary>
    public ReportSymbols Report => _report.Value;

    /// <summary>Ardalis.Specification's repositories, query extensions and builder: resolved on first use, by the query rules.</summary>
    public SpecificationSymbols Specifications => _specifications.Value;

    // Multi-tenancy libraries (Finbuckle is matched by namespace, see TenancyLibraries).
    /// <summary>ABP's <c>IMultiTenant</c>: its implementers carry <c>Guid? TenantId</c> and ABP's tenant data filter.</summary>
    public INamedTypeSymbol? AbpMultiTenant { get; } = TypeNamed(compilation, "Volo.Abp.MultiTenancy.IMultiTenant");

    /// <summary><c>string</c>: the type of Finbuckle's shadow <c>TenantId</c>.</summary>
    public INamedTypeSymbol String { get; } = compilation.GetSpecialType(SpecialType.System_String);

    /// <summary>
    /// The migration rules (TSA3xxx) are about PostgreSQL: they apply only where the compilation references EF Core
    /// migrations and the Npgsql provider.
    /// </summary>
    public bool HasNpgsqlMigrations => NpgsqlMigrationBuilderExtensions is not null && Migration is not null && MigrationBuilder is not null;

    /// <summary>The symbols of <paramref name="compilation"/>, whether it references EF Core or not (<see cref="ReferencesEfCore"/>).</summary>
    public static EfSymbols Of(Compilation compilation)
    {
        var dbContext = TypeNamed(compilation, EfCore + "DbContext");
        var dbSet = TypeNamed(compilation, EfCore + "DbSet`1");
        return new EfSymbols(compilation, dbContext, dbSet);
    }

    /// <summary>
    /// The type <paramref name="metadataName"/> names in <paramref name="compilation"/>: its own source's first, else
    /// the one referenced assembly that defines it; null when none or several do. The referenced assemblies' answers are
    /// kept across compilations that share them (<see cref="ReferencedTypes"/>).
    /// </summary>
    public static INamedTypeSymbol? TypeNamed(Compilation compilation, string metadataName)
    {
        return compilation.Assembly.GetTypeByMetadataName(metadataName) ?? ReferencedTypes.Find(compilation, metadataName);
    }

    public bool IsDbSet(ITypeSymbol? type, out ITypeSymbol entityType)
    {
        var dbSet = type.SelfOrBaseOfDefinition(DbSet);
        entityType = dbSet?.TypeArguments[0]!;
        return dbSet is not null;
    }

    public bool IsDbContext(ITypeSymbol? type) => type.SelfOrBaseOfDefinition(DbContext) is not null;

    /// <summary>ASP.NET Core Identity's <c>UserManager&lt;TUser&gt;</c>, whose <c>Users</c> is the users' table.</summary>
    private INamedTypeSymbol? IdentityUserManager { get; } = TypeNamed(compilation, "Microsoft.AspNetCore.Identity.UserManager`1");

    /// <summary>ASP.NET Core Identity's <c>RoleManager&lt;TRole&gt;</c>, whose <c>Roles</c> is the roles' table.</summary>
    private INamedTypeSymbol? IdentityRoleManager { get; } = TypeNamed(compilation, "Microsoft.AspNetCore.Identity.RoleManager`1");

    /// <summary>ASP.NET Core Identity's <c>IdentityUser&lt;TKey&gt;</c>, the base of <c>IdentityUser</c> and of an application's user.</summary>
    private INamedTypeSymbol? IdentityUserOfKey { get; } = TypeNamed(compilation, "Microsoft.AspNetCore.Identity.IdentityUser`1");

    /// <summary>Whether <paramref name="type"/> is an ASP.NET Core Identity user (<c>ApplicationUser : IdentityUser</c>).</summary>
    public bool IsIdentityUser(ITypeSymbol? type) => type.SelfOrBaseOfDefinition(IdentityUserOfKey) is not null;

    /// <summary>Whether <paramref name="method"/> is <c>UserManager&lt;TUser&gt;.FindByIdAsync(id)</c>: the user the id names.</summary>
    public bool IsIdentityFindById(IMethodSymbol method) =>
        method is { Name: "FindByIdAsync", Parameters.Length: 1 } && method.ContainingType.SelfOrBaseOfDefinition(IdentityUserManager) is not null;

    /// <summary>
    /// Whether <paramref name="method"/> is a method of Identity's <c>UserManager&lt;TUser&gt;</c> or <c>RoleManager&lt;TRole&gt;</c>
    /// (<c>CreateAsync(user, …)</c>, <c>AddToRoleAsync(user, role)</c>, <c>GetRolesAsync(user)</c>): none of them sets the
    /// row's key, and <c>CreateAsync</c> adds it through the EF Core store, which leaves it to be generated.
    /// </summary>
    public bool IsIdentityManagerMethod(IMethodSymbol method) =>
        method.ContainingType.SelfOrBaseOfDefinition(IdentityUserManager) is not null || method.ContainingType.SelfOrBaseOfDefinition(IdentityRoleManager) is not null;

    /// <summary>ASP.NET Core Identity's <c>IdentityRole&lt;TKey&gt;</c>, the base of <c>IdentityRole</c> and of an application's role.</summary>
    private INamedTypeSymbol? IdentityRoleOfKey { get; } = TypeNamed(compilation, "Microsoft.AspNetCore.Identity.IdentityRole`1");

    /// <summary>Whether <paramref name="type"/> is an ASP.NET Core Identity role (<c>ApplicationRole : IdentityRole</c>).</summary>
    public bool IsIdentityRole(ITypeSymbol? type) => type.SelfOrBaseOfDefinition(IdentityRoleOfKey) is not null;

    /// <summary>
    /// Whether <paramref name="property"/> is <c>userManager.Users</c> or <c>roleManager.Roles</c> (ASP.NET Core Identity): with the
    /// EF Core stores, the <c>DbSet</c> of <paramref name="entityType"/>, the manager's type argument. Apps log users in
    /// through them, often with <c>IgnoreQueryFilters()</c> and a tenant filter on the user entity.
    /// </summary>
    public bool IsIdentityTable(IPropertySymbol property, out ITypeSymbol entityType)
    {
        entityType = null!;
        var manager = property.Name switch
        {
            "Users" => property.ContainingType.SelfOrBaseOfDefinition(IdentityUserManager),
            "Roles" => property.ContainingType.SelfOrBaseOfDefinition(IdentityRoleManager),
            _ => null,
        };
        if (manager is null || property.IsStatic)
        {
            return false;
        }

        entityType = manager.TypeArguments[0];
        return true;
    }

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
        // The delegate is made only on a miss.
        return type.SpecialType == SpecialType.None
            && (_queryableTypes.TryGetValue(type, out var known) ? known : _queryableTypes.GetOrAdd(type, ImplementsQueryable(type)));
    }

    private bool ImplementsQueryable(ITypeSymbol type) =>
        type.AllInterfaces.Any(implemented => SymbolEqualityComparer.Default.Equals(implemented, QueryableNonGeneric));

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
