using System.Collections.Immutable;
using System.Text;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>One service class per entity, plus one large query-heavy reporting service (the IDE measure's file).</summary>
internal static class ServiceWriter
{
    public static string EntityService(EntitySpec e, int querySites, out int written)
    {
        var s = new StringBuilder(querySites * 400);
        WriteUsings(s, e.Parent is { } p && p.Area != e.Area ? [e.Area, p.Area] : [e.Area]);
        s.AppendLine($"namespace Acme.Outreach.Services.{e.Area};");
        s.AppendLine();
        if (e.IsTenant)
        {
            s.AppendLine($"public sealed record {e.Name}Summary(Guid Id, string Name, string Status, Guid TeamId);");
            s.AppendLine();
        }

        s.AppendLine($"public sealed class {e.Name}Service(AppDbContext db, ITenantContext tenant)");
        s.AppendLine("{");
        if (e.IsTenant)
        {
            s.AppendLine($"    private IQueryable<{e.Name}> Team{e.SetName}(Guid teamId) => db.{e.SetName}.Where(x => x.TeamId == teamId);");
            s.AppendLine();
        }

        written = 0;
        for (var j = 0; written < querySites; j++)
        {
            written += QuerySiteWriter.Write(s, e, (e.Index + j) % QuerySiteWriter.Shapes, j.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Plain LINQ to objects and mapping code, as every service has: no EF Core query, nothing to report.
        s.AppendLine($$"""
                public static List<string> Names(IEnumerable<{{e.Name}}> items) =>
                    items.Where(i => i.Priority > 2).OrderBy(i => i.Name).Select(i => i.Name).ToList();

                public static Dictionary<string, int> ByStatus(IReadOnlyList<{{e.Name}}> items)
                {
                    var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var item in items)
                    {
                        counts[item.Status] = counts.TryGetValue(item.Status, out var n) ? n + 1 : 1;
                    }

                    return counts;
                }

                public Guid CurrentTeam => tenant.TeamId;
            }
            """);
        return s.ToString();
    }

    /// <summary>
    /// A reporting service of about <paramref name="targetLines"/> lines whose methods query many entities:
    /// the "open document" of the IDE measure.
    /// </summary>
    public static string ReportingService(ImmutableArray<EntitySpec> entities, int targetLines, out int written)
    {
        var tenantEntities = entities.Where(e => e.IsTenant).ToImmutableArray();
        var s = new StringBuilder(targetLines * 60);
        WriteUsings(s, EntityCatalog.Areas);
        foreach (var area in EntityCatalog.Areas)
        {
            s.AppendLine($"using Acme.Outreach.Services.{area};");
        }

        s.AppendLine();
        s.AppendLine("namespace Acme.Outreach.Services.Reporting;");
        s.AppendLine();
        s.AppendLine("/// <summary>Dashboards and exports across the whole model.</summary>");
        s.AppendLine("public sealed class ReportingService(AppDbContext db, ITenantContext tenant)");
        s.AppendLine("{");
        written = 0;
        var lines = 0;
        var helpers = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; lines < targetLines - 2; j++)
        {
            var e = tenantEntities[(j * 7) % tenantEntities.Length];
            var before = s.Length;
            written += QuerySiteWriter.Write(s, e, j % QuerySiteWriter.Shapes, $"{e.Name}{j}", db: "db");
            if (j % QuerySiteWriter.Shapes == 7 && helpers.Add(e.SetName))
            {
                // Shape 7 calls the service's private helper; give this class its own.
                s.AppendLine($"    private IQueryable<{e.Name}> Team{e.SetName}(Guid teamId) => db.{e.SetName}.Where(x => x.TeamId == teamId);");
                s.AppendLine();
            }

            lines += CountLines(s, before);
        }

        s.AppendLine("    public Guid CurrentTeam => tenant.TeamId;");
        s.AppendLine("}");
        return s.ToString();
    }

    private static void WriteUsings(StringBuilder s, IEnumerable<string> areas)
    {
        s.AppendLine("using System.Linq.Expressions;");
        s.AppendLine("using Acme.Outreach.Data;");
        s.AppendLine("using Acme.Outreach.Domain;");
        foreach (var area in areas)
        {
            s.AppendLine($"using Acme.Outreach.Domain.{area};");
        }

        s.AppendLine("using Microsoft.EntityFrameworkCore;");
        s.AppendLine();
    }

    private static int CountLines(StringBuilder s, int from)
    {
        var count = 0;
        for (var i = from; i < s.Length; i++)
        {
            if (s[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
