using System;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>
/// A test against a real PostgreSQL server: it runs when <c>TENANTSAFETY_PG</c> holds a connection string and is
/// skipped, saying why, when it does not. <c>.ci/run</c> always sets it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgresServer.ConnectionString))
        {
            Skip = $"{PostgresServer.EnvironmentVariable} is not set: no PostgreSQL server to test against (.ci/run installs and starts one).";
        }
    }
}
