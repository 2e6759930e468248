using System.Threading.Tasks;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddModelConfigurationFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2002's fix adds the composite index the queries need, with <c>IsDescending</c> for descending order, where the
/// entity is configured; an existing index it starts with is widened instead, so the fix leaves no redundant index (TSA2004).
/// </summary>
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
    public async Task Widens_the_tenant_key_index_into_the_seed_queue_index_with_descending_priority_and_fix_all_adds_each_shape_once(EfCoreVersion ef)
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
            "        builder.HasIndex(q => new { q.TeamId, q.Priority, q.ScheduledAt }).IsDescending(false, true, false);\n        builder.HasIndex(e => new { e.TeamId, e.Status });\n",
            System.StringComparison.Ordinal);
        var fixedWorker = Worker.Replace("{|TSA2002:ToList()|}", "ToList()", System.StringComparison.Ordinal).Replace("{|TSA2002:Count()|}", "Count()", System.StringComparison.Ordinal);
        await Verify.VerifyFixAllAsync(
            [Queue, Configuration, Worker],
            [Queue, fixedConfiguration, fixedWorker],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages);
    }

    private const string Message = """
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public string Channel { get; set; } = "";
            public DateTime ScheduledAt { get; set; }
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);
            }
        }

        """;

    private const string Inbox = """
        public sealed class Inbox(AppDbContext db)
        {
            public int Queued(Guid teamId, string status) => db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:Count()|};

            public List<Message> Due(Guid teamId, string status) =>
                db.Messages.Where(m => m.TeamId == teamId && m.Status == status).OrderBy(m => m.ScheduledAt).{|TSA2002:ToList()|};
        }

        """;

    private const string Outbox = """
        public sealed class Outbox(AppDbContext db)
        {
            public int Queued(Guid teamId) => db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").{|TSA2002:Count()|};

            public int OnChannel(Guid teamId, string channel) => db.Messages.Where(m => m.TeamId == teamId && m.Channel == channel && m.Status == "queued").{|TSA2002:Count()|};
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Fix_all_writes_the_fewest_indexes_that_serve_every_shape_of_every_file_and_widens_the_one_they_start_with(EfCoreVersion ef)
    {
        // Four findings in two files, three shapes: (TeamId, Status), (TeamId, Status | ScheduledAt), (TeamId, Channel = , Status =).
        // (TeamId, Status, Channel) serves the first and the third, (TeamId, Status, ScheduledAt) the second: two indexes, the
        // first one widening the existing (TeamId), which would otherwise be left redundant.
        const string FixedMessage = """
            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Status { get; set; } = "";
                public string Channel { get; set; } = "";
                public DateTime ScheduledAt { get; set; }
            }

            public class AppDbContext : DbContext
            {
                public DbSet<Message> Messages => Set<Message>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status, m.Channel });
                    modelBuilder.Entity<Message>().HasIndex(e => new { e.TeamId, e.Status, e.ScheduledAt });
                }
            }

            """;
        // One finding at a time, each fix sees only its own shape: (TeamId, Status) widens (TeamId), the ordered shape widens
        // that again, and the channel shape is added as written. As few indexes, in another order.
        var fixedOneByOne = FixedMessage.Replace(
            "HasIndex(m => new { m.TeamId, m.Status, m.Channel });\n        modelBuilder.Entity<Message>().HasIndex(e => new { e.TeamId, e.Status, e.ScheduledAt });",
            "HasIndex(m => new { m.TeamId, m.Status, m.ScheduledAt });\n        modelBuilder.Entity<Message>().HasIndex(e => new { e.TeamId, e.Channel, e.Status });",
            System.StringComparison.Ordinal);
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(Message);
        test.TestState.Sources.Add(Inbox);
        test.TestState.Sources.Add(Outbox);
        test.TestState.AnalyzerConfigFiles.Add((VerifierConfiguration.EditorConfigPath, TSA2002MissingCompositeIndexTests.HotMessages));
        foreach (var (state, message) in new[] { (test.FixedState, fixedOneByOne), (test.BatchFixedState, FixedMessage) })
        {
            state.Sources.Add(message);
            state.Sources.Add(Unmarked(Inbox));
            state.Sources.Add(Unmarked(Outbox));
            state.AnalyzerConfigFiles.Add((VerifierConfiguration.EditorConfigPath, TSA2002MissingCompositeIndexTests.HotMessages));
        }

        // Project and solution scope plan the whole table at once; document scope sees one file at a time, like one by one.
        test.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        await test.RunAsync(System.Threading.CancellationToken.None);

        Assert.NotEqual(FixedMessage, fixedOneByOne);
        await CSharpAnalyzerVerifier<RedundantIndexAnalyzer>.VerifyAnalyzerAsync([FixedMessage, Unmarked(Inbox), Unmarked(Outbox)], ef, TSA2002MissingCompositeIndexTests.HotMessages);
        await CSharpAnalyzerVerifier<RedundantIndexAnalyzer>.VerifyAnalyzerAsync([fixedOneByOne, Unmarked(Inbox), Unmarked(Outbox)], ef, TSA2002MissingCompositeIndexTests.HotMessages);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Widens_an_index_attribute_keeping_its_name_and_spelling_the_directions(EfCoreVersion ef)
    {
        const string Body = "        return db.Messages.Where(m => m.TeamId == teamId).OrderByDescending(m => m.Priority).ThenBy(m => m.ScheduledAt).{|TSA2002:ToList()|};";
        var source = TSA2002MissingCompositeIndexTests.Source(Body, indexes: string.Empty, attributes: "[Index(nameof(TeamId), Name = \"ix_messages_team\")]");
        var fixedSource = Unmarked(source).Replace(
            "[Index(nameof(TeamId), Name = \"ix_messages_team\")]",
            "[Index(nameof(TeamId), nameof(Priority), nameof(ScheduledAt), IsDescending = new[] { false, true, false }, Name = \"ix_messages_team\")]",
            System.StringComparison.Ordinal);
        await Verify.VerifyFixAllAsync([source], [fixedSource], ef, TSA2002MissingCompositeIndexTests.HotMessages);
    }

    [Fact]
    public async Task Widens_a_named_fluent_index_in_place()
    {
        const string Body = "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:ToList()|};";
        var source = TSA2002MissingCompositeIndexTests.Source(Body, indexes: "        modelBuilder.Entity<Message>().HasIndex(x => x.TeamId, \"ix_team\").HasDatabaseName(\"ix_messages_team\");");
        var fixedSource = Unmarked(source).Replace("HasIndex(x => x.TeamId, \"ix_team\")", "HasIndex(x => new { x.TeamId, x.Status }, \"ix_team\")", System.StringComparison.Ordinal);
        await Verify.VerifyFixAllAsync([source], [fixedSource], editorConfig: TSA2002MissingCompositeIndexTests.HotMessages);
    }

    [Fact]
    public async Task Widens_an_index_named_by_strings_in_its_own_style()
    {
        const string Body = "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:ToList()|};";
        var source = TSA2002MissingCompositeIndexTests.Source(Body, indexes: "        modelBuilder.Entity<Message>().HasIndex(\"TeamId\");");
        var fixedSource = Unmarked(source).Replace("HasIndex(\"TeamId\")", "HasIndex(\"TeamId\", \"Status\")", System.StringComparison.Ordinal);
        await Verify.VerifyFixAllAsync([source], [fixedSource], editorConfig: TSA2002MissingCompositeIndexTests.HotMessages);
    }

    private static string Unmarked(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|TSA2002:(.*?)\|\}", "$1");
}
