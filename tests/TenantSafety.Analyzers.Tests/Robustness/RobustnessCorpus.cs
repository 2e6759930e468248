using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Tests.Robustness;

/// <summary>
/// Realistic EF Core code of a multi-tenant outreach app (the product's seed), the starting point of the
/// half-typed inputs. Every document compiles cleanly as written (checked by a test); all but
/// <see cref="Ef10Only"/> with EF Core 8 and 10.
/// </summary>
internal static class RobustnessCorpus
{
    public sealed record Document(string Path, string Text, bool RequiresEf10 = false);

    public static ImmutableArray<Document> Documents { get; } =
    [
        new("/src/Data/Model.cs", Model),
        new("/src/Data/Configurations.cs", Configurations),
        new("/src/Services/LeadService.cs", LeadService),
        new("/src/Services/LeadReports.cs", LeadReports),
        new("/src/Services/Repository.cs", Repository),
        new("/src/Services/BulkAndRawSql.cs", BulkAndRawSql),
        new("/src/Services/Specifications.cs", Specifications),
        new("/src/Data/Migrations/20250101_AddIndexes.cs", Migration),
        new("/src/Data/NamedFilters.cs", Ef10Only, RequiresEf10: true),
    ];

    private const string Model = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations.Schema;
        using Microsoft.EntityFrameworkCore;

        namespace Outreach.Data;

        public interface ITeamOwned
        {
            Guid TeamId { get; }
        }

        public interface ISoftDeletable
        {
            bool IsDeleted { get; }
        }

        public interface ITenantContext
        {
            Guid TeamId { get; }
        }

