using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

public class TSA1001UnscopedTenantQueryTests
{
    public static TheoryData<string> NonCompliant => new()
    {
        // Execution points
        "db.Leads.{|TSA1001:ToList()|};",
        "db.Leads.{|TSA1001:ToArray()|};",
        "db.Leads.{|TSA1001:ToDictionary(l => l.Id)|};",
        "await db.Leads.{|TSA1001:ToListAsync()|};",
        "db.Leads.{|TSA1001:First()|};",
        "db.Leads.{|TSA1001:SingleOrDefault(l => l.Email == \"a@b.c\")|};",
        "await db.Leads.{|TSA1001:FirstOrDefaultAsync(l => l.Email == \"a@b.c\")|};",
        "db.Leads.OrderBy(l => l.CreatedAt).{|TSA1001:Last()|};",
        "db.Leads.OrderBy(l => l.CreatedAt).{|TSA1001:ElementAt(3)|};",
        "db.Leads.{|TSA1001:Load()|};",
        // Insecure direct object references: primary-key lookups
        "db.Leads.{|TSA1001:FirstOrDefault(l => l.Id == id)|};",
        "db.Leads.{|TSA1001:Find(id)|};",
        "await db.Leads.{|TSA1001:FindAsync(id)|};",
        // Projections, includes, paging, other roots
        "db.Leads.Select(l => l.Email).{|TSA1001:ToList()|};",
        "db.Leads.Include(l => l.Team).{|TSA1001:ToList()|};",
        "db.Leads.AsNoTracking().OrderBy(l => l.CreatedAt).Skip(20).Take(20).{|TSA1001:ToList()|};",
        "db.Set<Lead>().{|TSA1001:ToList()|};",
        "db.Leads.AsQueryable().{|TSA1001:ToList()|};",
        "db.Leads.Paginate(2).{|TSA1001:ToList()|};",
        // Enumeration
        "foreach (var lead in {|TSA1001:db.Leads|}) { }",
        "foreach (var lead in {|TSA1001:db.Leads.Where(l => l.Status == \"new\")|}) { }",
        "await foreach (var lead in {|TSA1001:db.Leads|}) { }",
        "await foreach (var lead in db.Leads.{|TSA1001:AsAsyncEnumerable()|}) { }",
        "db.Leads.{|TSA1001:AsEnumerable()|}.Where(l => l.TeamId == teamId).ToList();",
        // Query syntax
        "(from l in db.Leads where l.Status == \"new\" select l).{|TSA1001:ToList()|};",
        "(from m in db.Messages orderby m.Id select m.Body).{|TSA1001:ToList()|};",
        // Predicates that do not scope
        "db.Leads.Where(l => l.TeamId != teamId).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => l.TeamId == teamId || l.Status == \"new\").{|TSA1001:ToList()|};",
        "db.Leads.Where(l => !(l.TeamId == teamId)).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => !(l.TeamId != teamId && l.Status == \"x\")).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => !(l.TeamId != teamId)).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => !l.Email.Equals(\"a\")).{|TSA1001:ToList()|};",
        "db.Messages.Where(m => m.TeamId == m.Lead!.TeamId).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => l.Email.Contains(\"@\")).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => teamIds.Count > 0).{|TSA1001:ToList()|};",
        // Every path must be scoped
        "var q = db.Leads.AsQueryable(); if (flag) q = q.Where(l => l.TeamId == teamId); q.{|TSA1001:ToList()|};",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { q = q.OrderBy(l => l.Email); } q.{|TSA1001:ToList()|};",
        "var q = flag ? db.Leads.Where(l => l.TeamId == teamId) : db.Leads; q.{|TSA1001:ToList()|};",
        "var q = db.Leads.AsQueryable(); while (flag) { q = q.Where(l => l.TeamId == teamId); } q.{|TSA1001:ToList()|};",
        "IQueryable<Lead> q = db.Leads; q = q.OrderBy(l => l.Email); q.{|TSA1001:ToList()|};",
        // Expression locals and helpers that do not scope
        "Expression<Func<Lead, bool>> byStatus = l => l.Status == \"new\"; db.Leads.Where(byStatus).{|TSA1001:ToList()|};",
        "AllLeads().{|TSA1001:ToList()|};",
        "AllLeads().Paginate(1).{|TSA1001:ToList()|};",
        // Queries inside lambdas and local functions
        "Func<List<Lead>> load = () => db.Leads.{|TSA1001:ToList()|}; load();",
        "List<Lead> Load() => db.Leads.{|TSA1001:ToList()|}; Load();",
    };

