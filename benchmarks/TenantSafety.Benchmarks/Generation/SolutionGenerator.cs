using System.Collections.Immutable;
using System.Globalization;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>
/// Writes a realistic multi-tenant EF Core project of a given scale, in memory. Scale 1 has
/// <see cref="EntitiesPerScale"/> entities and about <see cref="QuerySitesPerScale"/> query sites; both grow
/// linearly with the scale, and so do the migrations and the model snapshot.
/// </summary>
internal static class SolutionGenerator
{
    public const int EntitiesPerScale = 125;
    public const int QuerySitesPerScale = 2_500;
    public const string Root = "/bench/Acme.Outreach/";

    /// <summary>The reporting service stays one ~2,000-line file at every scale: the IDE opens one document.</summary>
    private const int ReportingServiceLines = 2_000;

    public static GeneratedSolution Generate(int scale) => Generate(scale, EntitiesPerScale * scale, QuerySitesPerScale * scale, ReportingServiceLines);

    /// <summary>
    /// A solution of <paramref name="entityCount"/> entities, about <paramref name="querySiteCount"/> query sites and a
    /// reporting service of about <paramref name="reportingLines"/> lines (tests use a small one).
    /// </summary>
    public static GeneratedSolution Generate(int scale, int entityCount, int querySiteCount, int reportingLines)
    {
        var entities = EntityCatalog.Create(entityCount);
        var files = ImmutableArray.CreateBuilder<GeneratedFile>();
        files.Add(new(Root + "obj/Acme.Outreach.GlobalUsings.g.cs", MigrationWriter.GlobalUsings));
        files.Add(new(Root + "Domain/SharedKernel.cs", ModelWriter.SharedKernel));
        files.Add(new(Root + "DataServiceCollectionExtensions.cs", MigrationWriter.Startup));
        foreach (var e in entities)
        {
            files.Add(new($"{Root}Domain/{e.Area}/{e.Name}.cs", EntityWriter.Write(e)));
            if (e.Config == ConfigStyle.ConfigurationClass)
            {
                files.Add(new($"{Root}Data/Configurations/{e.Name}Configuration.cs", ModelWriter.ConfigurationClass(e)));
            }
        }

        var modelFile = Root + "Data/AppDbContext.cs";
        files.Add(new(modelFile, ModelWriter.DbContext(entities)));
        foreach (var area in EntityCatalog.Areas)
        {
            files.Add(new($"{Root}Data/AppDbContext.{area}.cs", ModelWriter.DbContextArea(area, entities.Where(e => e.Area == area))));
        }

        var queryHeavyFile = Root + "Services/Reporting/ReportingService.cs";
        files.Add(new(queryHeavyFile, ServiceWriter.ReportingService(entities, reportingLines, out var querySites)));
        var remaining = Math.Max(0, querySiteCount - querySites);
        for (var i = 0; i < entities.Length; i++)
        {
            // Spread the remaining query sites evenly over the entity services.
            var share = (remaining / (entities.Length - i)) + (remaining % (entities.Length - i) == 0 ? 0 : 1);
            var e = entities[i];
            files.Add(new($"{Root}Services/{e.Area}/{e.Name}Service.cs", ServiceWriter.EntityService(e, share, out var written)));
            remaining -= written;
            querySites += written;
        }

        var migrations = 0;
        foreach (var chunk in entities.Chunk(5))
        {
            migrations++;
            files.Add(new($"{Root}Data/Migrations/Schema{migrations.ToString("D4", CultureInfo.InvariantCulture)}.cs", MigrationWriter.Migration(migrations, chunk)));
        }

        files.Add(new(Root + "Data/Migrations/AppDbContextModelSnapshot.cs", MigrationWriter.ModelSnapshot(entities)));

        // An attribute-mapped tenant entity with a relationship: what a developer has open while adding a column.
        var entity = entities.First(e => e.IsTenant && e.Config == ConfigStyle.Attributes && e.Parent is not null);
        var hot = entities.Where(e => e.IsHot).ToList();
        return new GeneratedSolution(
            scale,
            files.ToImmutable(),
            entities.Length,
            entities.Count(e => e.IsTenant),
            querySites,
            migrations,
            queryHeavyFile,
            $"{Root}Domain/{entity.Area}/{entity.Name}.cs",
            modelFile,
            EditorConfig(hot));
    }

    /// <summary>The project's .editorconfig: TenantSafety's options, hot entities named by class or by table.</summary>
    private static string EditorConfig(List<EntitySpec> hot)
    {
        var names = hot.Select((e, i) => i % 2 == 0 ? e.Name : e.TableName);
        return $"""
            root = true

            [*.cs]
            tenant_safety.tenant_property = TeamId
            tenant_safety.tenant_value = _tenant.TeamId
            tenant_safety.hot_entities = {string.Join(", ", names)}
            dotnet_diagnostic.TSA1003.severity = error
            """;
    }
}
