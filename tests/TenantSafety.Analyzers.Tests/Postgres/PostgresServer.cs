using System;
using System.Threading.Tasks;
using Npgsql;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>The PostgreSQL server of the integration tests, and throwaway databases and roles on it.</summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "TENANTSAFETY_PG";

    /// <summary>A connection string whose user may create databases and roles, e.g. <c>Host=127.0.0.1;Username=postgres;Password=…</c>.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>Creates an empty database with a unique name; dispose the result to drop it.</summary>
    public static async Task<TemporaryDatabase> CreateDatabaseAsync(string purpose)
    {
        var name = $"tsa_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = await OpenAsync(ConnectionString!))
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false };
        return new TemporaryDatabase(name, builder.ConnectionString);
    }

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database that lives for one test (or fixture); dropped, with its connections, on dispose.</summary>
internal sealed class TemporaryDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public Task<NpgsqlConnection> OpenAsync() => PostgresServer.OpenAsync(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await using var connection = await PostgresServer.OpenAsync(PostgresServer.ConnectionString!);
        await PostgresServer.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