    public static TheoryData<string> Compliant => new()
    {
        // Tenant predicates
        "db.Leads.Where(l => l.TeamId == teamId).ToList();",
        "db.Leads.Where(l => teamId == l.TeamId).ToList();",
        "db.Leads.Where(l => l.TeamId.Equals(teamId)).ToList();",
        "db.Leads.Where(l => teamIds.Contains(l.TeamId)).ToList();",
        "db.Leads.Where(l => EF.Property<Guid>(l, \"TeamId\") == teamId).ToList();",
        "db.Messages.Where(m => m.Lead!.TeamId == teamId).ToList();",
        "db.Leads.Where(l => l.Status == \"new\" && l.TeamId == teamId).ToList();",
        "db.Leads.Where(l => (l.TeamId == teamId && l.Status == \"new\") || (l.TeamId == teamId && l.Status == \"old\")).ToList();",
        "db.Leads.FirstOrDefault(l => l.Id == id && l.TeamId == teamId);",
        "await db.Leads.SingleAsync(l => l.TeamId == teamId && l.Id == id);",
        // Anywhere in the chain, any syntax
        "db.Leads.OrderBy(l => l.CreatedAt).Include(l => l.Team).Where(l => l.TeamId == teamId).Select(l => l.Email).ToList();",
        "(from l in db.Leads where l.TeamId == teamId select l).ToList();",
        "(from l in db.Leads where l.Status == \"new\" && l.TeamId == teamId orderby l.Email select l.Email).ToList();",
        "foreach (var lead in db.Leads.Where(l => l.TeamId == teamId)) { }",
        "await foreach (var lead in db.Leads.Where(l => l.TeamId == teamId).AsAsyncEnumerable()) { }",
        // Locals built step by step
        "var q = db.Leads.Where(l => l.Status == \"new\"); q = q.Where(l => l.TeamId == teamId); q.ToList();",
        "var q = db.Leads.Where(l => l.TeamId == teamId); if (flag) q = q.Where(l => l.Status == \"new\"); q.ToList();",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { q = q.Where(l => teamIds.Contains(l.TeamId)); } q.ToList();",
        "var q = flag ? db.Leads.Where(l => l.TeamId == teamId) : db.Leads.Where(l => l.TeamId == teamId && l.Status == \"new\"); q.ToList();",
        // A branch that matches no row reads no tenant's rows.
        "var q = teamIds.Count == 0 ? db.Leads.Where(l => false) : db.Leads.Where(l => teamIds.Contains(l.TeamId)); q.ToList();",
        "var q = db.Leads.Where(l => l.TeamId == teamId); while (flag) { q = q.OrderBy(l => l.Email); } q.ToList();",
        "IQueryable<Lead> q = db.Leads; q = q.Where(l => l.TeamId == teamId); foreach (var lead in q) { }",
        // Expression locals and scoping helpers
        "Expression<Func<Lead, bool>> mine = l => l.TeamId == teamId; db.Leads.Where(mine).ToList();",
        "db.Leads.Where(OwnedBy(teamId)).ToList();",
        "db.Leads.ForTeam(teamId).ToList();",
        "db.Leads.ForTeam(teamId).Paginate(1).ToList();",
        "db.Leads.Paginate(1).ForTeam(teamId).ToList();",
        "TeamLeads(teamId).ToList();",
        "AllLeads().Where(l => l.TeamId == teamId).ToList();",
        // Per-tenant grouping
        "db.Leads.GroupBy(l => l.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToList();",
        // Not tenant entities, not EF queries, not executed
        "db.Countries.ToList();",
        "db.Teams.FirstOrDefault(t => t.Id == id);",
        "dtos.Where(d => d.Status == \"new\").ToList();",
        "dtos.AsQueryable().ToList();",
        "var list = db.Leads.Where(l => l.TeamId == teamId).ToList(); list.Count(); list.First();",
        "var built = db.Leads.Where(l => l.Status == \"new\");",
        // Raw SQL roots are TSA1004's
        "db.Leads.FromSqlRaw(\"SELECT * FROM leads WHERE team_id = {0}\", teamId).ToList();",
    };

