using TenantSafety.Cli.Report;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Output;

/// <summary>Scale Projections and the Checklist.</summary>
internal static partial class MarkdownReportWriter
{
    /// <summary><paramref name="live"/>: a database was read, so the tables show today's rows and sizes too.</summary>
    private static void WriteScaleProjections(ScaleProjection scale, bool live, TextWriter writer)
    {
        var assumptions = scale.Assumptions;
        WriteBlock(writer, "## Scale Projections");
        WriteBlock(writer, "### Assumptions");
        writer.WriteLine($"- {Sizes.Rows(assumptions.Tenants)} tenants (`--tenants`)");
        writer.WriteLine($"- {Sizes.Rows(assumptions.RowsPerTenant)} rows per tenant in each table (`--rows-per-tenant`)");
        foreach (var (table, rows) in assumptions.RowsPerTenantByTable.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteLine($"- {table}: {Sizes.Rows(rows)} rows per tenant (`--rows-per-tenant {table}={rows}`)");
        }

        WriteBlock(writer, "- Indexes freshly built (`CREATE INDEX`), leaf pages 90% full; text keys of 15 characters on average (formula in docs/report.md)");

        WriteBlock(writer, "### Projected Table Sizes");
        if (scale.Tables.Count == 0)
        {
            writer.WriteLine("No hot tables, team-partitioning candidates or tables given their own row count.");
        }
        else
        {
            writer.WriteLine(live ? "| Table | Why | Rows per tenant | Projected rows | Rows today | Size today |" : "| Table | Why | Rows per tenant | Projected rows |");
            writer.WriteLine(live ? "|-------|-----|-----------------|----------------|------------|------------|" : "|-------|-----|-----------------|----------------|");
            foreach (var table in scale.Tables)
            {
                var row = $"| {table.Table} | {table.Why} | {Sizes.Rows(table.RowsPerTenant)} | {Sizes.Rows(table.ProjectedRows)} |";
                writer.WriteLine(live
                    ? row + $" {(table.CurrentRows is { } rows ? Sizes.Rows(rows) : "-")} | {(table.CurrentBytes is { } bytes ? Sizes.Bytes(bytes) : "-")} |"
                    : row);
            }
        }

        writer.WriteLine();
        WriteBlock(writer, "### Index Size Estimates");
        WriteBlock(writer, "The tenant-key indexes of the projected tables (in the model and to add) and the composite indexes to add, at each table's projected rows. The estimate assumes no deduplication (unique indexes, PostgreSQL 12 and older, `deduplicate_items = off`); PostgreSQL 13+ deduplicates repeated keys, so an index on the tenant key alone is far smaller — the next column." + (live ? " With a database, prefer the measured size." : string.Empty));
        writer.WriteLine(live
            ? "| Index | Table | Columns | Kind | Projected rows | Leaf entry | Estimated size | Deduplicated (PG 13+) | Measured today |"
            : "| Index | Table | Columns | Kind | Projected rows | Leaf entry | Estimated size | Deduplicated (PG 13+) |");
        writer.WriteLine(live
            ? "|-------|-------|---------|------|----------------|------------|----------------|-----------------------|----------------|"
            : "|-------|-------|---------|------|----------------|------------|----------------|-----------------------|");
        var projected = scale.Tables.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        foreach (var index in scale.Indexes.Where(i => projected.Contains(i.Table) || i.Kind == "composite"))
        {
            var row = $"| {index.Index} | {index.Table} | ({string.Join(", ", index.Columns)}) | {index.Kind} | {Sizes.Rows(index.ProjectedRows)} | {index.LeafEntryBytes} bytes | ~{Sizes.Bytes(index.EstimatedBytes)} | {(index.DeduplicatedBytes is { } dedup ? "~" + Sizes.Bytes(dedup) : "-")} |";
            writer.WriteLine(live ? row + $" {(index.MeasuredBytes is { } measured ? Sizes.Bytes(measured) : "-")} |" : row);
        }

        writer.WriteLine();
        var others = scale.Indexes.Where(i => !projected.Contains(i.Table) && i.Kind != "composite").ToList();
        if (others.Count > 0)
        {
            WriteBlock(writer, $"The other {others.Count} tenant-key indexes (of the other tenant tables, in the model or to add) are ~{Sizes.Bytes(others.Min(i => i.EstimatedBytes))} to ~{Sizes.Bytes(others.Max(i => i.EstimatedBytes))} each at their projected rows; the JSON report (`scaleProjection.indexes`) lists every one.");
        }

        EndSection(writer);
    }

    private static void WriteChecklist(Audit audit, TextWriter writer)
    {
        if (audit.Checklist.Count == 0)
        {
            return;
        }

        WriteBlock(writer, "## Checklist");
        foreach (var group in audit.Checklist.GroupBy(i => i.Group))
        {
            WriteBlock(writer, $"### {group.Key}");
            foreach (var item in group)
            {
                writer.WriteLine($"- [{(item.Done ? "x" : " ")}] {item.Item} — {Escape(item.Reason)}");
            }

            writer.WriteLine();
        }

        EndSection(writer);
    }
}
