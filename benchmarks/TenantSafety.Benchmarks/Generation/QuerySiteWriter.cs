using System.Text;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>
/// Writes service methods, each holding one or two EF Core query sites (execution points), in the shapes real
/// services use: scoped and unscoped, method and query syntax, queries built step by step in locals (scoped on
/// every path or only on one), scoping helpers, aggregates, bulk updates and deletes, raw SQL, <c>foreach</c>,
/// navigations, <c>IgnoreQueryFilters</c>, <c>Find</c>, joins and projections.
/// </summary>
internal static class QuerySiteWriter
{
    /// <summary>The number of shapes; method <c>j</c> of entity <c>i</c> uses shape <c>(i + j) % Shapes</c>.</summary>
    public const int Shapes = 25;

    /// <summary>Writes shape <paramref name="shape"/> for <paramref name="e"/>; returns the number of EF Core query sites written.</summary>
    public static int Write(StringBuilder s, EntitySpec e, int shape, string suffix, string db = "db")
    {
        var t = e.Name;
        var set = $"{db}.{e.SetName}";
        if (!e.IsTenant)
        {
            return WriteShared(s, e, shape, suffix, set);
        }

        switch (shape)
        {
            case 0:
                s.AppendLine($$"""
                        public Task<List<{{t}}>> ListByStatus{{suffix}}Async(Guid teamId, string status, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.TeamId == teamId && x.Status == status)
                                .OrderByDescending(x => x.CreatedAt)
                                .Take(50)
                                .ToListAsync(ct);

                    """);
                return 1;
            case 1:
                s.AppendLine($$"""
                        public async Task<{{t}}?> Get{{suffix}}Async(Guid id, CancellationToken ct = default)
                        {
                            var entity = await {{set}}.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
                            return entity;
                        }

                    """);
                return 1;
            case 2:
                s.AppendLine($$"""
                        public {{t}}? Find{{suffix}}(Guid teamId, Guid id) =>
                            {{set}}.SingleOrDefault(x => x.TeamId == teamId && x.Id == id);

                    """);
                return 1;
            case 3:
                s.AppendLine($$"""
                        public async Task<List<{{t}}>> Urgent{{suffix}}Async(Guid teamId, int minPriority, CancellationToken ct = default)
                        {
                            var query =
                                from x in {{set}}
                                where x.TeamId == teamId && x.Priority >= minPriority
                                orderby x.Priority descending, x.CreatedAt
                                select x;
                            return await query.Take(100).ToListAsync(ct);
                        }

                    """);
                return 1;
            case 4:
                s.AppendLine($$"""
                        public async Task<List<{{t}}>> Search{{suffix}}Async(Guid teamId, string? status, DateTime? since, CancellationToken ct = default)
                        {
                            var query = {{set}}.AsNoTracking();
                            if (status is not null)
                            {
                                query = query.Where(x => x.Status == status);
                            }

                            if (since is { } from)
                            {
                                query = query.Where(x => x.CreatedAt >= from);
                            }

                            query = query.Where(x => x.TeamId == teamId);
                            return await query.OrderBy(x => x.Name).Take(200).ToListAsync(ct);
                        }

                    """);
                return 1;
            case 5:
                s.AppendLine($$"""
                        public List<{{t}}> Browse{{suffix}}(Guid teamId, bool onlyMine, string? status)
                        {
                            IQueryable<{{t}}> query = {{set}};
                            if (onlyMine)
                            {
                                query = query.Where(x => x.TeamId == teamId);
                            }

                            if (!string.IsNullOrEmpty(status))
                            {
                                query = query.Where(x => x.Status == status);
                            }

                            return query.ToList();
                        }

                    """);
                return 1;
            case 6:
                var scoped = e.IsTeamOwned ? $"{set}.ForTeam(teamId)" : $"{set}.Where(x => x.TeamId == teamId)";
                s.AppendLine($$"""
                        public Task<int> CountOpen{{suffix}}Async(Guid teamId, CancellationToken ct = default) =>
                            {{scoped}}.CountAsync(x => x.Status == "open", ct);

                    """);
                return 1;
            case 7:
                s.AppendLine($$"""
                        public Task<bool> HasDue{{suffix}}Async(Guid teamId, DateTime before, CancellationToken ct = default) =>
                            Team{{e.SetName}}(teamId).AnyAsync(x => x.ScheduledAt < before, ct);

                    """);
                return 1;
            case 8:
                s.AppendLine($$"""
                        public Task<int> CountFailed{{suffix}}Async(CancellationToken ct = default) =>
                            {{set}}.CountAsync(x => x.Status == "failed", ct);

                    """);
                return 1;
            case 9:
                s.AppendLine($$"""
                        public Task<List<TeamCount>> CountPerTeam{{suffix}}Async(CancellationToken ct = default) =>
                            {{set}}.GroupBy(x => x.TeamId).Select(g => new TeamCount(g.Key, g.Count())).ToListAsync(ct);

                    """);
                return 1;
            case 10:
                s.AppendLine($$"""
                        public Task<int> Archive{{suffix}}Async(Guid teamId, DateTime before, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.TeamId == teamId && x.CreatedAt < before)
                                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, "archived").SetProperty(x => x.UpdatedAt, DateTime.UtcNow), ct);

                    """);
                return 1;
            case 11:
                s.AppendLine($$"""
                        public Task<int> Purge{{suffix}}Async(DateTime before, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.CreatedAt < before && x.Status == "deleted").ExecuteDeleteAsync(ct);

                    """);
                return 1;
            case 12:
                s.AppendLine($$"""
                        public Task<List<{{t}}>> RawByStatus{{suffix}}Async(Guid teamId, string status, CancellationToken ct = default) =>
                            {{set}}.FromSqlRaw("SELECT * FROM app.{{e.TableName}} WHERE team_id = {0} AND status = {1}", teamId, status)
                                .AsNoTracking()
                                .ToListAsync(ct);

                    """);
                return 1;
            case 13:
                if (e.Index % 2 == 0)
                {
                    s.AppendLine($$"""
                            public Task<int> Touch{{suffix}}Async(DateTime before, CancellationToken ct = default) =>
                                {{db}}.Database.ExecuteSqlRawAsync("UPDATE app.{{e.TableName}} SET updated_at = now() WHERE created_at < {0}", [before], ct);

                        """);
                }
                else
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}>> Recent{{suffix}}Async(Guid teamId, CancellationToken ct = default) =>
                                {{set}}.FromSqlInterpolated($"SELECT * FROM app.{{e.TableName}} WHERE team_id = {teamId} ORDER BY created_at DESC LIMIT 20")
                                    .ToListAsync(ct);

                        """);
                }

                return 1;
            case 14:
                s.AppendLine($$"""
                        public decimal Total{{suffix}}(Guid teamId)
                        {
                            var total = 0m;
                            foreach (var item in {{set}}.Where(x => x.TeamId == teamId).AsNoTracking())
                            {
                                total += item.Amount;
                            }

                            return total;
                        }

                    """);
                return 1;
            case 15:
                if (e.Parent is { IsTenant: true } tp)
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}>> WithParent{{suffix}}Async(Guid teamId, CancellationToken ct = default) =>
                                {{set}}.Include(x => x.{{tp.Name}}).Where(x => x.{{tp.Name}}!.TeamId == teamId).ToListAsync(ct);

                        """);
                }
                else
                {
                    s.AppendLine($$"""
                            public Task<{{t}}[]> Latest{{suffix}}Async(Guid teamId, CancellationToken ct = default) =>
                                {{set}}.Where(x => x.TeamId == teamId).OrderByDescending(x => x.UpdatedAt).Take(10).ToArrayAsync(ct);

                        """);
                }

                return 1;
            case 16:
                if (e.Filter == FilterStyle.NamedTenant)
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}>> IncludingDeleted{{suffix}}Async(string status, CancellationToken ct = default) =>
                                {{set}}.IgnoreQueryFilters(["SoftDelete"]).Where(x => x.Status == status).ToListAsync(ct);

                        """);
                }
                else if (e.Index % 2 == 0)
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}>> IncludingDeleted{{suffix}}Async(Guid teamId, CancellationToken ct = default) =>
                                {{set}}.IgnoreQueryFilters().Where(x => x.TeamId == teamId && x.Status == "deleted").ToListAsync(ct);

                        """);
                }
                else
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}>> AllTeams{{suffix}}Async(CancellationToken ct = default) =>
                                {{set}}.IgnoreQueryFilters().Where(x => x.Status == "deleted").ToListAsync(ct);

                        """);
                }

                return 1;
            case 17:
                s.AppendLine($$"""
                        public async Task<{{t}}?> Load{{suffix}}Async(Guid id, CancellationToken ct = default) =>
                            await {{set}}.FindAsync([id], ct);

                    """);
                return 1;
            case 18:
                if (e.Parent is { } p)
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}Summary>> Joined{{suffix}}Async(Guid teamId, CancellationToken ct = default)
                            {
                                var query =
                                    from x in {{set}}
                                    join p in {{db}}.{{p.SetName}} on x.{{p.Name}}Id equals p.Id
                                    where x.TeamId == teamId
                                    select new {{t}}Summary(x.Id, p.Name, x.Status, x.TeamId);
                                return query.ToListAsync(ct);
                            }

                        """);
                }
                else
                {
                    s.AppendLine($$"""
                            public Task<List<{{t}}Summary>> Summaries{{suffix}}Async(Guid teamId, CancellationToken ct = default) =>
                                (from x in {{set}}
                                 where x.TeamId == teamId
                                 select new {{t}}Summary(x.Id, x.Name, x.Status, x.TeamId)).ToListAsync(ct);

                        """);
                }

                return 1;
            case 19:
                s.AppendLine($$"""
                        public async Task<int> Stream{{suffix}}Async(CancellationToken ct = default)
                        {
                            var sum = 0;
                            await foreach (var item in {{set}}.Where(x => x.TeamId == tenant.TeamId).AsAsyncEnumerable().WithCancellation(ct))
                            {
                                sum += item.Priority;
                            }

                            return sum;
                        }

                    """);
                return 1;
            case 20:
                s.AppendLine($$"""
                        public Task<{{t}}Summary?> Summary{{suffix}}Async(Guid teamId, Guid id, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.TeamId == teamId)
                                .Where(x => x.Id == id)
                                .Select(x => new {{t}}Summary(x.Id, x.Name, x.Status, x.TeamId))
                                .FirstOrDefaultAsync(ct);

                    """);
                return 1;
            case 21:
                s.AppendLine($$"""
                        public Task<List<{{t}}>> Active{{suffix}}Async(Guid teamId, CancellationToken ct = default)
                        {
                            Expression<Func<{{t}}, bool>> ownedByTeam = x => x.TeamId == teamId;
                            return {{set}}.Where(ownedByTeam).Where(x => x.Status != "archived").ToListAsync(ct);
                        }

                    """);
                return 1;
            case 22:
                s.AppendLine($$"""
                        public Task<{{t}}[]> Mine{{suffix}}Async(CancellationToken ct = default) =>
                            {{set}}.Where(x => x.TeamId == tenant.TeamId).OrderBy(x => x.Priority).ThenBy(x => x.Name).ToArrayAsync(ct);

                    """);
                return 1;
            case 23:
                s.AppendLine($$"""
                        public async Task<(List<{{t}}> Items, int Total)> Page{{suffix}}Async(Guid teamId, int page, int size, CancellationToken ct = default)
                        {
                            var query = {{set}}.Where(x => x.TeamId == teamId).OrderByDescending(x => x.CreatedAt);
                            var total = await query.CountAsync(ct);
                            var items = await query.Skip(page * size).Take(size).ToListAsync(ct);
                            return (items, total);
                        }

                    """);
                return 2;
            default:
                s.AppendLine($$"""
                        public Task<int> Reassign{{suffix}}Async(Guid teamId, Guid id, string status, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.TeamId == teamId && x.Id == id)
                                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.Priority, x => x.Priority + 1), ct);

                    """);
                return 1;
        }
    }

    /// <summary>Queries over a shared (non-tenant) table: none of them is a finding.</summary>
    private static int WriteShared(StringBuilder s, EntitySpec e, int shape, string suffix, string set)
    {
        var t = e.Name;
        switch (shape % 6)
        {
            case 0:
                s.AppendLine($$"""
                        public Task<List<{{t}}>> ByName{{suffix}}Async(string prefix, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.Name.StartsWith(prefix)).OrderBy(x => x.Name).ToListAsync(ct);

                    """);
                return 1;
            case 1:
                s.AppendLine($$"""
                        public Task<{{t}}?> Get{{suffix}}Async(Guid id, CancellationToken ct = default) =>
                            {{set}}.FirstOrDefaultAsync(x => x.Id == id, ct);

                    """);
                return 1;
            case 2:
                s.AppendLine($$"""
                        public int CountByStatus{{suffix}}(string status) =>
                            (from x in {{set}} where x.Status == status select x).Count();

                    """);
                return 1;
            case 3:
                s.AppendLine($$"""
                        public Task<int> Retire{{suffix}}Async(DateTime before, CancellationToken ct = default) =>
                            {{set}}.Where(x => x.CreatedAt < before).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, "retired"), ct);

                    """);
                return 1;
            case 4:
                s.AppendLine($$"""
                        public Task<List<{{t}}>> Raw{{suffix}}Async(CancellationToken ct = default) =>
                            {{set}}.FromSqlRaw("SELECT * FROM app.{{e.TableName}} ORDER BY name").ToListAsync(ct);

                    """);
                return 1;
            default:
                s.AppendLine($$"""
                        public async Task<{{t}}?> Load{{suffix}}Async(Guid id, CancellationToken ct = default) =>
                            await {{set}}.FindAsync([id], ct);

                    """);
                return 1;
        }
    }
}
