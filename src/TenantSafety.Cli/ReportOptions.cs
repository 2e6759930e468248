namespace TenantSafety.Cli;

/// <summary>What <c>tenant-safety report</c> was asked to do.</summary>
/// <param name="Path">The project or solution to load.</param>
/// <param name="Format">The output format: <c>markdown</c> (also <c>md</c>), <c>json</c> or <c>sarif</c>.</param>
/// <param name="Output">The file to write; null writes to standard output.</param>
/// <param name="FailOn">The lowest severity that makes the exit code non-zero, or <c>none</c>.</param>
/// <param name="Restore">Whether to run <c>dotnet restore</c> before loading (<c>--no-restore</c> turns it off).</param>
/// <param name="Database">
/// The connection string of a live database to compare with the model (<c>--database</c>, else
/// <see cref="DatabaseEnvironmentVariable"/>); null for a report from code alone. Never printed.
/// </param>
/// <param name="Scale">The Scale Projections' assumptions (<c>--tenants</c>, <c>--rows-per-tenant</c>).</param>
internal sealed record ReportOptions(
    string Path,
    string Format,
    string? Output,
    string FailOn,
    bool Restore,
    string? Database = null,
    ScaleAssumptions? Scale = null)
{
    /// <summary>Where the connection string comes from when <c>--database</c> is not given: it stays out of shell history.</summary>
    public const string DatabaseEnvironmentVariable = "TENANTSAFETY_DATABASE";

    public ScaleAssumptions ScaleAssumptions => Scale ?? ScaleAssumptions.Default;
}

/// <summary>
/// How many tenants and rows per tenant the Scale Projections assume: the seed audit's 100 tenants and 10,000 rows
/// per tenant unless <c>--tenants</c> or <c>--rows-per-tenant</c> say otherwise (a table's own count with <c>table=N</c>).
/// </summary>
internal sealed record ScaleAssumptions(long Tenants, long RowsPerTenant, IReadOnlyDictionary<string, long> RowsPerTenantByTable)
{
    public const long DefaultTenants = 100;
    public const long DefaultRowsPerTenant = 10_000;

    public static ScaleAssumptions Default { get; } = new(DefaultTenants, DefaultRowsPerTenant, new Dictionary<string, long>(StringComparer.Ordinal));

    public long RowsPerTenantOf(string table) => RowsPerTenantByTable.TryGetValue(table, out var rows) ? rows : RowsPerTenant;

    public long ProjectedRows(string table) => Tenants * RowsPerTenantOf(table);

    /// <summary>Parses <c>--rows-per-tenant</c> values: <c>N</c> for every table, <c>table=N</c> for one; null and a message when one is not a count.</summary>
    public static ScaleAssumptions? Parse(long tenants, IEnumerable<string> rowsPerTenant, out string? error)
    {
        error = null;
        var rows = DefaultRowsPerTenant;
        var byTable = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var value in rowsPerTenant)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var count = equals < 0 ? value : value[(equals + 1)..];
            if (!long.TryParse(count, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
            {
                error = $"--rows-per-tenant '{value}' is not a row count (N, or table=N).";
                return null;
            }

            if (equals < 0)
            {
                rows = parsed;
            }
            else
            {
                byTable[value[..equals].Trim()] = parsed;
            }
        }

        if (tenants <= 0)
        {
            error = $"--tenants {tenants} must be at least 1.";
            return null;
        }

        return new ScaleAssumptions(tenants, rows, byTable);
    }
}
