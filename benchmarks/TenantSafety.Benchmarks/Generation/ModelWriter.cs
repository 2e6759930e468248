using System.Collections.Immutable;
using System.Text;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>
/// The DbContext (DbSets, <c>OnModelCreating</c> split into one partial file per area), the
/// <c>IEntityTypeConfiguration&lt;T&gt;</c> classes and the shared kernel (<c>ITeamOwned</c>, <c>ForTeam</c>).
/// </summary>
internal static class ModelWriter
{
    public const string SharedKernel = """
        using Microsoft.EntityFrameworkCore;

        namespace Acme.Outreach.Domain;

        /// <summary>Every tenant table carries team_id.</summary>
        public interface ITeamOwned
        {
            Guid TeamId { get; }
        }

        /// <summary>Base class of most tenant entities.</summary>
        public abstract class TeamOwnedEntity : ITeamOwned
        {
            public Guid Id { get; set; }

            public Guid TeamId { get; set; }

            public DateTime CreatedAt { get; set; }

            public DateTime? UpdatedAt { get; set; }
        }

        public class Team
        {
            public Guid Id { get; set; }

            public string Name { get; set; } = "";

            public string Plan { get; set; } = "free";
        }

        /// <summary>The signed-in user's team, resolved per request.</summary>
        public interface ITenantContext
        {
            Guid TeamId { get; }
        }

        public sealed record TeamCount(Guid TeamId, int Count);

        public static class TeamQueryableExtensions
        {
            /// <summary>The scoping helper every service is meant to use.</summary>
            public static IQueryable<T> ForTeam<T>(this IQueryable<T> source, Guid teamId)
                where T : class, ITeamOwned =>
                source.Where(x => x.TeamId == teamId);
        }
        """;

    public static string DbContext(ImmutableArray<EntitySpec> entities)
    {
        var s = new StringBuilder(entities.Length * 80);
        s.AppendLine("using Acme.Outreach.Domain;");
        foreach (var area in EntityCatalog.Areas)
        {
            s.AppendLine($"using Acme.Outreach.Domain.{area};");
        }

        s.AppendLine("using Microsoft.EntityFrameworkCore;");
        s.AppendLine();
        s.AppendLine("namespace Acme.Outreach.Data;");
        s.AppendLine();
        s.AppendLine("public sealed partial class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant) : DbContext(options)");
        s.AppendLine("{");
        s.AppendLine("    private readonly ITenantContext _tenant = tenant;");
        s.AppendLine();
        s.AppendLine("    public DbSet<Team> Teams => Set<Team>();");
        foreach (var e in entities)
        {
            s.AppendLine();
            s.AppendLine(e.Index % 2 == 0
                ? $"    public DbSet<{e.Name}> {e.SetName} => Set<{e.Name}>();"
                : $"    public DbSet<{e.Name}> {e.SetName} {{ get; set; }} = null!;");
        }

        s.AppendLine();
        s.AppendLine("    protected override void OnModelCreating(ModelBuilder modelBuilder)");
        s.AppendLine("    {");
        s.AppendLine("        modelBuilder.HasDefaultSchema(\"app\");");
        s.AppendLine("        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);");
        s.AppendLine("        modelBuilder.Entity<Team>(e =>");
        s.AppendLine("        {");
        s.AppendLine("            e.ToTable(\"teams\");");
        s.AppendLine("            e.HasIndex(x => x.Name).IsUnique();");
        s.AppendLine("        });");
        foreach (var area in EntityCatalog.Areas)
        {
            s.AppendLine($"        Configure{area}(modelBuilder);");
        }

        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }

    /// <summary>The area's share of <c>OnModelCreating</c>: lambdas, chains, and the filters of attribute/configuration-class entities.</summary>
    public static string DbContextArea(string area, IEnumerable<EntitySpec> entities)
    {
        var s = new StringBuilder(8192);
        s.AppendLine($"using Acme.Outreach.Domain.{area};");
        s.AppendLine("using Microsoft.EntityFrameworkCore;");
        s.AppendLine();
        s.AppendLine("namespace Acme.Outreach.Data;");
        s.AppendLine();
        s.AppendLine("public sealed partial class AppDbContext");
        s.AppendLine("{");
        s.AppendLine($"    private void Configure{area}(ModelBuilder modelBuilder)");
        s.AppendLine("    {");
        var first = true;
        foreach (var e in entities)
        {
            var lines = e.Config switch
            {
                ConfigStyle.ModelBuilderLambda => LambdaConfiguration(e),
                ConfigStyle.ModelBuilderChain => ChainConfiguration(e),
                _ => FilterOnly(e),
            };
            if (lines.Count == 0)
            {
                continue;
            }

            if (!first)
            {
                s.AppendLine();
            }

            first = false;
            foreach (var line in lines)
            {
                s.Append("        ").AppendLine(line);
            }
        }

        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }

