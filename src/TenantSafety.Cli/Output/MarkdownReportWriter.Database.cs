using TenantSafety.Cli.Report;
using TenantSafety.Cli.Text;

namespace TenantSafety.Cli.Output;

/// <summary>The Live Database section (<c>--database</c>): drift, row-level security, hot tables and slow statements as the database has them.</summary>
internal static partial class MarkdownReportWriter
{
    private static void WriteLiveDatabase(LiveDatabase database, TextWriter writer, string key)
    {
        WriteBlock(writer, "## Live Database");
        WriteBlock(writer, $"`{database.Target}`, PostgreSQL {database.ServerVersion}, read in one read-only transaction from catalog and statistics views (statistics count since their last reset). Tables are matched by schema and name; the default schema is `{database.DefaultSchema}`.");
        foreach (var note in database.Notes)
        {
            WriteBlock(writer, $"> ℹ️ {Escape(note)}");
        }

        WriteBlock(writer, $"### Index Drift ({Plural.Of(database.MissingInDatabase.Count + database.NotInModel.Count, "index", "indexes")})");
        if (database.MissingTables.Count > 0)
        {
            WriteBlock(writer, $"Not in the database ({Plural.Of(database.MissingTables.Count, "model table")}, not compared): {string.Join(", ", database.MissingTables)}.");
        }

        if (database.MissingInDatabase.Count + database.NotInModel.Count == 0)
        {
            WriteBlock(writer, "The database has every index the model declares, and no tenant-key index the model does not. ✅");
        }
        else
        {
            writer.WriteLine("| Table | Index | Columns | Drift |");
            writer.WriteLine("|-------|-------|---------|-------|");
            foreach (var drift in database.MissingInDatabase.Concat(database.NotInModel))
            {
                writer.WriteLine($"| {drift.Table} | {drift.Index} | ({string.Join(", ", drift.Columns)}) | {Escape(drift.Note)} |");
            }

            writer.WriteLine();
        }

        var tenant = database.Tables.Where(t => t.TenantTable).ToList();
        var secured = tenant.Where(t => t.RowSecurity).ToList();
        WriteBlock(writer, $"### Row-Level Security in the Database ({secured.Count} of {Plural.Of(tenant.Count, "tenant table")})");
        if (secured.Count > 0)
        {
            writer.WriteLine("| Table | Forced | Policies |");
            writer.WriteLine("|-------|--------|----------|");
            foreach (var table in secured)
            {
                var policies = table.Policies.Count == 0 ? "⚠️ none: no row is visible to non-owners" : string.Join("; ", table.Policies.Select(p => $"{p.Name} ({p.Command}): {p.Using ?? "-"}"));
                writer.WriteLine($"| {table.Table} | {(table.ForceRowSecurity ? "yes" : "no (the owner bypasses it)")} | {Escape(policies)} |");
            }

            writer.WriteLine();
        }

        var open = tenant.Where(t => !t.RowSecurity).Select(t => t.Table).ToList();
        writer.WriteLine(tenant.Count == 0 ? "No tenant table of the model is in the database."
            : open.Count == 0 ? "Every tenant table has row-level security enabled. ✅"
            : $"Not enabled ({open.Count}): {string.Join(", ", open)}.");
        writer.WriteLine();

        WriteBlock(writer, $"### Hot Tables in the Database ({database.HotTables.Count})");
        WriteBlock(writer, $"Tables whose sequential scans read at least {Sizes.Rows(LiveDatabaseBuilder.HotRowsRead)} rows and {Sizes.Percent(LiveDatabaseBuilder.HotShare)} of all rows read that way (`pg_stat_user_tables`: seq_tup_read).");
        if (database.HotTables.Count > 0)
        {
            writer.WriteLine($"| Table | Sequential scans | Rows read by them | Rows | {key} index | Declared hot |");
            writer.WriteLine("|-------|------------------|-------------------|------|-------------|--------------|");
            foreach (var hot in database.HotTables)
            {
                writer.WriteLine($"| {hot.Table} | {Sizes.Rows(hot.SequentialScans)} | {Sizes.Rows(hot.SequentialRowsRead)} | {Sizes.Rows(hot.Rows)} | {(hot.TenantKeyIndexed ? "✅" : "❌ none")} | {(hot.DeclaredHot ? "✅" : "❌")} |");
            }

            writer.WriteLine();
        }

        if (database.HotEntitiesLine is { } line)
        {
            WriteBlock(writer, $"Declare them hot so TSA2002 checks their queries for composite indexes{(database.EditorConfigFile is null ? string.Empty : $" ({database.EditorConfigFile})")}:");
            writer.WriteLine("```ini");
            writer.WriteLine(line);
            WriteBlock(writer, "```");
        }

        WriteBlock(writer, $"### Slowest Statements on Tenant Tables with No {key} Index ({database.Statements.Count})");
        if (!database.PgStatStatements)
        {
            writer.WriteLine("pg_stat_statements is not installed (see Query Performance Monitoring).");
        }
        else if (database.Statements.Count == 0)
        {
            writer.WriteLine($"None among the recorded statements. ✅");
        }
        else
        {
            writer.WriteLine("| Tables | Calls | Total | Mean | Rows | Statement |");
            writer.WriteLine("|--------|-------|-------|------|------|-----------|");
            foreach (var statement in database.Statements)
            {
                writer.WriteLine($"| {string.Join(", ", statement.Tables)} | {Sizes.Rows(statement.Calls)} | {Sizes.Milliseconds(statement.TotalMilliseconds)} | {Sizes.Milliseconds(statement.MeanMilliseconds)} | {Sizes.Rows(statement.Rows)} | `{Escape(statement.Query).Replace("`", "'", StringComparison.Ordinal)}` |");
            }
        }

        writer.WriteLine();
        EndSection(writer);
    }
}
