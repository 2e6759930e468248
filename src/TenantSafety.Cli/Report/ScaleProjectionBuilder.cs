namespace TenantSafety.Cli.Report;

/// <summary>
/// Scale Projections: rows at the assumed tenants × rows per tenant for the hot tables, the team-partitioning
/// candidates and the tables given their own count; and the size of every tenant-key and composite index at those
/// rows, from its columns' types (<see cref="IndexSizeEstimator"/>), beside the measured size with <c>--database</c>.
/// </summary>
internal static class ScaleProjectionBuilder
{
    public static ScaleProjection Build(
        ScaleAssumptions assumptions,
        IReadOnlyList<TableFacts> tables,
        IReadOnlyList<IndexRecommendation> required,
        IReadOnlyList<IndexRecommendation> composites,
        IReadOnlyList<TenantPartitionCandidate> tenantPartitions,
        LiveDatabase? database)
    {
        var projected = new List<ProjectedTable>();
        foreach (var table in tables)
        {
            var why = table.Hot ? "hot"
                : tenantPartitions.Any(p => p.Table == table.Table) ? "team partitioning candidate"
                : assumptions.RowsPerTenantByTable.ContainsKey(table.Table) ? "--rows-per-tenant"
                : null;
            if (why is null)
            {
                continue;
            }

            var live = database?.Tables.FirstOrDefault(t => t.Table == table.Table);
            projected.Add(new ProjectedTable(
                table.Table,
                why,
                assumptions.RowsPerTenantOf(table.Table),
                assumptions.ProjectedRows(table.Table),
                live?.Rows,
                live is null ? null : live.TableBytes + live.IndexesBytes));
        }

        var indexes = new List<IndexSizeEstimate>();
        foreach (var table in tables.Where(t => t.TenantKeyColumn is not null))
        {
            foreach (var index in table.Indexes.Where(i => i.LedBy(table.TenantKeyColumn)))
            {
                indexes.Add(Estimate(table, index.Name, index.Columns, "existing", assumptions, database));
            }
        }

        foreach (var recommendation in required.Concat(composites))
        {
            if (tables.FirstOrDefault(t => t.Table == recommendation.Table) is { } table)
            {
                var kind = recommendation.Columns.Count == 1 ? $"required ({recommendation.Priority})" : "composite";
                indexes.Add(Estimate(table, recommendation.Name, recommendation.Columns, kind, assumptions, database));
            }
        }

        return new ScaleProjection(
            assumptions,
            projected.OrderByDescending(p => p.ProjectedRows).ThenBy(p => p.Table, StringComparer.Ordinal).ToList(),
            indexes);
    }

    private static IndexSizeEstimate Estimate(TableFacts table, string name, IReadOnlyList<string> columns, string kind, ScaleAssumptions assumptions, LiveDatabase? database)
    {
        var keys = columns.Select(c => table.ColumnStorage.TryGetValue(c, out var storage) ? storage : new ColumnStorage("text", ColumnStorage.AverageTextBytes, 1)).ToList();
        var rows = assumptions.ProjectedRows(table.Table);
        var onTenantKeyAlone = columns.Count == 1 && columns[0] == table.TenantKeyColumn;
        var measured = database?.Tables.FirstOrDefault(t => t.Table == table.Table)?.Indexes.FirstOrDefault(i => i.Name == name)?.Bytes;
        return new IndexSizeEstimate(
            table.Table,
            name,
            columns,
            kind,
            rows,
            IndexSizeEstimator.LeafEntryBytes(keys),
            IndexSizeEstimator.Estimate(keys, rows),
            onTenantKeyAlone ? IndexSizeEstimator.EstimateDeduplicated(keys, rows, assumptions.Tenants) : null,
            measured);
    }
}
