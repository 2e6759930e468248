using System.CommandLine;
using System.CommandLine.Help;
using TenantSafety.Cli;
using TenantSafety.Cli.Analysis;

var pathArgument = new Argument<string>("project-or-solution")
{
    Description = "The .csproj, .sln or .slnx to audit.",
};
var formatOption = new Option<string>("--format", "-f")
{
    Description = "The report format (md is short for markdown).",
    DefaultValueFactory = _ => ReportFormats.Markdown,
};
formatOption.AcceptOnlyFromAmong(ReportFormats.Accepted);
var outputOption = new Option<string?>("--output", "-o")
{
    Description = "Write the report to this file instead of standard output.",
};
var failOnOption = new Option<string>("--fail-on")
{
    Description = "Exit with code 1 when a finding has this severity or a higher one, or a project does not compile.",
    DefaultValueFactory = _ => "none",
};
failOnOption.AcceptOnlyFromAmong(SeverityNames.Error, SeverityNames.Warning, SeverityNames.Suggestion, "none");
var noRestoreOption = new Option<bool>("--no-restore")
{
    Description = "Do not run 'dotnet restore' before loading the project.",
};
var databaseOption = new Option<string?>("--database")
{
    Description = $"Compare the model with this PostgreSQL database (a connection string; read-only). Default: the {ReportOptions.DatabaseEnvironmentVariable} environment variable.",
};
var tenantsOption = new Option<long>("--tenants")
{
    Description = "Scale Projections: the number of tenants.",
    DefaultValueFactory = _ => ScaleAssumptions.DefaultTenants,
};
var rowsPerTenantOption = new Option<string[]>("--rows-per-tenant")
{
    Description = $"Scale Projections: rows per tenant of every table (N, default {ScaleAssumptions.DefaultRowsPerTenant}) or of one table (table=N); repeatable.",
};

var report = new Command("report", "Audit an EF Core project for multi-tenant safety: tenant-key indexes, hot tables, cross-tenant queries, row-level security, connection pooling and scale.")
{
    pathArgument,
    formatOption,
    outputOption,
    failOnOption,
    noRestoreOption,
    databaseOption,
    tenantsOption,
    rowsPerTenantOption,
};
report.SetAction(async (parseResult, cancellationToken) =>
{
    var scale = ScaleAssumptions.Parse(parseResult.GetValue(tenantsOption), parseResult.GetValue(rowsPerTenantOption) ?? [], out var scaleError);
    if (scale is null)
    {
        Console.Error.WriteLine($"error: {scaleError}");
        return (int)ExitCode.InvalidInput;
    }

    var database = parseResult.GetValue(databaseOption);
    if (string.IsNullOrWhiteSpace(database))
    {
        database = Environment.GetEnvironmentVariable(ReportOptions.DatabaseEnvironmentVariable);
    }

    return (int)await ReportRunner.RunAsync(
        new ReportOptions(
            parseResult.GetValue(pathArgument)!,
            ReportFormats.Normalize(parseResult.GetValue(formatOption)!),
            parseResult.GetValue(outputOption),
            parseResult.GetValue(failOnOption)!,
            Restore: !parseResult.GetValue(noRestoreOption),
            Database: string.IsNullOrWhiteSpace(database) ? null : database,
            Scale: scale),
        Console.Out,
        Console.Error,
        cancellationToken).ConfigureAwait(false);
});

// The command is named as users type it (the tool's command name), not after the assembly that runs it.
var root = new Command("tenant-safety", "tenant-safety: multi-tenant safety audits of EF Core code.")
{
    report,
    new HelpOption(),
    new VersionOption(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Usage: tenant-safety report <project-or-solution> [--format markdown|md|json|sarif] [--output FILE] [--fail-on error|warning|suggestion|none] [--no-restore] [--database CONNECTION-STRING] [--tenants N] [--rows-per-tenant N|table=N]");
    return (int)ExitCode.InvalidInput;
}

return await parsed.InvokeAsync();
