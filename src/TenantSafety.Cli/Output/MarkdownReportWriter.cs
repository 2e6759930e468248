using System.Globalization;
using TenantSafety.Analyzers;
using TenantSafety.Cli.Report;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Output;

/// <summary>The audit as Markdown, section for section in the shape of the hand-written seed audit.</summary>
internal static partial class MarkdownReportWriter
{
    private static readonly string[] s_crossTenantRules =
    [
        RuleIdentifiers.UnscopedTenantQuery,
        RuleIdentifiers.CrossTenantAggregate,
        RuleIdentifiers.UnscopedBulkOperation,
        RuleIdentifiers.UnscopedRawSql,
        RuleIdentifiers.IgnoredTenantFilter,
        RuleIdentifiers.BulkUpdateChangesTenantKey,
    ];

    public static void Write(Audit audit, TextWriter writer)
    {
        var tenantTables = audit.TenantTables.ToList();
        var indexed = tenantTables.Where(t => t.TenantKeyIndexed).ToList();
        var missing = tenantTables.Where(t => t.LacksTenantKeyIndex).ToList();
        var hot = audit.Tables.Where(t => t.Hot).ToList();
        var crossTenant = audit.Findings.Where(f => s_crossTenantRules.Contains(f.Id)).ToList();
        var filtered = tenantTables.Where(t => t.TenantFilter).ToList();
        var key = tenantTables.Select(t => t.TenantKeyColumn).FirstOrDefault() ?? "team_id";

        WriteBlock(writer, "# PERFORMANCE AND SCALE SAFETY");
        writer.WriteLine($"**Generated:** {audit.Generated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} by tenant-safety {audit.ToolVersion}  ");
        writer.WriteLine($"**Source:** `{audit.Input}` ({string.Join(", ", audit.Projects)})  ");
        writer.WriteLine(audit.Database is { } live
            ? $"**Database:** PostgreSQL {live.ServerVersion} at `{live.Target}` (read only), compared with the EF Core model  "
            : audit.OnAnotherDatabase
                ? $"**Database:** {string.Join(", ", audit.DatabaseProviders)}, as its EF Core provider says — ⚠️ the SQL in this report is written for PostgreSQL: the findings and the model's facts hold, the statements need translating  "
                : $"**Database:** PostgreSQL, as mapped by the EF Core model  ");
        // No tenant table: no key column to name (the headings below still need one), and nothing the summary may call safe.
        var keyShown = tenantTables.Count == 0 ? "none in the model" : $"`{key}`";
        string Safe(string clean) => tenantTables.Count == 0 ? NoTenantTable : clean;
        writer.WriteLine($"**Tenant key:** {keyShown}{(audit.TenantKeySources.Count == 0 ? string.Empty : " — " + string.Join("; ", audit.TenantKeySources))}  ");
        foreach (var none in audit.NoTenantEntity)
        {
            writer.WriteLine($"**⚠️ {none.Id}:** {none.Message} ({none.File}:{none.Line})  ");
        }

        writer.WriteLine();
        EndSection(writer);

        WriteBlock(writer, "## Executive Summary");
        writer.WriteLine("| Metric | Current | At Scale Risk |");
        writer.WriteLine("|--------|---------|---------------|");
        writer.WriteLine($"| Tenant tables | {tenantTables.Count} | - |");
        writer.WriteLine($"| Tables with {key} INDEX | {indexed.Count} | {(missing.Count > 0 ? $"⚠️ {missing.Count} missing" : Safe("✅ none missing"))} |");
        WriteForeignKeySummaryRow(audit, writer);
        writer.WriteLine($"| Hot tables identified | {hot.Count} | {Risk(hot.Count(t => t.LacksTenantKeyIndex), "without a " + key + " index")} |");
        writer.WriteLine($"| Composite indexes needed by queries | {audit.CompositeIndexes.Count} | {(audit.CompositeIndexes.Count == 0 ? "✅" : "⚠️ hot-table queries scan")} |");
        writer.WriteLine($"| Cross-tenant query sites | {crossTenant.Count} | {(crossTenant.Count > 0 ? "🔴 HIGH" : Safe("✅ LOW"))} |");
        writer.WriteLine($"| Tenant query filters | {filtered.Count} of {tenantTables.Count} tables | {(filtered.Count == tenantTables.Count ? Safe("✅") : "🔴 no row-level security in the model")} |");
        WriteLiveSummaryRows(audit, writer, key);
        WriteBlock(writer, $"| Findings | {audit.Findings.Count} ({Plural.Of(Count(audit.Findings, "error"), "error")}, {Plural.Of(Count(audit.Findings, "warning"), "warning")}, {Plural.Of(Count(audit.Findings, "suggestion"), "suggestion")}) | {audit.SuppressedFindings.Count} suppressed |");
        if (missing.Count > 0)
        {
            WriteBlock(writer, $"**Opportunity:** {Plural.Of(missing.Count, "tenant table")} {Plural.Verb(missing.Count, "has", "have")} no `{key}` index. Add {Plural.Verb(missing.Count, "it", "them")} now with `CREATE INDEX CONCURRENTLY` (below) before data grows.");
        }

        EndSection(writer);
        WriteIndexAnalysis(audit, writer, key, indexed, missing);
        WriteHotTables(audit, writer, key, hot);
        WriteRequiredIndexes(audit, writer);
        WriteCompositeIndexes(audit, writer);
        WritePartitioning(audit, writer);
        WriteCrossTenantRisk(audit, writer, crossTenant, tenantTables);
        WriteRowLevelSecurity(audit, writer, key);
        // The optional sections: each writer is given its section, written only when the audit has it (the live
        // database only with --database).
        if (audit.ConnectionPooling is { } pooling)
        {
            WriteConnectionPooling(pooling, writer);
        }

        if (audit.Monitoring is { } monitoring)
        {
            WriteMonitoring(monitoring, audit.Database, writer);
        }

        if (audit.ScaleProjection is { } scale)
        {
            WriteScaleProjections(scale, live: audit.Database is not null, writer);
        }

        if (audit.Database is { } database)
        {
            WriteLiveDatabase(database, writer, key);
        }

        WriteChecklist(audit, writer);
        WriteOtherFindings(audit, writer);
    }

