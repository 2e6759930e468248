using System.CommandLine;
using TenantSafety.Cli;
using TenantSafety.Cli.Analysis;

var pathArgument = new Argument<string>("project-or-solution")
{
    Description = "The .csproj, .sln or .slnx to audit.",
};
var formatOption = new Option<string>("--format", "-f")
{
    Description = "The report format.",
    DefaultValueFactory = _ => ReportFormats.Markdown,
};
formatOption.AcceptOnlyFromAmong(ReportFormats.All);
var outputOption = new Option<string?>("--output", "-o")
{
    Description = "Write the report to this file instead of standard output.",
};
var failOnOption = new Option<string>("--fail-on")
{
    Description = "Exit with code 1 when a finding has this severity or a higher one.",
    DefaultValueFactory = _ => "none",
};
failOnOption.AcceptOnlyFromAmong(SeverityNames.Error, SeverityNames.Warning, SeverityNames.Suggestion, "none");
var noRestoreOption = new Option<bool>("--no-restore")
{
    Description = "Do not run 'dotnet restore' before loading the project.",
};

var report = new Command("report", "Audit an EF Core project for multi-tenant safety: tenant-key indexes, hot tables, cross-tenant queries and row-level security.")
{
    pathArgument,
    formatOption,
    outputOption,
    failOnOption,
    noRestoreOption,
};
report.SetAction((parseResult, cancellationToken) => ReportRunner.RunAsync(
    new ReportOptions(
        parseResult.GetValue(pathArgument)!,
        parseResult.GetValue(formatOption)!,
        parseResult.GetValue(outputOption),
        parseResult.GetValue(failOnOption)!,
        Restore: !parseResult.GetValue(noRestoreOption)),
    Console.Out,
    Console.Error,
    cancellationToken));

var root = new RootCommand("tenant-safety: multi-tenant safety audits of EF Core code.") { report };
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Usage: tenant-safety report <project-or-solution> [--format markdown|json|sarif] [--output FILE] [--fail-on error|warning|suggestion|none] [--no-restore]");
    return ExitCodes.InvalidInput;
}

return await parsed.InvokeAsync();
