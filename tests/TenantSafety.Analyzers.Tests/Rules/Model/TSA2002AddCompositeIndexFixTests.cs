using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>TSA2002's fix adds the composite index the queries need, with <c>IsDescending</c> for descending order, where the entity is configured.</summary>
public sealed class TSA2002AddCompositeIndexFixTests
{
    private const string Queue = """
        public class CampaignQueueItem
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public int Priority { get; set; }
            public DateTime ScheduledAt { get; set; }
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Adds_the_seed_queue_index_with_descending_priority_and_fix_all_adds_each_shape_once(EfCoreVersion ef)
    {
        const string Configuration = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class CampaignQueueConfiguration : IEntityTypeConfiguration<CampaignQueueItem>
            {
                public void Configure(EntityTypeBuilder<CampaignQueueItem> builder)
                {
                    builder.ToTable("campaign_queue");
                    builder.HasIndex(q => q.TeamId);
                }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<CampaignQueueItem> Queue => Set<CampaignQueueItem>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
            }

            """;
        const string Worker = """
            public sealed class QueueWorker(AppDbContext db)
            {
                public List<CampaignQueueItem> Next(Guid teamId) =>
                    db.Queue.Where(q => q.TeamId == teamId).OrderByDescending(q => q.Priority).ThenBy(q => q.ScheduledAt).Take(50).{|TSA2002:ToList()|};

                public List<CampaignQueueItem> NextAgain(Guid teamId) =>
                    db.Queue.Where(q => q.TeamId == teamId).OrderByDescending(q => q.Priority).ThenBy(q => q.ScheduledAt).Take(10).ToList();

                public int Pending(Guid teamId) => db.Queue.Where(q => q.TeamId == teamId && q.Status == "pending").{|TSA2002:Count()|};
            }

            """;
        var fixedConfiguration = Configuration.Replace(
            "        builder.HasIndex(q => q.TeamId);\n",
            "        builder.HasIndex(q => q.TeamId);\n        builder.HasIndex(e => new { e.TeamId, e.Priority, e.ScheduledAt }).IsDescending(false, true, false);\n        builder.HasIndex(e => new { e.TeamId, e.Status });\n",
            System.StringComparison.Ordinal);
        var fixedWorker = Worker.Replace("{|TSA2002:ToList()|}", "ToList()", System.StringComparison.Ordinal).Replace("{|TSA2002:Count()|}", "Count()", System.StringComparison.Ordinal);
        await Verify.VerifyFixAllAsync(
            [Queue, Configuration, Worker],
            [Queue, fixedConfiguration, fixedWorker],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages);
    }
}
