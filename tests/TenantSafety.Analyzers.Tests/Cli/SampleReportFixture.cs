using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Packaging;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>
/// Runs <c>tenant-safety report</c> on the sample once per format (MSBuild loading takes seconds) and keeps what
/// each run printed, for the report tests to read.
/// </summary>
public sealed class SampleReportFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _outputDirectory = Directory.CreateTempSubdirectory("tenantsafety-report-");

    internal DotNetResult Markdown { get; private set; } = null!;

    internal DotNetResult Json { get; private set; } = null!;

    internal DotNetResult Sarif { get; private set; } = null!;

    public string JsonPath => Path.Combine(_outputDirectory.FullName, "audit.json");

    public JsonDocument JsonReport { get; private set; } = null!;

    public JsonDocument SarifReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The README's command: restores the sample, prints Markdown; no error-level finding in the sample.
        Markdown = await ReportTool.ReportOnSampleAsync("--fail-on", "error");
        Json = await ReportTool.ReportOnSampleAsync("--format", "json", "--output", JsonPath, "--fail-on", "warning", "--no-restore");
        // SARIF with other scale assumptions: its property bag must carry them (the JSON run keeps the seed's defaults).
        Sarif = await ReportTool.ReportOnSampleAsync("--format", "sarif", "--no-restore", "--tenants", "200", "--rows-per-tenant", "messages=50000");

        JsonReport = File.Exists(JsonPath) ? JsonDocument.Parse(File.ReadAllText(JsonPath)) : JsonDocument.Parse("{}");
        SarifReport = Sarif.Succeeded ? JsonDocument.Parse(Sarif.StandardOutput) : JsonDocument.Parse("{}");
    }

    public Task DisposeAsync()
    {
        JsonReport?.Dispose();
        SarifReport?.Dispose();
        try
        {
            _outputDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Tests that run the report tool on the sample share one set of runs, and the PostgreSQL tests one build of the
/// sample's create scripts (made on first use).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SampleReportCollection : ICollectionFixture<SampleReportFixture>, ICollectionFixture<Postgres.OutreachSchemaFixture>
{
    public const string Name = "Sample report";
}