    public static string ConfigurationClass(EntitySpec e)
    {
        var s = new StringBuilder(2048);
        s.AppendLine($"using {e.Namespace};");
        s.AppendLine("using Microsoft.EntityFrameworkCore;");
        s.AppendLine("using Microsoft.EntityFrameworkCore.Metadata.Builders;");
        s.AppendLine();
        s.AppendLine("namespace Acme.Outreach.Data.Configurations;");
        s.AppendLine();
        s.AppendLine($"internal sealed class {e.Name}Configuration : IEntityTypeConfiguration<{e.Name}>");
        s.AppendLine("{");
        s.AppendLine($"    public void Configure(EntityTypeBuilder<{e.Name}> builder)");
        s.AppendLine("    {");
        s.AppendLine($"        builder.ToTable(\"{e.TableName}\");");
        s.AppendLine("        builder.HasKey(x => x.Id);");
        s.AppendLine("        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();");
        s.AppendLine("        builder.Property(x => x.Status).HasMaxLength(32).HasDefaultValue(\"new\");");
        s.AppendLine("        builder.Property(x => x.Amount).HasPrecision(18, 2);");
        foreach (var index in IndexCalls(e, "builder"))
        {
            s.Append("        ").AppendLine(index);
        }

        if (e.Parent is { } p)
        {
            s.AppendLine($"        builder.HasOne(x => x.{p.Name}).WithMany().HasForeignKey(x => x.{p.Name}Id).OnDelete(DeleteBehavior.Restrict);");
        }

        if (e.IsTenant && e.Index % 3 == 0)
        {
            // A relationship to Team whose foreign key is TeamId: EF Core's convention indexes it.
            s.AppendLine("        builder.HasOne<Acme.Outreach.Domain.Team>().WithMany().HasForeignKey(x => x.TeamId);");
        }

        if (e.HasSoftDelete)
        {
            s.AppendLine("        builder.HasQueryFilter(x => !x.IsDeleted);");
        }

        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }

    private static List<string> LambdaConfiguration(EntitySpec e)
    {
        var lines = new List<string>
        {
            $"modelBuilder.Entity<{e.Name}>(e =>",
            "{",
            $"    e.ToTable(\"{e.TableName}\");",
            "    e.HasKey(x => x.Id);",
            "    e.Property(x => x.Name).HasMaxLength(200).IsRequired();",
            "    e.Property(x => x.Status).HasMaxLength(32);",
        };
        lines.AddRange(IndexCalls(e, "e").Select(line => "    " + line));
        if (e.Parent is { } p)
        {
            lines.Add($"    e.HasOne(x => x.{p.Name}).WithMany().HasForeignKey(x => x.{p.Name}Id).OnDelete(DeleteBehavior.Cascade);");
        }

        if (FilterCall(e) is { } filter)
        {
            lines.Add($"    e.{filter};");
        }

        lines.Add("});");
        return lines;
    }

    private static List<string> ChainConfiguration(EntitySpec e)
    {
        var lines = new List<string>
        {
            $"modelBuilder.Entity<{e.Name}>().ToTable(\"{e.TableName}\").HasKey(x => x.Id);",
            $"modelBuilder.Entity<{e.Name}>().Property(x => x.Status).HasMaxLength(32).IsRequired();",
        };
        lines.AddRange(IndexCalls(e, $"modelBuilder.Entity<{e.Name}>()"));
        if (e.Parent is { } p)
        {
            lines.Add($"modelBuilder.Entity<{e.Name}>()");
            lines.Add($"    .HasOne(x => x.{p.Name})");
            lines.Add("    .WithMany()");
            lines.Add($"    .HasForeignKey(x => x.{p.Name}Id);");
        }

        if (FilterCall(e) is { } filter)
        {
            lines.Add($"modelBuilder.Entity<{e.Name}>().{filter};");
        }

        return lines;
    }

    /// <summary>Attribute-mapped and configuration-class entities still get tenant filters here: they need the DbContext's tenant.</summary>
    private static List<string> FilterOnly(EntitySpec e)
    {
        if (e.HasTenantFilter || (e.HasSoftDelete && e.Config == ConfigStyle.Attributes))
        {
            return [$"modelBuilder.Entity<{e.Name}>().{FilterCall(e)};"];
        }

        return [];
    }

    private static string? FilterCall(EntitySpec e) => e.Filter switch
    {
        FilterStyle.Tenant => "HasQueryFilter(x => x.TeamId == _tenant.TeamId)",
        FilterStyle.NamedTenant => "HasQueryFilter(\"Tenant\", x => x.TeamId == _tenant.TeamId)",
        FilterStyle.SoftDelete => "HasQueryFilter(x => !x.IsDeleted)",
        _ => null,
    };

    private static IEnumerable<string> IndexCalls(EntitySpec e, string builder)
    {
        if (!e.IsTenant)
        {
            yield return $"{builder}.HasIndex(x => x.Name).IsUnique();";
            yield break;
        }

        switch (e.Index % 5)
        {
            case 0:
                yield return $"{builder}.HasIndex(x => new {{ x.TeamId, x.Status }}).HasDatabaseName(\"ix_{e.TableName}_team_id_status\");";
                if (e.Index % 11 == 0)
                {
                    yield return $"{builder}.HasIndex(x => x.TeamId);";
                }

                break;
            case 1:
                yield return $"{builder}.HasIndex(\"TeamId\", \"CreatedAt\");";
                break;
            case 2:
                yield return $"{builder}.HasIndex(x => x.Status);";
                break;
            case 3:
                yield return $"{builder}.HasIndex(x => new {{ x.TeamId, x.Priority, x.ScheduledAt }}).IsDescending(false, true, false);";
                break;
        }
    }
}
