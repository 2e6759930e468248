using System.Text.Json;
using TenantSafety.Analyzers;
using TenantSafety.Cli.Analysis;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Output;

/// <summary>The findings as SARIF 2.1.0, for code-scanning dashboards: one run, every rule, suppressed findings marked.</summary>
internal static class SarifReportWriter
{
    public static void Write(Audit audit, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "TenantSafety");
            json.WriteString("version", audit.ToolVersion);
            // Like the rules' help links: an address only once the project has a public one (RuleDescriptors.HelpLinkBase).
            if (RuleDescriptors.HelpLinkBase.Length > 0)
            {
                json.WriteString("informationUri", RuleDescriptors.HelpLinkBase);
            }

            json.WriteStartArray("rules");
            foreach (var rule in audit.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                if (rule.HelpUri is not null)
                {
                    json.WriteString("helpUri", rule.HelpUri);
                }

                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", Level(rule.DefaultSeverity));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var finding in audit.Findings)
            {
                WriteResult(json, audit, finding, suppressed: false);
            }

            foreach (var finding in audit.SuppressedFindings)
            {
                WriteResult(json, audit, finding, suppressed: true);
            }

            json.WriteEndArray();

            // Everything else the report says (tables, recommendations, pooling, projections, checklist, the live
            // database), as the JSON report has it, in the run's property bag.
            json.WriteStartObject("properties");
            json.WritePropertyName("tenantSafety");
            JsonSerializer.Serialize(json, JsonReportWriter.Document(audit, withFindings: false), JsonReportWriter.Options);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteResult(Utf8JsonWriter json, Audit audit, Finding finding, bool suppressed)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Id);
        var ruleIndex = audit.Rules.ToList().FindIndex(r => r.Id == finding.Id);
        if (ruleIndex >= 0)
        {
            json.WriteNumber("ruleIndex", ruleIndex);
        }

        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ToUri(finding.File));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.Line);
        json.WriteNumber("startColumn", finding.Column);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (suppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Level(string severity) => severity switch
    {
        SeverityNames.Error => "error",
        SeverityNames.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative path stays a relative URI reference (forward slashes); an absolute one becomes a file URI.</summary>
    private static string ToUri(string file) =>
        Path.IsPathRooted(file) ? new Uri(file).AbsoluteUri : Uri.EscapeDataString(file).Replace("%2F", "/", StringComparison.Ordinal);
}
