using System.Text;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>One entity class per file, as <c>dotnet ef dbcontext scaffold</c> or a hand-written domain would have.</summary>
internal static class EntityWriter
{
    public static string Write(EntitySpec e)
    {
        var s = new StringBuilder(2048);
        s.AppendLine("using System.ComponentModel.DataAnnotations;");
        s.AppendLine("using System.ComponentModel.DataAnnotations.Schema;");
        s.AppendLine("using Microsoft.EntityFrameworkCore;");
        if (e.Parent is { } p && p.Area != e.Area)
        {
            s.AppendLine($"using {p.Namespace};");
        }

        s.AppendLine();
        s.AppendLine($"namespace {e.Namespace};");
        s.AppendLine();
        s.AppendLine($"/// <summary>{(e.IsTenant ? "A team's" : "A shared")} {Naming.SnakeCase(e.Name).Replace('_', ' ')} record.</summary>");
        if (e.Config == ConfigStyle.Attributes)
        {
            s.AppendLine($"[Table(\"{e.TableName}\", Schema = \"app\")]");
            foreach (var index in IndexAttributes(e))
            {
                s.AppendLine(index);
            }
        }

        var baseList = e.Tenant switch
        {
            TenantStyle.Interface => " : ITeamOwned",
            TenantStyle.BaseClass => " : TeamOwnedEntity",
            _ => "",
        };
        s.AppendLine($"public class {e.Name}{baseList}");
        s.AppendLine("{");
        if (e.Tenant != TenantStyle.BaseClass)
        {
            s.AppendLine("    [Key]");
            s.AppendLine("    public Guid Id { get; set; }");
            s.AppendLine();
        }

        if (e.Tenant is TenantStyle.OwnProperty or TenantStyle.Interface)
        {
            s.AppendLine("    public Guid TeamId { get; set; }");
            s.AppendLine();
        }

        s.AppendLine("    [MaxLength(200)]");
        s.AppendLine("    public string Name { get; set; } = \"\";");
        s.AppendLine();
        s.AppendLine("    [MaxLength(32)]");
        s.AppendLine("    public string Status { get; set; } = \"new\";");
        s.AppendLine();
        s.AppendLine("    public int Priority { get; set; }");
        s.AppendLine();
        s.AppendLine("    [Column(TypeName = \"numeric(18,2)\")]");
        s.AppendLine("    public decimal Amount { get; set; }");
        s.AppendLine();
        if (e.Tenant != TenantStyle.BaseClass)
        {
            s.AppendLine("    public DateTime CreatedAt { get; set; }");
            s.AppendLine();
            s.AppendLine("    public DateTime? UpdatedAt { get; set; }");
            s.AppendLine();
        }

        s.AppendLine("    public DateTime? ScheduledAt { get; set; }");
        s.AppendLine();
        s.AppendLine("    /// <summary>The id of this record in the CRM it was imported from.</summary>");
        s.AppendLine("    public string? ExternalId { get; set; }");
        s.AppendLine();
        s.AppendLine("    public string? Notes { get; set; }");
        if (e.HasSoftDelete)
        {
            s.AppendLine();
            s.AppendLine("    public bool IsDeleted { get; set; }");
        }

        if (e.Parent is { } parent)
        {
            s.AppendLine();
            s.AppendLine($"    public Guid {parent.Name}Id {{ get; set; }}");
            s.AppendLine();
            s.AppendLine($"    public {parent.Name}? {parent.Name} {{ get; set; }}");
        }

        s.AppendLine("}");
        return s.ToString();
    }

    /// <summary>Five index shapes: tenant-led composite, tenant alone, not tenant-led, ordered, none; plus some redundant ones.</summary>
    public static IEnumerable<string> IndexAttributes(EntitySpec e)
    {
        if (!e.IsTenant)
        {
            if (e.Index % 2 == 0)
            {
                yield return "[Index(nameof(Name), IsUnique = true)]";
            }

            yield break;
        }

        switch (e.Index % 5)
        {
            case 0:
                yield return $"[Index(nameof(TeamId), nameof(Status), Name = \"ix_{e.TableName}_team_id_status\")]";
                if (e.Index % 11 == 0)
                {
                    yield return "[Index(nameof(TeamId))]";
                }

                break;
            case 1:
                yield return "[Index(nameof(TeamId))]";
                break;
            case 2:
                yield return "[Index(nameof(Status))]";
                break;
            case 3:
                yield return "[Index(nameof(TeamId), nameof(Priority), nameof(ScheduledAt), IsDescending = new[] { false, true, false })]";
                break;
        }
    }
}
