using System.Net.Sockets;
using Npgsql;

namespace TenantSafety.Cli.Database;

/// <summary>
/// The <c>--database</c> connection string: parsed (Npgsql keywords, or a <c>postgres://</c> URL), shown only as
/// host, port and database, and opened without a pool. Failures become the documented exit codes; no message
/// carries the password.
/// </summary>
internal sealed class DatabaseConnection
{
    private readonly NpgsqlConnectionStringBuilder _builder;

    private DatabaseConnection(NpgsqlConnectionStringBuilder builder)
    {
        _builder = builder;
    }

    /// <summary>Where the report connects, without user or password: <c>127.0.0.1:5432/outreach</c>.</summary>
    public string Target => $"{_builder.Host}:{_builder.Port}/{_builder.Database ?? _builder.Username ?? "postgres"}";

    public static DatabaseConnection Parse(string connectionString)
    {
        try
        {
            var builder = connectionString.TrimStart().StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && connectionString.Contains("://", StringComparison.Ordinal)
                ? FromUrl(connectionString.Trim())
                : new NpgsqlConnectionStringBuilder(connectionString);
            builder.Pooling = false;
            builder.ApplicationName = "tenant-safety report";
            builder.CommandTimeout = 120;
            return new DatabaseConnection(builder);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or InvalidCastException)
        {
            // The parser's messages name the keyword, never the value.
            throw new ReportException($"--database is not a PostgreSQL connection string ({e.Message}).", ExitCode.InvalidInput);
        }
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Failure(e, "connect to");
        }
    }

    /// <summary>The report's exception for a database failure: no permission (exit 6), else unreachable (exit 5).</summary>
    public ReportException Failure(Exception e, string doing)
    {
        var message = Scrub(e is PostgresException postgres ? postgres.MessageText : Describe(e));
        return e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege }
            ? new ReportException($"The database {Target} refused the report's role ({_builder.Username}) permission to {doing} it: {message}. Grant CONNECT on the database and USAGE on its schemas; pg_read_all_stats shows every role's statements.", ExitCode.DatabasePermissionDenied)
            : new ReportException($"Cannot {doing} the database {Target}: {message}", ExitCode.DatabaseUnreachable);
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(": ", messages);
    }

    /// <summary>Belt and braces: a message that quoted the password would print it; it never leaves here.</summary>
    private string Scrub(string message) =>
        string.IsNullOrEmpty(_builder.Password) ? message : message.Replace(_builder.Password, "***", StringComparison.Ordinal);

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        return builder;
    }
}
