using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The EF Core, Npgsql and ADO.NET types the report's Connection Pooling and schema readers recognise, by metadata name
/// like every type (<see cref="EfSymbols.TypeNamed"/>). Created on first use through <see cref="EfSymbols.Report"/>.
/// </summary>
internal sealed class ReportSymbols(Compilation compilation)
{
    private const string EfCore = "Microsoft.EntityFrameworkCore.";

    /// <summary>Declares <c>AddDbContext</c>, <c>AddDbContextPool</c>, <c>AddPooledDbContextFactory</c> and <c>AddDbContextFactory</c>.</summary>
    public INamedTypeSymbol? ServiceCollectionExtensions { get; } = EfSymbols.TypeNamed(compilation, "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions");

    public INamedTypeSymbol? DbContextOptions { get; } = EfSymbols.TypeNamed(compilation, EfCore + "DbContextOptions");

    public INamedTypeSymbol? DbContextOptionsBuilderOfT { get; } = EfSymbols.TypeNamed(compilation, EfCore + "DbContextOptionsBuilder`1");

    /// <summary>The base of each provider's options builder (<c>EnableRetryOnFailure</c>, <c>ExecutionStrategy</c>).</summary>
    public INamedTypeSymbol? RelationalDbContextOptionsBuilder { get; } = EfSymbols.TypeNamed(compilation, EfCore + "Infrastructure.RelationalDbContextOptionsBuilder`2");

    public INamedTypeSymbol? DesignTimeDbContextFactory { get; } = EfSymbols.TypeNamed(compilation, EfCore + "Design.IDesignTimeDbContextFactory`1");

    /// <summary>Declares <c>UseNpgsql</c>.</summary>
    public INamedTypeSymbol? NpgsqlDbContextOptionsExtensions { get; } = EfSymbols.TypeNamed(compilation, EfCore + "NpgsqlDbContextOptionsBuilderExtensions");

    /// <summary>Declares <c>AddNpgsqlDataSource</c>.</summary>
    public INamedTypeSymbol? NpgsqlServiceCollectionExtensions { get; } = EfSymbols.TypeNamed(compilation, "Microsoft.Extensions.DependencyInjection.NpgsqlServiceCollectionExtensions");

    public INamedTypeSymbol? DbDataSource { get; } = EfSymbols.TypeNamed(compilation, "System.Data.Common.DbDataSource");

    public INamedTypeSymbol? NpgsqlDataSource { get; } = EfSymbols.TypeNamed(compilation, "Npgsql.NpgsqlDataSource");

    public INamedTypeSymbol? NpgsqlDataSourceBuilder { get; } = EfSymbols.TypeNamed(compilation, "Npgsql.NpgsqlDataSourceBuilder");

    public INamedTypeSymbol? NpgsqlConnectionStringBuilder { get; } = EfSymbols.TypeNamed(compilation, "Npgsql.NpgsqlConnectionStringBuilder");

    /// <summary>Declares <c>GetEnvironmentVariable</c>, where a connection string may come from.</summary>
    public INamedTypeSymbol? Environment { get; } = EfSymbols.TypeNamed(compilation, "System.Environment");

    /// <summary>Declares <c>HasDefaultSchema</c>.</summary>
    public INamedTypeSymbol? RelationalModelBuilderExtensions { get; } = EfSymbols.TypeNamed(compilation, EfCore + "RelationalModelBuilderExtensions");

    /// <summary>Declares <c>ToTable(name, schema)</c>.</summary>
    public INamedTypeSymbol? RelationalEntityTypeBuilderExtensions { get; } = EfSymbols.TypeNamed(compilation, EfCore + "RelationalEntityTypeBuilderExtensions");
}
