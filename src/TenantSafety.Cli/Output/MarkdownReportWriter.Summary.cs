using System.Globalization;
using TenantSafety.Cli.Report;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Output;

/// <summary>The executive summary's added rows and team-based partitioning.</summary>
internal static partial class MarkdownReportWriter
{
    private static void WriteForeignKeySummaryRow(Audit audit, TextWriter writer)
    {
        var summary = audit.ForeignKeyIndexes;
        var risk = summary.Unindexed.Count == 0
            ? "✅ none missing"
            : $"⚠️ {Plural.Of(summary.Unindexed.Count, "reference")} without an index";
        writer.WriteLine($"| Tables with FK INDEX | {summary.TablesWithEveryReferenceIndexed} of {Plural.Of(summary.TablesWithReferences, "table")} with references | {risk} |");
    }

    private static void WriteLiveSummaryRows(Audit audit, TextWriter writer, string key)
    {
        if (audit.Database is not { } database)
        {
            return;
        }

        var tenant = database.Tables.Where(t => t.TenantTable).ToList();
        var secured = tenant.Count(t => t.RowSecurity && t.Policies.Count > 0);
        writer.WriteLine($"| Model indexes missing in the database | {database.MissingInDatabase.Count} | {(database.MissingInDatabase.Count == 0 ? "✅ no drift" : "🔴 drift")} |");
        writer.WriteLine($"| Row-level security in the database | {secured} of {Plural.Of(tenant.Count, "tenant table")} | {(secured == tenant.Count ? "✅" : $"🔴 {tenant.Count - secured} without")} |");
        var undeclared = database.HotTables.Count(h => !h.DeclaredHot);
        var unindexed = database.HotTables.Count(h => !h.TenantKeyIndexed && tenant.Any(t => t.Table == h.Table));
        writer.WriteLine($"| Hot tables in the database | {database.HotTables.Count} | {(undeclared + unindexed == 0 ? "✅" : $"🔴 {undeclared} not declared hot, {unindexed} with no {key} index")} |");
    }

    private static void WriteTenantPartitioning(Audit audit, TextWriter writer)
    {
        var candidates = audit.TenantPartitionCandidates;
        if (candidates.Count > 0)
        {
            WriteBlock(writer, "### Candidates for Team-Based Partitioning");
            WriteBlock(writer, $"Tenant tables that at least {TenantPartitionBuilder.MinimumReferencingTables} tables of the tenant reference, and that are updated rather than only appended to:");
            writer.WriteLine("| Table | Partition Key | Rationale |");
            writer.WriteLine("|-------|---------------|-----------|");
            foreach (var candidate in candidates)
            {
                writer.WriteLine($"| {candidate.Table} | {candidate.PartitionKey} (LIST or HASH) | {Escape(candidate.Rationale)} |");
            }

            writer.WriteLine();
        }

        var byTime = audit.PartitionCandidates.FirstOrDefault();
        var byTenant = candidates.FirstOrDefault();
        if (byTime is null && byTenant is null)
        {
            return;
        }

        WriteBlock(writer, "### Partitioning Implementation (Future)");
        WriteBlock(writer, "A partitioned table's primary key and unique indexes must include the partition key (`PRIMARY KEY (id, created_at)`); move the data in batches, then swap the names.");
        writer.WriteLine("```sql");
        if (byTime is not null)
        {
            var column = byTime.PartitionKey.Split(' ')[0];
            var month = new DateTime(audit.Generated.Year, audit.Generated.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            writer.WriteLine($"-- Example: partition {byTime.Table} by month");
            writer.WriteLine($"CREATE TABLE {byTime.Table}_partitioned (");
            writer.WriteLine($"  LIKE {byTime.Table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS");
            WriteBlock(writer, $") PARTITION BY RANGE ({column});");
            for (var i = 0; i < 2; i++)
            {
                var from = month.AddMonths(i);
                writer.WriteLine($"CREATE TABLE {byTime.Table}_{from.ToString("yyyy_MM", CultureInfo.InvariantCulture)} PARTITION OF {byTime.Table}_partitioned");
                writer.WriteLine($"FOR VALUES FROM ('{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}') TO ('{from.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}');");
            }

            writer.WriteLine("-- etc.");
        }

        if (byTenant is not null)
        {
            if (byTime is not null)
            {
                writer.WriteLine();
            }

            writer.WriteLine($"-- Example: partition {byTenant.Table} by team (16 hash partitions; LIST partitions give one large team its own)");
            writer.WriteLine($"CREATE TABLE {byTenant.Table}_partitioned (");
            writer.WriteLine($"  LIKE {byTenant.Table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS");
            WriteBlock(writer, $") PARTITION BY HASH ({byTenant.PartitionKey});");
            writer.WriteLine($"CREATE TABLE {byTenant.Table}_p0 PARTITION OF {byTenant.Table}_partitioned FOR VALUES WITH (MODULUS 16, REMAINDER 0);");
            writer.WriteLine("-- … REMAINDER 1 to 15");
        }

        WriteBlock(writer, "```");
    }
}