    private static void WriteIndexAnalysis(Audit audit, TextWriter writer, string key, List<TableFacts> indexed, List<TableFacts> missing)
    {
        WriteBlock(writer, "## Index Analysis");
        var keyIndexes = indexed.SelectMany(t => t.Indexes.Where(i => i.LedBy(t.TenantKeyColumn)).Select(i => (Table: t, Index: i))).ToList();
        WriteBlock(writer, $"### Tables WITH {key} Index ({Plural.Of(indexed.Count, "table")}, {Plural.Of(keyIndexes.Count, "index", "indexes")}) ✅");
        if (keyIndexes.Count > 0)
        {
            writer.WriteLine("| Table | Index Name | Columns | Unique |");
            writer.WriteLine("|-------|------------|---------|--------|");
            foreach (var (table, index) in keyIndexes)
            {
                writer.WriteLine($"| {table.Table} | {index.Name} | ({string.Join(", ", index.Columns)}) | {(index.IsUnique ? "YES" : "NO")} |");
            }

            writer.WriteLine();
        }

        WriteBlock(writer, $"### Tables MISSING {key} Index ({missing.Count}) {(missing.Count == 0 ? "✅" : "🔴")}");
        if (missing.Count > 0)
        {
            WriteTableList(writer, "High Priority (Hot tables)", missing.Where(t => t.Hot));
            WriteTableList(writer, "Tenant tables", missing.Where(t => !t.Hot));
        }

        var unknown = audit.TenantTables.Where(t => t.TenantKeyIndexUnknown).ToList();
        if (unknown.Count > 0)
        {
            WriteBlock(writer, $"Not read: {string.Join(", ", unknown.Select(t => $"{t.Table} ({string.Join(", ", t.ConfiguredElsewhere)})"))} — configured by classes of another project, whose indexes this project's compilation cannot see.");
        }

        var scopedThrough = audit.Tables.Where(t => t.TenantKey is null && t.ScopedThrough is not null).ToList();
        if (scopedThrough.Count > 0)
        {
            WriteBlock(writer, "### Tables scoped through a parent");
            writer.WriteLine("| Table | Scoped through | Index on the reference |");
            writer.WriteLine("|-------|----------------|------------------------|");
            foreach (var table in scopedThrough)
            {
                var parent = table.ScopedThrough!;
                var referenceColumn = parent[(parent.IndexOf('(', StringComparison.Ordinal) + 1)..].TrimEnd(')').Split(',')[0].Trim();
                writer.WriteLine($"| {table.Table} | {table.ScopedThrough} | {(table.Indexes.Any(i => i.LedBy(referenceColumn)) ? "✅ inherited via FK" : "❌ none")} |");
            }

            writer.WriteLine();
        }

        var others = audit.Tables.Where(t => t.TenantKey is null && t.ScopedThrough is null).Select(t => t.Table).ToList();
        if (others.Count > 0)
        {
            WriteBlock(writer, $"Not tenant tables: {string.Join(", ", others)}.");
        }

        EndSection(writer);
    }