    [Theory]
    [MemberData(nameof(NonCompliant))]
    public Task Unscoped_query_is_reported_EF10(string body) =>
        Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(body));

    [Theory]
    [MemberData(nameof(NonCompliant))]
    public Task Unscoped_query_is_reported_EF8(string body) =>
        Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(body), EfCoreVersion.Ef8);

    [Theory]
    [MemberData(nameof(Compliant))]
    public Task Scoped_query_is_not_reported_EF10(string body) =>
        Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(body));

    [Theory]
    [MemberData(nameof(Compliant))]
    public Task Scoped_query_is_not_reported_EF8(string body) =>
        Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(body), EfCoreVersion.Ef8);

    [Fact]
    public Task Message_names_the_entity_and_the_key() =>
        Verify.VerifyAnalyzerAsync(
            UnscopedTenantQuerySources.InService("{|#1:db.Leads|}.{|#0:ToList()|};"),
            Verify.Diagnostic(RuleIdentifiers.UnscopedTenantQuery).WithLocation(0).WithLocation(1)
                .WithMessage("Query on 'Lead' has no condition on TeamId that keeps it to one team; it reads every team's rows"));

    /// <summary>
    /// A lookup of one row by its primary key alone is an insecure direct object reference, not a read of every team's
    /// rows: the message says it finds the row of whichever team the id names. Only the lookup written at the finding
    /// counts (a key compared under <c>||</c>, or a row looked up by another column, reads as before).
    /// </summary>
    public static TheoryData<string, string> LookupMessages => new()
    {
        { "await {|#1:db.Leads|}.{|#0:FirstOrDefaultAsync(l => l.Id == id)|};", "it finds the row with the Id it is given, whichever team's it is" },
        { "{|#1:db.Leads|}.AsNoTracking().Where(l => id == l.Id && l.Status != \"\").{|#0:Single()|};", "it finds the row with the Id it is given, whichever team's it is" },
        { "{|#1:db.Leads|}.{|#0:FirstOrDefault(l => l.Email == \"x\")|};", "it reads every team's rows" },
        { "{|#1:db.Leads|}.{|#0:FirstOrDefault(l => l.Id == id || flag)|};", "it reads every team's rows" },
        { "{|#1:db.Leads|}.Where(l => l.Id == id).{|#0:ToList()|};", "it reads every team's rows" },
    };

    [Theory]
    [MemberData(nameof(LookupMessages))]
    public Task Message_of_a_lookup_by_primary_key_says_it_finds_any_teams_row(string body, string reads) =>
        Verify.VerifyAnalyzerAsync(
            UnscopedTenantQuerySources.InService(body),
            Verify.Diagnostic(RuleIdentifiers.UnscopedTenantQuery).WithLocation(0).WithLocation(1)
                .WithMessage("Query on 'Lead' has no condition on TeamId that keeps it to one team; " + reads));

    [Fact]
    public Task Message_of_a_Find_says_it_finds_any_teams_row() =>
        Verify.VerifyAnalyzerAsync(
            UnscopedTenantQuerySources.InService("db.Leads.{|#0:Find(id)|};"),
            Verify.Diagnostic(RuleIdentifiers.UnscopedTenantQuery).WithLocation(0)
                .WithMessage("Query on 'Lead' has no condition on TeamId that keeps it to one team; it finds the row with the Id it is given, whichever team's it is"));

    /// <summary>
    /// A key compared under <c>||</c> is a condition on the key that does not keep the query to one team: the message
    /// says that, rather than that the query has no predicate on the key (which its reader can see it has).
    /// </summary>
    [Fact]
    public Task Message_of_a_key_compared_under_an_or_says_it_does_not_keep_the_query_to_one_team() =>
        Verify.VerifyAnalyzerAsync(
            UnscopedTenantQuerySources.InService("{|#1:db.Leads|}.Where(l => flag || l.TeamId == teamId).{|#0:ToList()|};"),
            Verify.Diagnostic(RuleIdentifiers.UnscopedTenantQuery).WithLocation(0).WithLocation(1)
                .WithMessage("Query on 'Lead' has no condition on TeamId that keeps it to one team; it reads every team's rows"));

    /// <summary>
    /// A helper that refines the query it is handed by assigning its own parameter (<c>query = query.Where(…)</c>), the
    /// shape of many list readers' <c>ApplyFilters</c>: what it returns, or runs, is the parameter as last assigned on each
    /// path, not the argument as passed.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_helper_that_reassigns_its_query_parameter_is_read_as_it_assigns_it(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(TestModel.Entities + """
            public class LeadReader(AppDbContext db)
            {
                public List<Lead> List(Guid teamId, string? status) => ApplyFilters(db.Leads, teamId, status).ToList();

                public int Count(Guid? teamId) => Optionally(db.Leads, teamId).{|TSA1002:Count()|};

                public List<Lead> Run(Guid teamId) => RunScoped(db.Leads, teamId);

                public List<Lead> RunAll() => RunOrdered({|TSA1001:db.Leads|});

                private static IQueryable<Lead> ApplyFilters(IQueryable<Lead> query, Guid teamId, string? status)
                {
                    query = query.Where(l => l.TeamId == teamId);
                    if (status is not null)
                    {
                        query = query.Where(l => l.Status == status);
                    }

                    return query;
                }

                // The tenant predicate is applied on one path only.
                private static IQueryable<Lead> Optionally(IQueryable<Lead> query, Guid? teamId)
                {
                    if (teamId is not null)
                    {
                        query = query.Where(l => l.TeamId == teamId);
                    }

                    return query;
                }

                private static List<Lead> RunScoped(IQueryable<Lead> leads, Guid teamId)
                {
                    leads = leads.Where(l => l.TeamId == teamId).OrderBy(l => l.Email);
                    return leads.ToList();
                }

                private static List<Lead> RunOrdered(IQueryable<Lead> leads)
                {
                    leads = leads.OrderBy(l => l.Email);
                    return leads.ToList();
                }
            }
            """, ef);

    [Fact]
    public Task Query_built_in_a_helper_is_judged_where_it_runs()
    {
        var source = TestModel.Entities + """
            public class LeadQueries(AppDbContext db)
            {
                public IQueryable<Lead> NewLeads() => db.Leads.Where(l => l.Status == "new");
            }

            public class Report(LeadQueries queries)
            {
                public int Run() => queries.NewLeads().{|TSA1002:Count()|};

                public int RunForTeam(Guid teamId) => queries.NewLeads().Count(l => l.TeamId == teamId);
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public Task Generic_repository_over_a_tenant_interface_is_tenant_code()
    {
        var source = TestModel.Entities + """
            public class Repository<T>(AppDbContext db) where T : class, ITeamOwned
            {
                public List<T> All() => db.Set<T>().{|TSA1001:ToList()|};

                public List<T> ForTeam(Guid teamId) => db.Set<T>().Where(x => x.TeamId == teamId).ToList();

                public IQueryable<T> Query() => db.Set<T>();
            }

            // Internal, so only this project closes it, at its calls (TSA1001LibraryStoreTests: a public one no code of its library closes is judged here).
            internal class Unconstrained<T>(AppDbContext db) where T : class
            {
                public List<T> All() => db.Set<T>().ToList();
            }

            public class Consumer(Repository<Lead> leads)
            {
                public List<Lead> Leak() => leads.Query().{|TSA1001:ToList()|};

                public List<Lead> Safe(Guid teamId) => leads.Query().Where(l => l.TeamId == teamId).ToList();
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId);")]
    [InlineData("modelBuilder.Entity<Lead>(b => { b.HasKey(l => l.Id); b.HasQueryFilter(l => l.TeamId == CurrentTeamId); });")]
    [InlineData("modelBuilder.ApplyConfiguration(new LeadConfiguration(this));")]
    [InlineData("ApplyTenantFilter<Lead>(modelBuilder);")]
    [InlineData("modelBuilder.ApplyConfiguration(new TenantConfiguration<Lead>(this));")]
    public Task Entity_with_a_tenant_filter_is_scoped(string onModelCreating)
    {
        var source = FilteredContext(onModelCreating) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> All() => db.Leads.ToList();

                public Lead? ById(Guid id) => db.Leads.Find(id);

                public Lead? ByKey(Guid id) => db.Leads.FirstOrDefault(l => l.Id == id);

                public List<Message> Messages() => db.Messages.{|TSA1001:ToList()|};
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    /// <summary>
    /// A filter's switch for some callers, a side of <c>||</c> that does not read the row (an administrator, a context with
    /// no tenant), is the model's design: every other caller stays in one team, so the filter scopes. A side that reads
    /// the row lets other teams' rows through to every caller, and the filter does not scope; nor does a switch alone.
    /// </summary>
    [Theory]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => IsHost || l.TeamId == CurrentTeamId);", "")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId || IsAdmin());", "")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => IsAdmin() || (CurrentTeamId != Guid.Empty && l.TeamId == CurrentTeamId));", "")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => CurrentTeamId == Guid.Empty || l.TeamId == CurrentTeamId);", "")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => (IsHost || l.TeamId == CurrentTeamId) && !l.IsDeleted);", "")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => IsHost || l.TeamId == CurrentTeamId || l.IsDeleted);", "TSA1001")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => IsHost || !l.IsDeleted);", "TSA1001")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => IsHost || l.TeamId != CurrentTeamId);", "TSA1001")]
    public Task Filter_with_a_switch_for_some_callers_scopes_the_others(string onModelCreating, string expected)
    {
        var read = expected.Length == 0 ? "ToList()" : "{|" + expected + ":ToList()|}";
        var source = FilteredContext(onModelCreating, members: "public bool IsHost { get; set; }\n\n    private bool IsAdmin() => IsHost;") + $$"""
            public class Reader(FilteredContext db)
            {
                public List<Lead> All() => db.Leads.{{read}};
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => !l.IsDeleted);")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId).HasQueryFilter(l => !l.IsDeleted);")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId != CurrentTeamId);")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId || l.IsDeleted);")]
    [InlineData("modelBuilder.Entity<Lead>().HasKey(l => l.Id); // ApplyTenantFilter<T> exists but is never applied")]
    public Task Filter_that_does_not_constrain_the_tenant_key_does_not_scope(string onModelCreating)
    {
        var source = FilteredContext(onModelCreating) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> All() => db.Leads.{|TSA1001:ToList()|};
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    /// <summary>
    /// A filter that compares the key with the current team beside an <c>||</c> that reads the row is there and does not
    /// scope: the message says why, rather than leaving its reader to think the filter was missed. A filter that only
    /// excludes the team (<c>!=</c>) or reads no key says nothing more.
    /// </summary>
    [Theory]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId || l.IsDeleted);", "; its query filter's condition on TeamId is joined by || to one that lets other teams' rows through")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => !l.IsDeleted && (l.TeamId == CurrentTeamId || l.Id == Guid.Empty));", "; its query filter's condition on TeamId is joined by || to one that lets other teams' rows through")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId != CurrentTeamId);", "")]
    [InlineData("modelBuilder.Entity<Lead>().HasQueryFilter(l => !l.IsDeleted);", "")]
    public Task Message_says_when_the_filter_an_or_opens_does_not_scope(string onModelCreating, string ending)
    {
        var source = FilteredContext(onModelCreating) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> All() => {|#1:db.Leads|}.{|#0:ToList()|};
            }
            """;
        return Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic(RuleIdentifiers.UnscopedTenantQuery).WithLocation(0).WithLocation(1)
                .WithMessage("Query on 'Lead' has no condition on TeamId that keeps it to one team; it reads every team's rows" + ending));
    }

    [Fact]
    public Task Generic_filter_applied_by_reflection_covers_every_entity_satisfying_its_constraints() =>
        Verify.VerifyAnalyzerAsync(FilteredContext("""
            foreach (var type in new[] { typeof(Lead), typeof(Message) })
            {
                typeof(FilteredContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(type).Invoke(this, new object[] { modelBuilder });
            }
            """) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> Leads() => db.Leads.ToList();

                public List<Message> Messages() => db.Messages.ToList();
            }
            """);

    private const string ClassOnlyFilterHelper =
        "private void ApplyFilter<T>(ModelBuilder modelBuilder) where T : class => modelBuilder.Entity<T>().HasQueryFilter(e => EF.Property<Guid>(e, \"TeamId\") == CurrentTeamId);";

    /// <summary>
    /// A helper constrained only to <c>class</c>, made generic for the entity types a loop over the model lets through:
    /// the loop's guards say which entities it filters. A condition that is not a guard may skip any entity, so it
    /// gives the filter to none.
    /// </summary>
    [Theory]
    [InlineData("if (typeof(Lead).IsAssignableFrom(entityType.ClrType))", "", "{|TSA1001:ToList()|}")]
    [InlineData("if (!typeof(Lead).IsAssignableFrom(entityType.ClrType)) continue;", "", "{|TSA1001:ToList()|}")]
    [InlineData("if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))", "", "")]
    [InlineData("if (entityType.ClrType.Name.StartsWith(\"L\"))", "{|TSA1001:ToList()|}", "{|TSA1001:ToList()|}")]
    public Task Helper_constrained_to_class_filters_the_entities_the_loop_guards_let_through(string guard, string leads, string messages)
    {
        var source = FilteredContext(
            $$"""
            foreach (var entityType in modelBuilder.Model.GetEntityTypes())
            {
                {{guard}}
                GetType().GetMethod(nameof(ApplyFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entityType.ClrType).Invoke(this, new object[] { modelBuilder });
            }
            """,
            members: ClassOnlyFilterHelper) + $$"""
            public class Reader(FilteredContext db)
            {
                public List<Lead> Leads() => db.Leads.{{(leads.Length == 0 ? "ToList()" : leads)}};

                public List<Message> Messages() => db.Messages.{{(messages.Length == 0 ? "ToList()" : messages)}};
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    /// <summary>
    /// A class-only helper that branches on its type parameter: the filter it sets on <c>T</c> in one branch is not set
    /// for the type the other branch handles (<c>else</c>, <c>!=</c>, an earlier branch that returns), which gets only
    /// the filter that branch sets. A Message filter that does not scope leaves Message unscoped.
    /// </summary>
    [Theory]
    [InlineData("if (typeof(T) == typeof(Message)) { modelBuilder.Entity<Message>().HasQueryFilter(m => m.Id != Guid.Empty); } else { TeamFilter<T>(modelBuilder); }", "{|TSA1001:ToList()|}")]
    [InlineData("if (typeof(Message) != typeof(T)) { TeamFilter<T>(modelBuilder); } else { modelBuilder.Entity<Message>().HasQueryFilter(m => m.Id != Guid.Empty); }", "{|TSA1001:ToList()|}")]
    [InlineData("if (typeof(T) == typeof(Message)) { modelBuilder.Entity<Message>().HasQueryFilter(m => m.Id != Guid.Empty); return; } TeamFilter<T>(modelBuilder);", "{|TSA1001:ToList()|}")]
    [InlineData("if (typeof(T) == typeof(Message)) { modelBuilder.Entity<Message>().HasQueryFilter(m => m.TeamId == CurrentTeamId); } else { TeamFilter<T>(modelBuilder); }", "ToList()")]
    [InlineData("if (typeof(T) == typeof(Lead)) { modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == CurrentTeamId && !l.IsDeleted); } else { TeamFilter<T>(modelBuilder); }", "ToList()")]
    public Task A_helper_branching_on_its_type_parameter_filters_each_type_as_its_branch_does(string body, string messages)
    {
        var helper = "private void ApplyFilter<T>(ModelBuilder modelBuilder) where T : class\n{\n    " + body.Replace("TeamFilter<T>(modelBuilder);", "modelBuilder.Entity<T>().HasQueryFilter(e => EF.Property<Guid>(e, \"TeamId\") == CurrentTeamId);") + "\n}";
        var source = FilteredContext(
            """
            foreach (var entityType in modelBuilder.Model.GetEntityTypes())
            {
                if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))
                {
                    GetType().GetMethod(nameof(ApplyFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                        .MakeGenericMethod(entityType.ClrType).Invoke(this, new object[] { modelBuilder });
                }
            }
            """,
            members: helper) + $$"""
            public class Reader(FilteredContext db)
            {
                public List<Lead> Leads() => db.Leads.ToList();

                public List<Message> Messages() => db.Messages.{{messages}};
            }
            """;
        return Verify.VerifyAnalyzerAsync(source);
    }

    private const string KeptApplyFilterMethod =
        "private static readonly System.Reflection.MethodInfo ApplyFilterMethod = typeof(FilteredContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;";

    /// <summary>
    /// The helper's <c>MethodInfo</c> kept in a field or property, as contexts that apply a filter to every entity of an
    /// interface often do, and invoked from the loop over the model's entity types.
    /// </summary>
    [Theory]
    [InlineData(KeptApplyFilterMethod)]
    [InlineData("private static System.Reflection.MethodInfo ApplyFilterMethod => typeof(FilteredContext).GetMethod(\"ApplyTenantFilter\", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;")]
    [InlineData("private static System.Reflection.MethodInfo ApplyFilterMethod { get; } = typeof(FilteredContext).GetMethod(nameof(FilteredContext.ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;")]
    public Task Generic_filter_applied_through_a_MethodInfo_member_covers_every_entity_satisfying_its_constraints(string member) =>
        Verify.VerifyAnalyzerAsync(FilteredContext("""
            foreach (var entityType in modelBuilder.Model.GetEntityTypes())
            {
                if (typeof(ITeamOwned).IsAssignableFrom(entityType.ClrType))
                {
                    ApplyFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, new object[] { modelBuilder });
                }
            }
            """, member) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> Leads() => db.Leads.ToList();

                public List<Message> Messages() => db.Messages.ToList();
            }
            """);

    [Theory]
    [InlineData("modelBuilder.Entity<Lead>().HasKey(l => l.Id); // the MethodInfo is never invoked")]
    [InlineData("_ = ApplyFilterMethod.Name; // read, never made generic")]
    [InlineData("OtherMethod.MakeGenericMethod(typeof(Lead)).Invoke(this, new object[] { modelBuilder }); // another method's MethodInfo")]
    public Task MethodInfo_member_of_the_helper_that_the_configuration_does_not_invoke_does_not_scope(string onModelCreating) =>
        Verify.VerifyAnalyzerAsync(FilteredContext(onModelCreating, KeptApplyFilterMethod + "\n" + """
            private static readonly System.Reflection.MethodInfo OtherMethod = typeof(FilteredContext).GetMethod(nameof(Describe), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

            private void Describe<T>(ModelBuilder modelBuilder) where T : class => modelBuilder.Entity<T>().HasKey("Id");
            """) + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> Leads() => db.Leads.{|TSA1001:ToList()|};
            }
            """);

    [Fact]
    public Task Named_tenant_filter_scopes_EF10() =>
        Verify.VerifyAnalyzerAsync(FilteredContext("modelBuilder.Entity<Lead>().HasQueryFilter(\"Tenant\", l => l.TeamId == CurrentTeamId).HasQueryFilter(\"SoftDelete\", l => !l.IsDeleted);") + """
            public class Reader(FilteredContext db)
            {
                public List<Lead> All() => db.Leads.ToList();

                public List<Lead> WithDeleted() => db.Leads.IgnoreQueryFilters(["SoftDelete"]).ToList();
            }
            """);

    [Fact]
    public Task Entity_and_key_found_through_a_navigation_in_EF8_source() =>
        Verify.VerifyAnalyzerAsync(
            UnscopedTenantQuerySources.InService("db.Messages.Where(m => m.Lead!.TeamId == teamId).Select(m => m.Body).ToList(); db.Messages.Select(m => m.Lead).{|TSA1001:ToList()|};"),
            EfCoreVersion.Ef8);

    [Fact]
    public Task No_diagnostics_without_EF_Core_usage() =>
        Verify.VerifyAnalyzerAsync("""
            public class Plain
            {
                public Guid TeamId { get; set; }

                public List<Plain> Items { get; } = new();

                public List<Plain> Run() => Items.AsQueryable().Where(p => p.TeamId != Guid.Empty).ToList();
            }
            """);

    /// <summary>
    /// A model whose context configures filters with <paramref name="onModelCreating"/> and declares
    /// <paramref name="members"/>; Lead has IsDeleted for soft-delete filters.
    /// </summary>
    internal static string FilteredContext(string onModelCreating, string members = "") => $$"""
        public interface ITeamOwned
        {
            Guid TeamId { get; }
        }

        public class Lead : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public bool IsDeleted { get; set; }
        }

        public class Message : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
        }

        public class FilteredContext : DbContext
        {
            public Guid CurrentTeamId { get; set; }

            public DbSet<Lead> Leads { get; set; } = null!;

            public DbSet<Message> Messages { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                {{onModelCreating}}
            }

            private void ApplyTenantFilter<T>(ModelBuilder modelBuilder) where T : class, ITeamOwned =>
                modelBuilder.Entity<T>().HasQueryFilter(e => e.TeamId == CurrentTeamId);

            {{members}}
        }

        public class TenantConfiguration<T>(FilteredContext context) : IEntityTypeConfiguration<T> where T : class, ITeamOwned
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder) =>
                builder.HasQueryFilter(e => e.TeamId == context.CurrentTeamId);
        }

        {{(onModelCreating.Contains("LeadConfiguration") ? LeadConfiguration : "")}}
        """;

    // Configuration classes count as applied (ApplyConfigurationsFromAssembly), so only the tests that use it include it.
    private const string LeadConfiguration = """
        public class LeadConfiguration(FilteredContext context) : IEntityTypeConfiguration<Lead>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Lead> builder) =>
                builder.HasQueryFilter(l => l.TeamId == context.CurrentTeamId);
        }
        """;
}
