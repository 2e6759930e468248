using System.Data.Common;

namespace TenantSafety.Cli.Report;

/// <summary>
/// The settings of one Npgsql connection string that matter for pooling, by Npgsql's canonical names
/// (<c>Maximum Pool Size</c> for <c>MaxPoolSize</c>, <c>Max Pool Size</c>, …). Only these are kept: a password
/// (or any other key) is never stored, so it can never be printed; <see cref="HasPassword"/> says whether one was there.
/// </summary>
internal sealed record ConnectionSettings(IReadOnlyDictionary<string, string> Values, bool HasPassword)
{
    public const string Host = "Host";
    public const string Port = "Port";
    public const string Database = "Database";
    public const string Pooling = "Pooling";
    public const string MaxPoolSize = "Maximum Pool Size";
    public const string MinPoolSize = "Minimum Pool Size";
    public const string Timeout = "Timeout";
    public const string ConnectionIdleLifetime = "Connection Idle Lifetime";
    public const string Multiplexing = "Multiplexing";
    public const string NoResetOnClose = "No Reset On Close";
    public const string MaxAutoPrepare = "Max Auto Prepare";

    /// <summary>The pool settings in the order the report shows them, with Npgsql's defaults.</summary>
    public static readonly IReadOnlyList<(string Name, string Default)> PoolSettings =
    [
        (Pooling, "true"),
        (MaxPoolSize, "100"),
        (MinPoolSize, "0"),
        (Timeout, "15"),
        (ConnectionIdleLifetime, "300"),
        (Multiplexing, "false"),
        (NoResetOnClose, "false"),
        (MaxAutoPrepare, "0"),
    ];

    /// <summary>Npgsql's keywords and synonyms, spaces removed and lower-cased, to the names above.</summary>
    private static readonly Dictionary<string, string> s_keywords = new(StringComparer.Ordinal)
    {
        ["host"] = Host,
        ["server"] = Host,
        ["port"] = Port,
        ["database"] = Database,
        ["db"] = Database,
        ["pooling"] = Pooling,
        ["maximumpoolsize"] = MaxPoolSize,
        ["maxpoolsize"] = MaxPoolSize,
        ["minimumpoolsize"] = MinPoolSize,
        ["minpoolsize"] = MinPoolSize,
        ["timeout"] = Timeout,
        ["connecttimeout"] = Timeout,
        ["connectiontimeout"] = Timeout,
        ["connectionidlelifetime"] = ConnectionIdleLifetime,
        ["multiplexing"] = Multiplexing,
        ["noresetonclose"] = NoResetOnClose,
        ["maxautoprepare"] = MaxAutoPrepare,
    };

    private static readonly string[] s_passwordKeywords = ["password", "psw", "pwd", "sslpassword"];

    /// <summary>PgBouncer's default port.</summary>
    private const string PgBouncerPort = "6432";

    public string? this[string name] => Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Whether the connection goes through PgBouncer, as named in the connection itself: a host called
    /// <c>pgbouncer…</c>, PgBouncer's port 6432, or a connection-string name that says so.
    /// </summary>
    public bool NamesPgBouncer(string? connectionName = null) =>
        (this[Host]?.Contains("pgbouncer", StringComparison.OrdinalIgnoreCase) ?? false)
        || this[Port] == PgBouncerPort
        || (connectionName?.Contains("pgbouncer", StringComparison.OrdinalIgnoreCase) ?? false);

    public bool IsTrue(string name) => string.Equals(this[name], "true", StringComparison.OrdinalIgnoreCase);

    public int? IntegerOf(string name) => int.TryParse(this[name], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Where the connection goes, without credentials: <c>db.internal:6432/outreach</c>.</summary>
    public string Target =>
        (this[Host] ?? "?") + (this[Port] is { } port ? ":" + port : string.Empty) + (this[Database] is { } database ? "/" + database : string.Empty);

    /// <summary>Parses an ADO.NET-style connection string or a <c>postgres://</c> URL; null when it is neither or names no host or database.</summary>
    public static ConnectionSettings? Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var trimmed = connectionString.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseUrl(trimmed);
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = trimmed;
        }
        catch (ArgumentException)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasPassword = false;
        foreach (string key in builder.Keys)
        {
            var normalized = key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            if (s_passwordKeywords.Contains(normalized))
            {
                hasPassword |= !string.IsNullOrEmpty(builder[key]?.ToString());
            }
            else if (s_keywords.TryGetValue(normalized, out var name))
            {
                values[name] = builder[key]?.ToString() ?? string.Empty;
            }
        }

        return values.ContainsKey(Host) || values.ContainsKey(Database) ? new ConnectionSettings(values, hasPassword) : null;
    }

    private static ConnectionSettings? ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { [Host] = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            values[Port] = uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            values[Database] = Uri.UnescapeDataString(database);
        }

        return new ConnectionSettings(values, HasPassword: uri.UserInfo.Contains(':', StringComparison.Ordinal));
    }
}