        public class Team
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
            public List<Lead> Leads { get; } = new();
        }

        [Index(nameof(TeamId), nameof(Status))]
        public class Lead : ITeamOwned, ISoftDeletable
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Team? Team { get; set; }
            public string Status { get; set; } = "new";
            public string Email { get; set; } = "";
            public int Score { get; set; }
            public DateTime CreatedAt { get; set; }
            public bool IsDeleted { get; set; }
            public List<Message> Messages { get; } = new();
        }

        [Table("messages")]
        public class Message : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid LeadId { get; set; }
            public Lead? Lead { get; set; }
            public string Status { get; set; } = "queued";
            public string Body { get; set; } = "";
            public DateTime? SentAt { get; set; }
        }

        public class InboxItem : ITeamOwned
        {
            public long Id { get; set; }
            public Guid TeamId { get; set; }
            public string CurrentBucket { get; set; } = "";
            public int Priority { get; set; }
            public DateTime ScheduledAt { get; set; }
        }

        public class CampaignEvent
        {
            public long Id { get; set; }
            public Guid TeamId { get; set; }
            public string Kind { get; set; } = "";
        }

        public class Country
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
        }

        [Keyless]
        public class LeadStats
        {
            public Guid TeamId { get; set; }
            public int Count { get; set; }
        }

        public class OutreachDbContext : DbContext
        {
            private readonly ITenantContext _tenant;

            public OutreachDbContext(DbContextOptions<OutreachDbContext> options, ITenantContext tenant)
                : base(options)
            {
                _tenant = tenant;
            }

            public DbSet<Team> Teams => Set<Team>();
            public DbSet<Lead> Leads => Set<Lead>();
            public DbSet<Message> Messages { get; set; } = null!;
            public DbSet<InboxItem> InboxItems { get; set; } = null!;
            public DbSet<CampaignEvent> CampaignEvents { get; set; } = null!;
            public DbSet<Country> Countries { get; set; } = null!;
            public DbSet<LeadStats> LeadStats { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                base.OnModelCreating(modelBuilder);
                modelBuilder.ApplyConfigurationsFromAssembly(typeof(OutreachDbContext).Assembly);
                modelBuilder.ApplyPriorityFilters();

                modelBuilder.Entity<Lead>(entity =>
                {
                    entity.ToTable("leads");
                    entity.HasQueryFilter(l => l.TeamId == _tenant.TeamId && !l.IsDeleted);
                    entity.HasIndex(l => new { l.TeamId, l.CreatedAt }).IsDescending(false, true);
                    entity.HasOne(l => l.Team).WithMany(t => t.Leads).HasForeignKey(l => l.TeamId);
                });

                modelBuilder.Entity<InboxItem>()
                    .HasQueryFilter(i => i.TeamId == _tenant.TeamId)
                    .HasIndex(i => new { i.TeamId, i.Priority, i.ScheduledAt })
                    .IsDescending(false, true, false);

                modelBuilder.Entity<CampaignEvent>().HasIndex("TeamId", "Kind");
                modelBuilder.Entity<LeadStats>().HasNoKey().ToView("lead_stats");

                // A filter built at run time by a loop over the model, on the shared lookup table only.
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (!typeof(Country).IsAssignableFrom(entityType.ClrType)) continue;
                    entityType.AddNamedFilter();
                }
            }
        }
        """;

    private const string Configurations = """
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        namespace Outreach.Data;

        public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
        {
            public void Configure(EntityTypeBuilder<Message> builder)
            {
                builder.HasKey(m => m.Id);
                builder.HasIndex(m => new { m.TeamId, m.Status });
                builder.HasIndex(m => m.LeadId);
                builder.Property(m => m.Body).HasMaxLength(4000);
                builder.HasOne(m => m.Lead).WithMany(l => l.Messages).HasForeignKey(m => m.LeadId);
            }
        }

        internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
        {
            public void Configure(EntityTypeBuilder<Country> builder) => builder.HasIndex(c => c.Name).IsUnique();
        }

        // A second unnamed filter on InboxItem, run before OnModelCreating's tenant filter: the order of bodies is read.
        internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
        {
            public void Configure(EntityTypeBuilder<InboxItem> builder) => builder.HasQueryFilter(i => i.Priority >= 0);
        }

        public static class FilterConventions
        {
            public static void ApplyPriorityFilters(this ModelBuilder modelBuilder)
            {
                var setter = typeof(FilterConventions).GetMethod(nameof(SetPriorityFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
                setter.MakeGenericMethod(typeof(InboxItem)).Invoke(null, new object[] { modelBuilder });
            }

            private static void SetPriorityFilter<T>(ModelBuilder modelBuilder) where T : InboxItem =>
                modelBuilder.Entity<T>().HasQueryFilter(i => i.Priority >= 0);

            public static void AddNamedFilter(this Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
            {
                var e = System.Linq.Expressions.Expression.Parameter(entityType.ClrType, "e");
                var named = System.Linq.Expressions.Expression.NotEqual(System.Linq.Expressions.Expression.Property(e, "Name"), System.Linq.Expressions.Expression.Constant(""));
                entityType.SetQueryFilter(System.Linq.Expressions.Expression.Lambda(named, e));
            }
        }
        """;

    private const string LeadService = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Outreach.Data;

        namespace Outreach.Services;

        public sealed class LeadService
        {
            private readonly OutreachDbContext _db;
            private readonly ITenantContext _tenant;

            public LeadService(OutreachDbContext db, ITenantContext tenant)
            {
                _db = db;
                _tenant = tenant;
            }

            public List<Message> Queued(Guid teamId) =>
                _db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").OrderBy(m => m.SentAt).ToList();

            public Task<Message?> MessageById(Guid id, CancellationToken ct) =>
                _db.Messages.FirstOrDefaultAsync(m => m.Id == id, ct);

            public async Task<Message?> FindMessage(Guid id) => await _db.Messages.FindAsync(id);

            public Message? FindMessageSync(Guid id) => _db.Messages.Find(id);

            public List<Message> QuerySyntax(Guid teamId)
            {
                var query = from m in _db.Messages
                            join l in _db.Leads on m.LeadId equals l.Id
                            where m.TeamId == teamId && l.Score > 10
                            orderby m.SentAt descending
                            select m;
                return query.ToList();
            }

            public async Task<List<Message>> StepByStep(Guid teamId, string? status, bool onlyMine, CancellationToken ct)
            {
                IQueryable<Message> query = _db.Messages.AsNoTracking();
                if (onlyMine)
                {
                    query = query.Where(m => m.TeamId == teamId);
                }

                if (status is not null)
                {
                    query = query.Where(m => m.Status == status);
                }

                query = query.OrderByDescending(m => m.SentAt).Take(50);
                return await query.ToListAsync(ct);
            }

            public List<Message> WithExpressionLocal(Guid teamId, IReadOnlyCollection<Guid> teamIds)
            {
                Expression<Func<Message, bool>> mine = m => m.TeamId == teamId;
                Expression<Func<Message, bool>> anyOfMine = m => teamIds.Contains(m.TeamId);
                var viaNavigation = _db.Messages.Where(m => m.Lead!.TeamId == teamId).ToList();
                var viaProperty = _db.Messages.Where(m => EF.Property<Guid>(m, "TeamId") == teamId).ToList();
                var viaEquals = _db.Messages.Where(m => m.TeamId.Equals(teamId)).ToList();
                var notScoped = _db.Messages.Where(m => m.TeamId != teamId || m.Status == "x").ToList();
                return _db.Messages.Where(mine).Concat(_db.Messages.Where(anyOfMine)).Concat(viaNavigation).Concat(viaProperty).Concat(viaEquals).Concat(notScoped).ToList();
            }

            public IQueryable<Message> Build(Guid teamId) => _db.Messages.Where(m => m.TeamId == teamId);

            public List<Message> UsesBuilder(Guid teamId) => Build(teamId).Where(m => m.Status == "sent").ToList();

            public List<Message> UsesTenantContext() => _db.Messages.Where(m => m.TeamId == _tenant.TeamId).ToList();

            public Lead? LeadWithFilter(Guid id) => _db.Leads.Include(l => l.Messages).SingleOrDefault(l => l.Id == id);

            public List<Lead> AllTeamsLeads() => _db.Leads.IgnoreQueryFilters().Where(l => l.Status == "new").ToList();

            public Lead[] ScopedIgnore(Guid teamId) => _db.Leads.IgnoreQueryFilters().Where(l => l.TeamId == teamId).ToArray();

            public ILookup<string, InboxItem> Inbox(Guid teamId) =>
                _db.InboxItems.Where(i => i.TeamId == teamId && i.CurrentBucket == "today")
                    .OrderByDescending(i => i.Priority).ThenBy(i => i.ScheduledAt).ToLookup(i => i.CurrentBucket);

            public HashSet<Guid> Ids() => _db.Messages.Select(m => m.Id).ToHashSet();

            public Message ElementAt(int index) => _db.Messages.OrderBy(m => m.Id).ElementAt(index);

            public Task<Message> Last(Guid teamId) => _db.Messages.Where(m => m.TeamId == teamId).OrderBy(m => m.Id).LastAsync();

                }
        """;

    private const string LeadReports = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Outreach.Data;

        namespace Outreach.Services;

        public sealed class LeadReports(OutreachDbContext db)
        {
            private readonly OutreachDbContext _db = db;

            public async Task<int> Aggregates(Guid teamId)
            {
                var total = await _db.Messages.CountAsync();
                var mine = await _db.Messages.Where(m => m.TeamId == teamId).LongCountAsync();
                var any = _db.Messages.Any(m => m.Status == "failed");
                var all = _db.Messages.Where(m => m.TeamId == teamId).All(m => m.Body != "");
                var sum = _db.Leads.Sum(l => l.Score);
                var max = await _db.Messages.MaxAsync(m => m.SentAt);
                var avg = _db.Leads.Where(l => l.TeamId == teamId).Average(l => (double)l.Score);
                return total + (int)mine + (any ? 1 : 0) + (all ? 1 : 0) + sum + (max.HasValue ? 1 : 0) + (int)avg;
            }

            public Dictionary<Guid, int> PerTeam() =>
                _db.Messages.GroupBy(m => m.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count);

            public Dictionary<string, int> PerStatus() =>
                _db.Messages.GroupBy(m => new { m.TeamId, m.Status }).ToDictionary(g => g.Key.Status, g => g.Count());

            public async Task Enumerate(Guid teamId, CancellationToken ct)
            {
                foreach (var message in _db.Messages.Where(m => m.TeamId == teamId))
                {
                    message.Status = "seen";
                }

                await foreach (var message in _db.Messages.AsAsyncEnumerable().WithCancellation(ct))
                {
                    _ = message.Body;
                }

                foreach (var country in _db.Countries)
                {
                    _ = country.Name;
                }

                await _db.Messages.Where(m => m.TeamId == teamId).LoadAsync(ct);
                var inMemory = _db.Messages.AsEnumerable().Where(m => m.Body.Length > 10).ToArray();
                _ = inMemory;
            }

            [SuppressMessage("TenantSafety", "TSA1001", Justification = "Nightly export across all teams.")]
            public List<Message> NightlyExport() => _db.Messages.ToList();

        #pragma warning disable TSA1002 // Admin dashboard counts every team.
            public int AdminCount() => _db.Messages.Count();
        #pragma warning restore TSA1002

            public List<T> Generic<T>(Guid teamId) where T : class, ITeamOwned =>
                _db.Set<T>().Where(e => e.TeamId == teamId).ToList();

            public Func<Guid, IEnumerable<Message>> Compiled() =>
                EF.CompileQuery((OutreachDbContext context, Guid teamId) => context.Messages.Where(m => m.TeamId == teamId)) is var q
                    ? teamId => q(_db, teamId)
                    : throw new InvalidOperationException();
        }
        """;

    /// <summary>Queries through Ardalis.Specification: specifications, their base, a repository and the calls that run them.</summary>
    private const string Specifications = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Ardalis.Specification;
        using Ardalis.Specification.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore;
        using Outreach.Data;

        namespace Outreach.Services;

        public abstract class TeamSpec<T> : Specification<T>
            where T : class, ITeamOwned
        {
            protected TeamSpec(Guid teamId) => Query.Where(e => e.TeamId == teamId);
        }

        public sealed class QueuedMessagesSpec : TeamSpec<Message>
        {
            public QueuedMessagesSpec(Guid teamId, int take)
                : base(teamId)
            {
                Query.Where(m => m.Status == "queued").OrderBy(m => m.Id).Take(take);
            }
        }

        public sealed class LeadsSpec : Specification<Lead>
        {
            public LeadsSpec(Guid? teamId, string? status, IReadOnlyCollection<Guid> ids)
            {
                if (ids.Count == 0)
                {
                    Query.Where(l => false);
                    return;
                }

                if (teamId is { } team)
                    Query.Where(l => l.TeamId == team);
                else
                    Query.IgnoreQueryFilters();

                Query.Where(l => l.Status == status, status is not null);
                ForIds(ids);
            }

            private void ForIds(IReadOnlyCollection<Guid> ids) => Query.Where(l => ids.Contains(l.Id));
        }

        public interface IReadRepository<T> : IReadRepositoryBase<T>
            where T : class
        {
        }

        public sealed class EfRepository<T> : RepositoryBase<T>, IReadRepository<T>
            where T : class
        {
        }

        public sealed class SpecificationQueries
        {
            private readonly IReadRepository<Message> _messages;
            private readonly EfRepository<Lead> _leads;
            private readonly OutreachDbContext _db;

            public SpecificationQueries(IReadRepository<Message> messages, EfRepository<Lead> leads, OutreachDbContext db)
            {
                _messages = messages;
                _leads = leads;
                _db = db;
            }

            public Task<List<Message>> Queued(Guid teamId, CancellationToken ct) => _messages.ListAsync(new QueuedMessagesSpec(teamId, 50), ct);

            public async Task<int> Counted(Guid? teamId, string? status, Guid[] ids)
            {
                var spec = new LeadsSpec(teamId, status, ids);
                var all = await _leads.ListAsync();
                var first = await _leads.FirstOrDefaultAsync(spec);
                var lead = first is null ? null : await _leads.GetByIdAsync(first.Id);
                return all.Count + await _leads.CountAsync(spec) + (lead is null ? 0 : 1);
            }

            public Task<List<Lead>> Applied(Guid teamId, string status, Guid[] ids) =>
                _db.Leads.WithSpecification(new LeadsSpec(teamId, status, ids)).ToListAsync();
        }
        """;

    private const string Repository = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Outreach.Data;

        namespace Outreach.Services;

        public static class TenantQueryableExtensions
        {
            public static IQueryable<T> ForTeam<T>(this IQueryable<T> query, Guid teamId)
                where T : class, ITeamOwned =>
                query.Where(e => e.TeamId == teamId);

            public static IQueryable<T> Active<T>(this IQueryable<T> query)
                where T : class, ISoftDeletable =>
                query.Where(e => !e.IsDeleted);

            public static Expression<Func<T, bool>> OwnedBy<T>(Guid teamId)
                where T : ITeamOwned =>
                e => e.TeamId == teamId;
        }

        public class Repository<T>
            where T : class, ITeamOwned
        {
            private readonly OutreachDbContext _db;
            private readonly ITenantContext _tenant;

            public Repository(OutreachDbContext db, ITenantContext tenant)
            {
                _db = db;
                _tenant = tenant;
            }

            protected DbSet<T> Set => _db.Set<T>();

            public Task<List<T>> ListAsync(CancellationToken ct = default) =>
                Set.ForTeam(_tenant.TeamId).ToListAsync(ct);

            public Task<T?> GetAsync(Guid id) => Set.FirstOrDefaultAsync(e => EF.Property<Guid>(e, "Id") == id);

            public Task<int> CountAsync() => Set.Where(TenantQueryableExtensions.OwnedBy<T>(_tenant.TeamId)).CountAsync();

            public IQueryable<T> Query() => Set.Where(e => e.TeamId == _tenant.TeamId);

            public async Task<bool> ExistsAsync(Expression<Func<T, bool>> predicate) => await Set.AnyAsync(predicate);

            public Task<int> DeleteAllAsync() => Set.ExecuteDeleteAsync();
        }

        public sealed class MessageRepository : Repository<Message>
        {
            public MessageRepository(OutreachDbContext db, ITenantContext tenant)
                : base(db, tenant)
            {
            }

            public Task<List<Message>> Failed() => Query().Where(m => m.Status == "failed").ToListAsync();

            public List<Message> Unscoped() => Set.Where(m => m.Status == "failed").ToList();
        }
        """;

    private const string BulkAndRawSql = """
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Outreach.Data;

        namespace Outreach.Services;

        public sealed class Maintenance(OutreachDbContext db)
        {
            public int Archive(Guid teamId) =>
                db.Messages.Where(m => m.TeamId == teamId && m.Status == "sent")
                    .ExecuteUpdate(s => s.SetProperty(m => m.Status, "archived").SetProperty(m => m.SentAt, m => m.SentAt));

            public Task<int> ArchiveEverything() =>
                db.Messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, "archived"));

            public int MoveToTeam(Guid from, Guid to) =>
                db.Messages.Where(m => m.TeamId == from).ExecuteUpdate(s => s.SetProperty(m => m.TeamId, to));

            public Task<int> Purge(Guid teamId) => db.Messages.Where(m => m.TeamId == teamId).ExecuteDeleteAsync();

            public int PurgeEverything() => db.CampaignEvents.ExecuteDelete();

            public int PurgeFiltered() => db.Leads.Where(l => l.IsDeleted).ExecuteDelete();

            public IQueryable<Message> Raw(Guid teamId) =>
                db.Messages.FromSqlRaw("SELECT * FROM messages WHERE team_id = {0} AND status = 'queued'", teamId);

            public IQueryable<Message> RawUnscoped() => db.Messages.FromSqlRaw("SELECT * FROM \"messages\"");

            public IQueryable<Message> RawComposed(Guid teamId) =>
                db.Messages.FromSqlRaw("SELECT * FROM messages").Where(m => m.TeamId == teamId);

            public IQueryable<Message> Interpolated(Guid teamId, string status) =>
                db.Messages.FromSqlInterpolated($"SELECT * FROM messages WHERE team_id = {teamId} AND status = {status}");

            public IQueryable<Message> FormattableSql(Guid teamId) =>
                db.Messages.FromSql($"SELECT * FROM messages m JOIN leads l ON l.id = m.lead_id AND l.team_id = {teamId}");

            public Task<int> RawUpdate(Guid teamId) =>
                db.Database.ExecuteSqlRawAsync("UPDATE messages SET status = 'x' " + "WHERE team_id = {0}", teamId);

            public int RawDeleteAll() => db.Database.ExecuteSqlRaw("DELETE FROM inbox_items");

            public Task<int> RawInterpolated(Guid teamId) =>
                db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM campaign_events WHERE team_id = {teamId}");

            public IQueryable<int> Scalars(Guid teamId) =>
                db.Database.SqlQuery<int>($"SELECT score AS \"Value\" FROM leads WHERE team_id = {teamId}");

            public IQueryable<int> ScalarsRaw() => db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM messages");
        }
        """;

    private const string Migration = """
        using Microsoft.EntityFrameworkCore.Migrations;

        namespace Outreach.Data.Migrations;

        public partial class AddIndexes : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder)
            {
                migrationBuilder.CreateTable(
                    name: "campaign_queue",
                    columns: table => new
                    {
                        id = table.Column<long>(nullable: false),
                        team_id = table.Column<System.Guid>(nullable: false),
                    },
                    constraints: table => table.PrimaryKey("pk_campaign_queue", x => x.id));

                migrationBuilder.CreateIndex(name: "ix_campaign_queue_team_id", table: "campaign_queue", column: "team_id");
                migrationBuilder.CreateIndex(name: "ix_messages_team_id_status", table: "messages", columns: new[] { "team_id", "status" });
                migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_leads_team_id ON leads (team_id);", suppressTransaction: true);
                migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_inbox_team_id ON inbox_items (team_id);");
            }

            protected override void Down(MigrationBuilder migrationBuilder)
            {
                migrationBuilder.DropIndex(name: "ix_messages_team_id_status", table: "messages");
                migrationBuilder.DropTable(name: "campaign_queue");
            }
        }
        """;

    private const string Ef10Only = """
        using System;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;

        namespace Outreach.Data;

        public class NamedFilterDbContext(DbContextOptions<NamedFilterDbContext> options, ITenantContext tenant) : DbContext(options)
        {
            public DbSet<Lead> Leads => Set<Lead>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lead>()
                    .HasQueryFilter("Tenant", l => l.TeamId == tenant.TeamId)
                    .HasQueryFilter("SoftDelete", l => !l.IsDeleted);
            }

            public int KeepTenantFilter() => Leads.IgnoreQueryFilters(["SoftDelete"]).Count();

            public int DropTenantFilter() => Leads.IgnoreQueryFilters(["Tenant"]).Count();

            public void BlockSetters(bool touch) =>
                Leads.Where(l => l.TeamId == tenant.TeamId).ExecuteUpdate(s =>
                {
                    s.SetProperty(l => l.Status, "touched");
                    if (touch)
                    {
                        s.SetProperty(l => l.CreatedAt, DateTime.UtcNow);
                    }
                });
        }
        """;
}
