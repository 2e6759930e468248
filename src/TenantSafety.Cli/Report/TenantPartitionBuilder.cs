namespace TenantSafety.Cli.Report;

/// <summary>
/// Candidates for team-based partitioning: tenant tables that at least <see cref="MinimumReferencingTables"/> other
/// tables of the tenant reference through foreign keys, and that are not append-only (those are partitioned by time).
/// A team's rows there and in the tables below grow together; LIST or HASH partitions on the tenant key keep a large
/// team's rows apart, and partitioning the referencing tables the same way keeps their joins inside one partition.
/// </summary>
internal static class TenantPartitionBuilder
{
    public const int MinimumReferencingTables = 3;

    public static List<TenantPartitionCandidate> Build(IReadOnlyList<TableFacts> tables, IReadOnlyList<PartitionCandidate> timeCandidates)
    {
        var candidates = new List<TenantPartitionCandidate>();
        foreach (var table in tables.Where(t => t.TenantKeyColumn is not null && !timeCandidates.Any(c => c.Table == t.Table)))
        {
            // Rows of the tenant: tenant tables, and tables scoped through a tenant table.
            var referencedBy = tables
                .Where(other => other.Table != table.Table
                    && (other.TenantKey is not null || other.ScopedThrough is not null)
                    && other.ForeignKeys.Any(fk => fk.PrincipalTable == table.Table))
                .Select(other => other.Table)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (referencedBy.Count < MinimumReferencingTables)
            {
                continue;
            }

            candidates.Add(new TenantPartitionCandidate(
                table.Table,
                table.TenantKeyColumn!,
                $"Referenced by {referencedBy.Count} tables of the tenant ({string.Join(", ", referencedBy)}): a team's rows here and below grow together; partitions by {table.TenantKeyColumn} keep a large team apart.",
                referencedBy));
        }

        return candidates;
    }
}
