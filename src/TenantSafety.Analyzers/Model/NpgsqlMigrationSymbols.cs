using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The EF Core migration types the TSA3xxx rules reason about, resolved once per compilation. The rules are
/// about PostgreSQL, so they apply only where the compilation references the Npgsql EF Core provider.
/// </summary>
internal sealed class NpgsqlMigrationSymbols
{
    /// <summary>The annotation Npgsql reads as <c>CREATE INDEX CONCURRENTLY</c> (what <c>IsCreatedConcurrently()</c> stores).</summary>
    public const string CreatedConcurrentlyAnnotation = "Npgsql:CreatedConcurrently";

    private NpgsqlMigrationSymbols(INamedTypeSymbol migration, INamedTypeSymbol migrationBuilder, INamedTypeSymbol? operationBuilder)
    {
        Migration = migration;
        MigrationBuilder = migrationBuilder;
        OperationBuilder = operationBuilder;
    }

    public INamedTypeSymbol Migration { get; }

    public INamedTypeSymbol MigrationBuilder { get; }

    /// <summary><c>OperationBuilder&lt;TOperation&gt;</c>, which declares <c>Annotation(name, value)</c>.</summary>
    public INamedTypeSymbol? OperationBuilder { get; }

    /// <summary>Null unless the compilation references EF Core migrations and the Npgsql provider.</summary>
    public static NpgsqlMigrationSymbols? TryCreate(Compilation compilation)
    {
        // A public, stable type of Npgsql.EntityFrameworkCore.PostgreSQL (present in 8.x and 10.x alike).
        var npgsql = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.NpgsqlMigrationBuilderExtensions");
        var migration = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.Migration");
        var builder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");
        if (npgsql is null || migration is null || builder is null)
        {
            return null;
        }

        return new NpgsqlMigrationSymbols(
            migration,
            builder,
            compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder`1"));
    }

    public bool IsMigration(INamedTypeSymbol? type) => type is not null && EfCoreSymbols.DerivesFrom(type, Migration);

    /// <summary>A <c>MigrationBuilder</c> method called <paramref name="name"/> (CreateIndex, CreateTable, Sql).</summary>
    public bool IsBuilderMethod(IMethodSymbol method, string name) =>
        method.Name == name && SymbolEqualityComparer.Default.Equals(method.ContainingType, MigrationBuilder);

    /// <summary><c>OperationBuilder&lt;T&gt;.Annotation(name, value)</c>, on any operation builder.</summary>
    public bool IsAnnotation(IMethodSymbol method)
    {
        if (method.Name != "Annotation" || method.Parameters.Length != 2)
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, OperationBuilder))
            {
                return true;
            }
        }

        return false;
    }
}