    private static void WriteTableList(TextWriter writer, string title, IEnumerable<TableFacts> tables)
    {
        var names = tables.Select(t => t.Table).ToList();
        if (names.Count == 0)
        {
            return;
        }

        writer.WriteLine($"**{title}:**");
        writer.WriteLine("```");
        for (var i = 0; i < names.Count; i += 4)
        {
            var last = i + 4 >= names.Count;
            writer.WriteLine(string.Join(", ", names.Skip(i).Take(4)) + (last ? string.Empty : ","));
        }

        WriteBlock(writer, "```");
    }

    private static void WriteHotTables(Audit audit, TextWriter writer, string key, List<TableFacts> hot)
    {
        if (!StartSection(writer, "## Hot Tables Analysis", isEmpty: hot.Count == 0, "No hot tables are configured. List them in `.editorconfig` (`tenant_safety.hot_entities = messages, inbox_items`) so TSA2002 checks their queries for composite indexes."))
        {
            return;
        }

        WriteBlock(writer, "Tables listed in `tenant_safety.hot_entities`: expected to have the highest read and write volume.");
        writer.WriteLine("| Table | Index Status | Composite indexes needed | Partition candidate |");
        writer.WriteLine("|-------|--------------|--------------------------|---------------------|");
        foreach (var table in hot)
        {
            var status = table.TenantKey is null
                ? table.ScopedThrough is null ? "not a tenant table" : $"Inherited via FK ({table.ScopedThrough})"
                : table.TenantKeyIndexed ? $"✅ Has {key} index" : table.TenantKeyIndexUnknown ? "❔ Configured in another project" : $"❌ No {key} idx";
            var composites = audit.CompositeIndexes.Where(c => c.Table == table.Table).Select(c => "(" + string.Join(", ", c.Columns) + ")").ToList();
            var partition = audit.PartitionCandidates.FirstOrDefault(p => p.Table == table.Table)?.PartitionKey ?? "-";
            writer.WriteLine($"| {table.Table} | {status} | {(composites.Count == 0 ? "-" : string.Join(", ", composites))} | {partition} |");
        }

        writer.WriteLine();
        EndSection(writer);
    }

    private static void WriteRequiredIndexes(Audit audit, TextWriter writer)
    {
        var noneMissing = audit.TenantTables.Any() ? "Every tenant table has an index led by its tenant key. ✅" : "No tenant table found (TSA0001): nothing to index by a tenant key yet. ❔";
        if (!StartSection(writer, "## Required Indexes", isEmpty: audit.RequiredIndexes.Count == 0, noneMissing))
        {
            return;
        }

        WriteBlock(writer, "### In the EF Core model");
        WriteBlock(writer, "Where each entity is configured (the TSA2001 code fix writes the same; Fix All adds them all). With Npgsql, `.IsCreatedConcurrently()` makes the migration build the index without blocking writes.");
        WriteEfCore(writer, audit.RequiredIndexes);
        writer.WriteLine();
        WriteBlock(writer, "### On a database that already holds data");
        WriteBlock(writer, "Run each statement on its own, outside a transaction (`CREATE INDEX CONCURRENTLY` cannot run in one). The names are the ones EF Core gives the indexes above, so a later migration finds them in place.");
        foreach (var priority in audit.RequiredIndexes.GroupBy(r => r.Priority))
        {
            WriteBlock(writer, priority.Key == "P0" ? "#### P0: Critical — hot tables (add immediately)" : "#### P1: Important — every other tenant table (add before production)");
            WriteSql(writer, priority);
        }

        EndSection(writer);
    }

    private static void WriteCompositeIndexes(Audit audit, TextWriter writer)
    {
        if (!StartSection(writer, "## Composite Index Recommendations", isEmpty: audit.CompositeIndexes.Count == 0, "No query on a hot table lacks a composite index for its filter."))
        {
            return;
        }

        WriteBlock(writer, "From the filters and orderings of the queries on hot tables (TSA2002):");
        writer.WriteLine("| Table | Columns | Query |");
        writer.WriteLine("|-------|---------|-------|");
        foreach (var recommendation in audit.CompositeIndexes)
        {
            writer.WriteLine($"| {recommendation.Table} | ({string.Join(", ", recommendation.Columns.Select((c, i) => i < recommendation.Descending.Count && recommendation.Descending[i] ? c + " DESC" : c))}) | {recommendation.Reason} |");
        }

        writer.WriteLine();
        WriteEfCore(writer, audit.CompositeIndexes);
        writer.WriteLine();
        WriteSql(writer, audit.CompositeIndexes);
        EndSection(writer);
    }

