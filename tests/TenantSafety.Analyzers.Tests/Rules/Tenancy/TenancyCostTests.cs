using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// The tenancy model is lazy: with the key inferred, analysing a file whose classes cannot be tenant entities and
/// which holds no EF Core query (as an IDE analyses the open file) neither builds the entity model nor reads the filters:
/// the configuration body is never read (nothing is kept for it in <see cref="ConfigurationFactCache{TTarget}"/>).
/// </summary>
public sealed class TenancyCostTests
{
    private const string Model = """
        public class Lead
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class CrmDb : DbContext
        {
            public DbSet<Lead> Leads { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Lead>().HasIndex(l => l.TeamId);
        }
        """;

    private const string PlainFile = """
        public sealed class InvoiceLine
        {
            public string Product { get; set; } = "";
            public decimal Amount { get; set; }
        }

        public static class Totals
        {
            public static decimal Of(List<InvoiceLine> lines) => lines.Where(l => l.Amount > 0).Sum(l => l.Amount);
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_file_without_entities_or_queries_never_builds_the_model(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Model, PlainFile);
        var plain = compilation.SyntaxTrees.Single(t => t.FilePath == "/0/Test1.cs");

        var run = await AnalyzerHarness.RunAsync(compilation, ShippedExtensions.CreateAnalyzers(), document: plain);

        Assert.Empty(run.Failures);
        Assert.Empty(run.Diagnostics);
        var onModelCreating = compilation.GetTypeByMetadataName("CrmDb")!.GetMembers("OnModelCreating").Single().DeclaringSyntaxReferences.Single();
        Assert.Null(ConfigurationFactCache<ModelRegistry>.Kept(onModelCreating));

        // The entities' file does build it (and TSA2001 finds the index there).
        var model = compilation.SyntaxTrees.Single(t => t.FilePath == "/0/Test0.cs");
        var modelRun = await AnalyzerHarness.RunAsync(compilation, ShippedExtensions.CreateAnalyzers(), document: model);
        Assert.Empty(modelRun.Diagnostics);
        Assert.NotNull(ConfigurationFactCache<ModelRegistry>.Kept(onModelCreating));
    }
}
