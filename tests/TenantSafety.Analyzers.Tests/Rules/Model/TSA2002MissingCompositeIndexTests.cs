using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2002: tenant-scoped queries on hot entities need an index led by the tenant key, then their equality
/// columns, then their ordering (the seed's <c>(team_id, status)</c> and <c>(team_id, priority DESC, scheduled_at ASC)</c>).
/// Reported at the first query of each missing shape per file.
/// </summary>
public sealed class TSA2002MissingCompositeIndexTests
{
    internal const string HotMessages = "root = true\n[*.cs]\ntenant_safety.hot_entities = messages, campaign_queue\n";

    /// <summary>A hot <c>Message</c> (table <c>messages</c>) indexed by <paramref name="indexes"/>, and a service whose method body is <paramref name="body"/>.</summary>
    internal static string Source(string body, string indexes = "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);", string extraContext = "", string attributes = "") => $$"""
        {{attributes}}
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public string Channel { get; set; } = "";
            public int Priority { get; set; }
            public DateTime ScheduledAt { get; set; }
            public bool IsRead { get; set; }
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();
        {{extraContext}}
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
        {{indexes}}
            }
        }

        public sealed class Inbox(AppDbContext db)
        {
            public object Run(Guid teamId, string status, string? channel)
            {
        {{body}}
            }
        }

        """;