    private static void WritePartitioning(Audit audit, TextWriter writer)
    {
        WriteBlock(writer, "## Partitioning Recommendations");
        if (audit.PartitionCandidates.Count == 0)
        {
            WriteBlock(writer, "No hot, append-only table with a creation timestamp.");
        }
        else
        {
            WriteBlock(writer, "### Candidates for Time-Based Partitioning");
            WriteBlock(writer, "Hot tables with a creation timestamp and no update timestamp: rows are added, rarely changed.");
            writer.WriteLine("| Table | Partition Key | Rationale |");
            writer.WriteLine("|-------|---------------|-----------|");
            foreach (var candidate in audit.PartitionCandidates)
            {
                writer.WriteLine($"| {candidate.Table} | {candidate.PartitionKey} | {candidate.Rationale} |");
            }

            writer.WriteLine();
        }

        WriteTenantPartitioning(audit, writer);
        EndSection(writer);
    }

    private static void WriteCrossTenantRisk(Audit audit, TextWriter writer, List<Finding> crossTenant, List<TableFacts> tenantTables)
    {
        WriteBlock(writer, "## Cross-Tenant Query Risk");
        WriteBlock(writer, $"### Query sites ({crossTenant.Count})");
        if (crossTenant.Count == 0)
        {
            writer.WriteLine("No query reads or writes a tenant table without a tenant predicate. ✅");
        }
        else
        {
            WriteFindings(writer, crossTenant);
        }

        writer.WriteLine();
        if (audit.SuppressedFindings.Count > 0)
        {
            WriteBlock(writer, $"### Suppressed on purpose ({audit.SuppressedFindings.Count})");
            WriteFindings(writer, audit.SuppressedFindings);
            writer.WriteLine();
        }

        WriteTenantTables(writer, tenantTables);
        WriteBlock(writer, "### Tenant query filters");
        var withFilter = tenantTables.Where(t => t.TenantFilter).Select(t => t.Table).ToList();
        var withoutFilter = tenantTables.Where(t => !t.TenantFilter).Select(t => t.Table).ToList();
        WriteBlock(writer, $"With a tenant filter ({withFilter.Count}): {(withFilter.Count == 0 ? "none" : string.Join(", ", withFilter))}.");
        WriteBlock(writer, $"Without ({withoutFilter.Count}): {(withoutFilter.Count == 0 ? "none" : string.Join(", ", withoutFilter))}.");
        EndSection(writer, "A query on a table without a tenant filter is scoped only by its own predicate; enable TSA1007 (`dotnet_diagnostic.TSA1007.severity = suggestion`) to be reminded where a filter is missing.");
    }

    /// <summary>Each tenant table with its key and what made it one: a property, a shadow property, Finbuckle, ABP, a configured type.</summary>
    private static void WriteTenantTables(TextWriter writer, List<TableFacts> tenantTables)
    {
        WriteBlock(writer, $"### Tenant tables ({tenantTables.Count})");
        if (tenantTables.Count == 0)
        {
            WriteBlock(writer, "No tenant table was found: the cross-tenant rules had nothing to judge (see TSA0001 above).");
            return;
        }

        writer.WriteLine("| Table | Tenant key | Declared by |");
        writer.WriteLine("|-------|------------|-------------|");
        foreach (var table in tenantTables)
        {
            writer.WriteLine($"| {table.Table} | {table.TenantKeyColumn} | {table.TenantKeyOrigin ?? "property"} |");
        }

        writer.WriteLine();
    }

    private static void WriteRowLevelSecurity(Audit audit, TextWriter writer, string key)
    {
        WriteBlock(writer, "## Row-Level Security");
        if (audit.RowLevelSecurity.Count == 0)
        {
            WriteBlock(writer, "No tenant tables.");
            return;
        }

        var setting = PostgresSql.TenantSetting(key);
        WriteBlock(writer, $"The database's own tenant guard: each connection states its tenant in the setting `{setting}`, and every tenant table shows and accepts only that tenant's rows. Without the setting no row is visible.");
        writer.WriteLine("```sql");
        writer.WriteLine($"-- Per request, in the transaction that serves it:");
        writer.WriteLine($"SELECT set_config('{setting}', '<tenant id>', true);");
        WriteBlock(writer, "```");
        WriteBlock(writer, "Table owners and superusers bypass these policies: connect the application as a role that does not own the tables, or add `ALTER TABLE … FORCE ROW LEVEL SECURITY`.");
        writer.WriteLine("```sql");
        foreach (var policy in audit.RowLevelSecurity)
        {
            WriteBlock(writer, policy.Sql);
        }

        EndSection(writer, "```");
    }

