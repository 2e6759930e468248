using TenantSafety.Analyzers;

namespace TenantSafety.Cli.Report;

/// <summary>
/// The executive summary's "Tables with FK INDEX": every table with a foreign key or a reference-like column
/// (TSA2003), and the references no index starts with — the seed audit's "FK indexes: partial".
/// </summary>
internal static class ForeignKeyIndexBuilder
{
    public static ForeignKeyIndexSummary Build(IReadOnlyList<TableFacts> tables, IReadOnlyList<Finding> findings)
    {
        var unindexed = new List<UnindexedReference>();
        foreach (var table in tables)
        {
            foreach (var foreignKey in table.ForeignKeys.Where(fk => !fk.Indexed))
            {
                unindexed.Add(new UnindexedReference(table.Table, string.Join(", ", foreignKey.Columns), "foreign key", table.Declaration?.File, table.Declaration?.Line));
            }
        }

        foreach (var finding in findings.Where(f => f.Id == RuleIdentifiers.UnindexedReference))
        {
            if (AuditBuilder.FixOf(finding, tables) is ({ } table, { Index: { Length: 1 } index }))
            {
                unindexed.Add(new UnindexedReference(table.Table, AuditBuilder.ColumnsOf(table, index)[0], RuleIdentifiers.UnindexedReference, finding.File, finding.Line));
            }
        }

        var withReferences = tables.Where(t => t.ForeignKeys.Count > 0 || unindexed.Any(u => u.Table == t.Table)).Select(t => t.Table).ToList();
        return new ForeignKeyIndexSummary(
            withReferences.Count,
            withReferences.Count(t => !unindexed.Any(u => u.Table == t)),
            unindexed.OrderBy(u => u.Table, StringComparer.Ordinal).ThenBy(u => u.Column, StringComparer.Ordinal).ToList());
    }
}