    public static TheoryData<string, EfCoreVersion> Violations => RuleSources.WithEachEf(
        Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:ToList()|};"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId).Where(m => m.Status == \"queued\").{|TSA2002:CountAsync()|};"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId && status.Equals(m.Status)).{|TSA2002:ToList()|};"),
        Source("        return db.Messages.Where(m => teamId == m.TeamId && !m.IsRead).{|TSA2002:ToList()|};"),
        Source("        return db.Messages.{|TSA2002:FirstOrDefault(m => m.TeamId == teamId && m.Status == status)|};"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId).OrderByDescending(m => m.Priority).ThenBy(m => m.ScheduledAt).{|TSA2002:Take(10).ToList()|};".Replace("{|TSA2002:Take(10).ToList()|}", "Take(10).{|TSA2002:ToList()|}")),
        Source("        return (from m in db.Messages where m.TeamId == teamId && m.Status == status orderby m.ScheduledAt select m).{|TSA2002:ToList()|};"),
        Source("""
                    var query = db.Messages.Where(m => m.TeamId == teamId);
                    if (channel is not null)
                    {
                        query = query.Where(m => m.Channel == channel);
                    }

                    return query.{|TSA2002:ToList()|};
            """),
        // An index on the right columns in the wrong order, or with the wrong mix of directions, does not serve it.
        Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:ToList()|};", "        modelBuilder.Entity<Message>().HasIndex(m => new { m.Status, m.TeamId });"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId).OrderByDescending(m => m.Priority).ThenBy(m => m.ScheduledAt).{|TSA2002:ToList()|};", "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Priority, m.ScheduledAt });"),
        // A key lookup needs every column of the key: a composite key pinned in part is no lookup.
        Source(
            "        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Id == id).{|TSA2002:ToList()|};",
            "        modelBuilder.Entity<Message>().HasKey(m => new { m.Id, m.Priority });"),
        Source(
            "        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Id == id).{|TSA2002:ToList()|};",
            "        modelBuilder.Entity<Message>().HasKey(m => new { m.TeamId, m.Priority, m.Id });"),
        Source(
            "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:ToList()|};",
            "        modelBuilder.Entity<Message>().HasIndex(m => new { m.Status, m.Channel }).IsUnique();"),
        // …a plain index on the key columns is no key, and a partial unique index is unique only among its rows.
        Source(
            "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status && m.Channel == channel).{|TSA2002:ToList()|};",
            "        modelBuilder.Entity<Message>().HasIndex(m => new { m.Status, m.Channel });"),
        Source(
            "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status && m.Channel == channel).{|TSA2002:ToList()|};",
            "        modelBuilder.Entity<Message>().HasIndex(m => new { m.Status, m.Channel }).IsUnique().HasFilter(\"is_read\");"),
        // …and a key column compared by a range is not pinned.
        Source(
            "        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status && m.Id != id).{|TSA2002:ToList()|};"),
        // Scoped by a tenant filter: the index still has to start with the key.
        Source(
            "        return db.Messages.Where(m => m.Status == status).{|TSA2002:ToList()|};",
            "        modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId);",
            "    public Guid CurrentTeamId { get; set; }"));

    public static TheoryData<string, EfCoreVersion> Compliant => RuleSources.WithEachEf(
        Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).ToList();", "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status });"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).ToList();", "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status, m.ScheduledAt });"),
        Source("        return db.Messages.Where(m => m.Channel == channel && m.TeamId == teamId && m.Status == status).ToList();", "        modelBuilder.Entity<Message>().HasIndex(\"TeamId\", \"Status\", \"Channel\");"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId).OrderByDescending(m => m.Priority).ThenBy(m => m.ScheduledAt).ToList();", "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Priority, m.ScheduledAt }).IsDescending(false, true, false);"),
        // A btree is read backwards as well: all directions reversed is served by the same index.
        Source("        return db.Messages.Where(m => m.TeamId == teamId).OrderBy(m => m.Priority).ThenByDescending(m => m.ScheduledAt).ToList();", "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Priority, m.ScheduledAt }).IsDescending(false, true, false);"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).ToList();", "        modelBuilder.Entity<Message>().HasKey(m => new { m.TeamId, m.Status, m.Id });"),
        // Only the tenant key (TSA2001's concern), or ordered by an expression no index serves.
        Source("        return db.Messages.Where(m => m.TeamId == teamId).ToList();"),
        Source("        return db.Messages.Where(m => m.TeamId == teamId).OrderBy(m => m.Priority * 2).ToList();"),
        // Not scoped: TSA1001 reports it; an index recommendation would be premature.
        Source("        return db.Messages.Where(m => m.Status == status).ToList();"),
        // Range and inequality filters are not equality columns.
        Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status != status && m.ScheduledAt < DateTime.UtcNow).ToList();"),
        // A lookup that pins a whole primary key, alternate key or unique index is served by it, whatever else it
        // filters or orders by: the Id convention's key, by equality or Contains…
        Source("        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Id == id).ToList();"),
        Source("        var id = Guid.NewGuid();\n        return db.Messages.FirstOrDefault(m => m.TeamId == teamId && id == m.Id);"),
        Source("        var ids = new List<Guid>();\n        return db.Messages.Where(m => m.TeamId == teamId && ids.Contains(m.Id)).ToList();"),
        Source("        var ids = new List<Guid>();\n        return db.Messages.Where(m => m.TeamId == teamId && ids.Contains(m.Id) && m.Status == status).OrderBy(m => m.ScheduledAt).ToList();"),
        Source("        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId).Where(m => m.Id == id).ToList();"),
        // …a composite key fully pinned (the tenant key by the scoping), configured or by attribute…
        Source(
            "        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Id == id).ToList();",
            "        modelBuilder.Entity<Message>().HasKey(m => new { m.TeamId, m.Id });"),
        Source(
            "        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Priority == 1 && m.Id == id).ToList();",
            "        modelBuilder.Entity<Message>().HasKey(m => new { m.Id, m.Priority });"),
        Source(
            "        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Id == id).ToList();",
            attributes: "[PrimaryKey(nameof(TeamId), nameof(Id))]"),
        // …an alternate key, and a unique index, declared fluently or by attribute.
        Source(
            "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status && m.Channel == channel).ToList();",
            "        modelBuilder.Entity<Message>().HasAlternateKey(m => new { m.Status, m.Channel });"),
        Source(
            "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status && m.Channel == channel).OrderBy(m => m.Priority).ToList();",
            "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Channel, m.Status }).IsUnique();"),
        Source(
            "        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status && m.Channel == channel).ToList();",
            attributes: "[Index(nameof(Status), nameof(Channel), IsUnique = true)]"),
        // A filter under || is not an equality on the column.
        Source("        return db.Messages.Where(m => m.TeamId == teamId && (m.Status == status || m.Channel == channel)).ToList();"));

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Query_without_a_serving_composite_index_is_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync([source], ef, HotMessages);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public async Task Query_served_by_an_index_or_out_of_scope_is_not_reported(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync([source], ef, HotMessages);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_key_convention_prefers_Id_to_the_type_named_key(EfCoreVersion ef)
    {
        // EF Core keys Message by Id even when a MessageId comes first: a lookup by Id is a key lookup, one by
        // MessageId is not.
        static string WithMessageIdFirst(string source) =>
            source.Replace("    public Guid Id { get; set; }", "    public Guid MessageId { get; set; }\n    public Guid Id { get; set; }");
        await Verify.VerifyAnalyzerAsync(
            [WithMessageIdFirst(Source("        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.Id == id).ToList();"))],
            ef,
            HotMessages);
        await Verify.VerifyAnalyzerAsync(
            [WithMessageIdFirst(Source("        var id = Guid.NewGuid();\n        return db.Messages.Where(m => m.TeamId == teamId && m.MessageId == id).{|TSA2002:ToList()|};"))],
            ef,
            HotMessages);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Entities_not_listed_as_hot_are_not_checked(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).ToList();")],
            ef,
            "root = true\n[*.cs]\ntenant_safety.hot_entities = inbox_items\n");
        await Verify.VerifyAnalyzerAsync(Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).ToList();"), ef);
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("Message")]
    [InlineData("MESSAGES")]
    public async Task Hot_entities_are_matched_by_table_or_class_name_in_any_case(string hot)
    {
        await Verify.VerifyAnalyzerAsync(
            [Source("        return db.Messages.Where(m => m.TeamId == teamId && m.Status == status).{|TSA2002:ToList()|};")],
            EfCoreVersion.Ef10,
            $"root = true\n[*.cs]\ntenant_safety.hot_entities = {hot}\n");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Each_missing_shape_is_reported_once_per_file_at_its_first_query(EfCoreVersion ef)
    {
        var source = Source("""
                    var queued = db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").{|#0:ToList()|};
                    var failed = db.Messages.Where(m => m.Status == "failed" && m.TeamId == teamId).Count();
                    var byChannel = db.Messages.Where(m => m.TeamId == teamId && m.Channel == channel).{|#1:ToList()|};
                    return db.Messages.Where(m => m.TeamId == teamId).Where(m => m.Channel == "sms").ToList();
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA2002").WithLocation(1).WithArguments("Message", "TeamId, Channel", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    /// <summary>
    /// After a projection the lambdas read groups or projected rows: a group's count, a DTO's member or another entity's
    /// column is no column of this table, and asks nothing of its indexes; what the query filtered before still does.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Lambdas_after_a_projection_name_no_column_of_the_table(EfCoreVersion ef)
    {
        var source = Source("""
                    var byChannel = db.Messages.Where(m => m.TeamId == teamId && m.Status == status)
                        .GroupBy(m => m.Channel)
                        .Select(g => new { Channel = g.Key, Count = g.Count() })
                        .OrderByDescending(x => x.Count)
                        .{|#0:ToList()|};
                    var busy = db.Messages.Where(m => m.TeamId == teamId)
                        .GroupBy(m => m.Channel)
                        .Where(g => g.Count() > 10)
                        .Select(g => new { Channel = g.Key, Count = g.Count() })
                        .Where(x => x.Channel == channel)
                        .OrderBy(x => x.Count)
                        .ToList();
                    return db.Messages.Where(m => m.TeamId == teamId)
                        .Select(m => new { m.Status, m.Priority })
                        .Where(x => x.Status == status)
                        .OrderBy(x => x.Priority)
                        .ToList();
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Branches_that_replace_each_other_give_a_shape_each_not_one_no_execution_has(EfCoreVersion ef)
    {
        // One branch filters by status, the other orders by date: (TeamId, Status) and (TeamId, ScheduledAt), never
        // (TeamId, Status, ScheduledAt).
        var ifElse = Source("""
                    var query = db.Messages.Where(m => m.TeamId == teamId);
                    if (status.Length > 0)
                    {
                        query = query.Where(m => m.Status == status);
                    }
                    else
                    {
                        query = query.OrderBy(m => m.ScheduledAt);
                    }

                    return query.{|#0:ToList()|};
            """);
        var conditional = Source("""
                    var mine = db.Messages.Where(m => m.TeamId == teamId);
                    var query = status.Length > 0 ? mine.Where(m => m.Status == status) : mine.OrderBy(m => m.ScheduledAt);
                    return query.{|#0:ToList()|};
            """);
        foreach (var source in new[] { ifElse, conditional })
        {
            await Verify.VerifyAnalyzerAsync(
                [source],
                ef,
                HotMessages,
                Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
                Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, ScheduledAt", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        // Both indexes in place: nothing to report, although no index is (TeamId, Status, ScheduledAt).
        await Verify.VerifyAnalyzerAsync(
            [ifElse.Replace("{|#0:ToList()|}", "ToList()", System.StringComparison.Ordinal).Replace(
                "        modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);",
                "        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.Status });\n        modelBuilder.Entity<Message>().HasIndex(m => new { m.TeamId, m.ScheduledAt });",
                System.StringComparison.Ordinal)],
            ef,
            HotMessages);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_filter_added_on_one_path_only_counts_as_applied(EfCoreVersion ef)
    {
        // The path without the filter is served by the index of the path with it.
        await Verify.VerifyAnalyzerAsync(
            [Source("""
                        var query = db.Messages.Where(m => m.TeamId == teamId).OrderByDescending(m => m.Priority);
                        if (channel is not null)
                        {
                            query = query.Where(m => m.Channel == channel).OrderByDescending(m => m.Priority);
                        }

                        return query.{|#0:ToList()|};
                """)],
            ef,
            HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Channel, Priority DESC", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    /// <summary>
    /// A search refined by many optional filters has 2^k paths: past sixteen they are read as one chain, and each
    /// assignment of the query is read once, or the file's analysis stalls (18 filters took seconds before). The timeout
    /// only guards against that hang; the verdicts are the test.
    /// </summary>
    [Theory(Timeout = 300_000)]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Many_optional_filters_are_read_once_each(EfCoreVersion ef)
    {
        var filters = Enumerable.Range(0, 40)
            .Select(i => $"        if (channel is not null && status.Length > {i}) {{ query = query.Where(m => m.Priority > {i}); }}")
            .ToList();
        filters.Insert(20, "        query = query.Where(m => m.Status == status);");
        var source = Source($"        var query = db.Messages.Where(m => m.TeamId == teamId);\n{string.Join("\n", filters)}\n        return query.{{|#0:ToList()|}};");
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    private const string Comments = """
        public class TaskItem
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
        }

        public class Comment
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid TaskItemId { get; set; }
            public TaskItem TaskItem { get; set; } = null!;
            public DateTime CreatedAt { get; set; }
        }

        public class AppDbContext : DbContext
        {
            public DbSet<TaskItem> Tasks => Set<TaskItem>();
            public DbSet<Comment> Comments => Set<Comment>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<TaskItem>().HasIndex(t => t.TeamId);
                modelBuilder.Entity<Comment>().HasIndex(c => c.TeamId);
            }
        }

        public sealed class Discussion(AppDbContext db)
        {
            public object Run(Guid teamId, Guid id)
            {
        BODY
            }
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_tenant_predicate_on_a_navigated_table_asks_nothing_of_this_table(EfCoreVersion ef)
    {
        const string HotComments = "root = true\n[*.cs]\ntenant_safety.hot_entities = comments\n";

        // Scoped through c.TaskItem.TeamId: comments are found by TaskItemId (its foreign-key index), not by (TeamId, TaskItemId).
        await Verify.VerifyAnalyzerAsync(
            [Comments.Replace("BODY", "        return db.Comments.Where(c => c.TaskItemId == id && c.TaskItem.TeamId == teamId).OrderBy(c => c.CreatedAt).ToList();", System.StringComparison.Ordinal)],
            ef,
            HotComments);

        // Scoped by its own key too: that key leads the index it needs.
        await Verify.VerifyAnalyzerAsync(
            [Comments.Replace("BODY", "        return db.Comments.Where(c => c.TaskItemId == id && c.TaskItem.TeamId == teamId && c.TeamId == teamId).{|TSA2002:ToList()|};", System.StringComparison.Ordinal)],
            ef,
            HotComments);
    }
}