    private static void WriteOtherFindings(Audit audit, TextWriter writer)
    {
        WriteBlock(writer, "## All Findings");
        var byRule = audit.Findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (byRule.Count == 0)
        {
            WriteBlock(writer, "None. ✅");
        }
        else
        {
            writer.WriteLine("| Rule | Title | Findings |");
            writer.WriteLine("|------|-------|----------|");
            foreach (var rule in byRule)
            {
                var info = audit.Rules.FirstOrDefault(r => r.Id == rule.Key);
                var title = info is null ? rule.First().Title : info.HelpUri is null ? info.Title : $"[{info.Title}]({info.HelpUri})";
                writer.WriteLine($"| {rule.Key} | {title} | {rule.Count()} |");
            }

            writer.WriteLine();
            var others = audit.Findings.Where(f => !s_crossTenantRules.Contains(f.Id) && f.Id != RuleIdentifiers.MissingTenantKeyIndex).ToList();
            if (others.Count > 0)
            {
                WriteBlock(writer, "### Model and migration findings");
                writer.WriteLine("| Rule | Severity | Location | Finding |");
                writer.WriteLine("|------|----------|----------|---------|");
                foreach (var finding in others)
                {
                    writer.WriteLine($"| {finding.Id} | {finding.Severity} | {finding.File}:{finding.Line} | {Escape(finding.Message)} |");
                }

                writer.WriteLine();
            }
        }

        foreach (var warning in audit.Warnings)
        {
            WriteBlock(writer, $"> ⚠️ {Escape(warning)}");
        }
    }

    /// <summary>The model code, grouped by the place it goes (an IEntityTypeConfiguration, an Entity&lt;T&gt; block, OnModelCreating).</summary>
    /// <summary>Findings as a table of rule, location and message.</summary>
    private static void WriteFindings(TextWriter writer, IEnumerable<Finding> findings)
    {
        writer.WriteLine("| Rule | Location | Finding |");
        writer.WriteLine("|------|----------|---------|");
        foreach (var finding in findings)
        {
            writer.WriteLine($"| {finding.Id} | {finding.File}:{finding.Line} | {Escape(finding.Message)} |");
        }
    }

    /// <summary>The indexes' DDL as one SQL code block.</summary>
    private static void WriteSql(TextWriter writer, IEnumerable<IndexRecommendation> recommendations)
    {
        writer.WriteLine("```sql");
        foreach (var recommendation in recommendations)
        {
            writer.WriteLine(recommendation.Sql);
        }

        WriteBlock(writer, "```");
    }

    /// <summary>Writes a section's heading; when it has nothing to list, says so in <paramref name="whenEmpty"/> and ends it. False: the section is done.</summary>
    private static bool StartSection(TextWriter writer, string heading, bool isEmpty, string whenEmpty)
    {
        WriteBlock(writer, heading);
        if (isEmpty)
        {
            EndSection(writer, whenEmpty);
        }

        return !isEmpty;
    }

    /// <summary>Ends a section with the rule between sections, after its last block when it has one to add.</summary>
    private static void EndSection(TextWriter writer, string? lastBlock = null)
    {
        if (lastBlock is not null)
        {
            WriteBlock(writer, lastBlock);
        }

        WriteBlock(writer, "---");
    }

    /// <summary>A Markdown block (a heading, a paragraph, a table's last row, a rule) and the blank line that ends it.</summary>
    private static void WriteBlock(TextWriter writer, string block)
    {
        writer.WriteLine(block);
        writer.WriteLine();
    }

    private static void WriteEfCore(TextWriter writer, IReadOnlyList<IndexRecommendation> recommendations)
    {
        writer.WriteLine("```csharp");
        var first = true;
        foreach (var group in recommendations.GroupBy(r => r.Configuration is { } c ? $"{c.File}:{c.Line}" : r.Entity))
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            writer.WriteLine($"// {group.Key}");
            foreach (var recommendation in group)
            {
                writer.WriteLine(recommendation.EfCore);
            }
        }

        writer.WriteLine("```");
    }

    /// <summary>What the summary says of a tenant risk when no tenant table was found: unknown, never safe (TSA0001 says why).</summary>
    private const string NoTenantTable = "❔ no tenant table found (TSA0001)";

    private static string Risk(int count, string what) => count == 0 ? "✅" : $"🔴 {count} {what}";

    private static int Count(IEnumerable<Finding> findings, string severity) => findings.Count(f => f.Severity == severity);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
