using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// The reference sets compile what rule tests will write, and each really is the EF Core version it
/// claims to be. If one of these fails, every rule test on that version fails for a reason that has
/// nothing to do with the rule.
/// </summary>
public sealed class ReferenceSetTests
{
    // Forms every supported EF Core version accepts with the same source text.
    private const string CommonEfSource = """
        public sealed class TenantContext
        {
            public Guid TeamId { get; set; }
        }

        public class FilteredDbContext : DbContext
        {
            private readonly TenantContext _tenant;

            public FilteredDbContext(DbContextOptions<FilteredDbContext> options, TenantContext tenant)
                : base(options)
            {
                _tenant = tenant;
            }

            public DbSet<Lead> Leads => Set<Lead>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lead>().HasQueryFilter(l => l.TeamId == _tenant.TeamId);
                modelBuilder.Entity<Lead>().HasIndex(l => new { l.TeamId, l.Status }).IsDescending(false, true);
                modelBuilder.Entity<Message>().ToTable("messages").HasIndex(m => m.TeamId);
            }
        }

        public sealed class LeadService
        {
            private readonly AppDbContext _db;

            public LeadService(AppDbContext db) => _db = db;

            public List<Lead> Open(Guid teamId) =>
                _db.Leads.Where(l => l.TeamId == teamId && l.Status == "open").OrderBy(l => l.CreatedAt).ToList();

            public Task<Lead?> ById(Guid id, CancellationToken ct) => _db.Leads.FirstOrDefaultAsync(l => l.Id == id, ct);

            public ValueTask<Lead?> Find(Guid id) => _db.Leads.FindAsync(id);

            public int Archive(Guid teamId) =>
                _db.Leads.Where(l => l.TeamId == teamId).ExecuteUpdate(s => s.SetProperty(x => x.Status, "x"));

            public Task<int> ArchiveAsync(Guid teamId, CancellationToken ct) =>
                _db.Leads.Where(l => l.TeamId == teamId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, "x").SetProperty(x => x.Email, x => x.Email.ToLower()), ct);

            public Task<int> Purge(Guid teamId) => _db.Messages.Where(m => m.TeamId == teamId).ExecuteDeleteAsync();

            public List<Lead> Raw(Guid teamId) =>
                _db.Leads.FromSqlRaw("SELECT * FROM leads WHERE team_id = {0}", teamId).ToList();

            public IQueryable<Lead> Unfiltered() => _db.Leads.IgnoreQueryFilters();

            public Task<int> RawUpdate(Guid teamId) =>
                _db.Database.ExecuteSqlInterpolatedAsync($"UPDATE leads SET status = 'x' WHERE team_id = {teamId}");

            public async Task<Dictionary<string, int>> CountByStatus(Guid teamId)
            {
                var counts = await _db.Leads.Where(l => l.TeamId == teamId)
                    .GroupBy(l => l.Status)
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToListAsync();
                return counts.ToDictionary(c => c.Key, c => c.Count);
            }

            public async Task Stream(Guid teamId)
            {
                await foreach (var lead in _db.Leads.Where(l => l.TeamId == teamId).AsAsyncEnumerable())
                {
                    _ = lead.Email;
                }

                Expression<Func<Lead, bool>> mine = l => l.TeamId == teamId;
                _ = await _db.Leads.AnyAsync(mine);
                _ = await _db.Leads.Include(l => l.Team).Where(mine).CountAsync();
            }
        }
        """;

    // Forms only EF Core 10 has.
    private const string Ef10OnlySource = """
        public class NamedFilterDbContext : DbContext
        {
            public Guid CurrentTeamId { get; set; }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lead>()
                    .HasQueryFilter("Tenant", l => l.TeamId == CurrentTeamId)
                    .HasQueryFilter("SoftDelete", l => l.Status != "deleted");
            }

            public List<Lead> WithDeleted() => Set<Lead>().IgnoreQueryFilters(["SoftDelete"]).ToList();

            public void Update(bool rename)
            {
                // EF Core 10: the setters are an Action<UpdateSettersBuilder<T>>, so a block body compiles.
                Set<Lead>().ExecuteUpdate(s =>
                {
                    s.SetProperty(l => l.Status, "x");
                    if (rename)
                    {
                        s.SetProperty(l => l.Email, "renamed");
                    }
                });
            }
        }
        """;

    public static TheoryData<EfCoreVersion> Versions => new() { EfCoreVersion.Ef8, EfCoreVersion.Ef10 };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Common_EF_Core_source_compiles(EfCoreVersion ef)
    {
        AssertCompilesCleanly(EfCoreReferences.Compile(ef, TestModel.Entities, CommonEfSource));
    }

    [Fact]
    public void EF_Core_10_named_filters_and_block_setters_compile_with_EF_Core_10()
    {
        AssertCompilesCleanly(EfCoreReferences.Compile(EfCoreVersion.Ef10, TestModel.Entities, Ef10OnlySource));
    }

    [Fact]
    public void EF_Core_10_only_source_does_not_compile_with_EF_Core_8()
    {
        // Proves the EF 8 set is not EF 10 under another name: the named filter does not exist there.
        var errors = Errors(EfCoreReferences.Compile(EfCoreVersion.Ef8, TestModel.Entities, Ef10OnlySource));
        Assert.NotEmpty(errors);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Same_ExecuteUpdate_text_binds_to_each_versions_own_setter_API(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, TestModel.Entities, """
            public static class Bulk
            {
                public static int Run(AppDbContext db) => db.Leads.ExecuteUpdate(s => s.SetProperty(x => x.Status, "x"));
            }
            """);
        AssertCompilesCleanly(compilation);

        var tree = compilation.SyntaxTrees[1];
        var model = compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
            .First(i => i.Expression.ToString().EndsWith(".ExecuteUpdate", StringComparison.Ordinal));
        var method = (IMethodSymbol)model.GetSymbolInfo(call).Symbol!;
        var setters = (INamedTypeSymbol)method.Parameters.Last().Type;

        // EF 8: Expression<Func<SetPropertyCalls<T>, SetPropertyCalls<T>>>; EF 10: Action<UpdateSettersBuilder<T>>.
        var expected = ef == EfCoreVersion.Ef8
            ? "System.Linq.Expressions.Expression<System.Func<Microsoft.EntityFrameworkCore.Query.SetPropertyCalls<Lead>, Microsoft.EntityFrameworkCore.Query.SetPropertyCalls<Lead>>>"
            : "System.Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Lead>>";
        Assert.Equal(expected, setters.ToDisplayString());
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8, 8, "System.Runtime", 8)]
    [InlineData(EfCoreVersion.Ef10, 10, "System.Runtime", 10)]
    public void Reference_set_is_the_version_it_claims(EfCoreVersion ef, int efMajor, string frameworkAssembly, int frameworkMajor)
    {
        foreach (var path in EfCoreReferences.EfCoreAssemblyPaths(ef))
        {
            var name = AssemblyName.GetAssemblyName(path);
            Assert.True(name.Version!.Major == efMajor, $"{path} is {name.Version}, expected {efMajor}.x");
        }

        var compilation = EfCoreReferences.Compile(ef, "");
        var efCore = compilation.ReferencedAssemblyNames.Single(a => a.Name == "Microsoft.EntityFrameworkCore");
        Assert.Equal(efMajor, efCore.Version.Major);
        var runtime = compilation.ReferencedAssemblyNames.Single(a => a.Name == frameworkAssembly);
        Assert.Equal(frameworkMajor, runtime.Version.Major);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Reference_sets_are_built_once(EfCoreVersion ef)
    {
        Assert.True(EfCoreReferences.Get(ef) == EfCoreReferences.Get(ef), "the reference set should be cached, not rebuilt per test");
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8, 8)]
    [InlineData(EfCoreVersion.Ef10, 10)]
    public void Npgsql_provider_is_opt_in_and_of_the_same_generation(EfCoreVersion ef, int major)
    {
        const string migration = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class AddIndexes : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.CreateIndex(name: "IX_a", table: "messages", column: "team_id").Annotation("Npgsql:CreatedConcurrently", true);
                    migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix ON leads (team_id)", suppressTransaction: true);
                }

                public static void Configure(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Lead>().HasIndex(l => l.TeamId).IsCreatedConcurrently();
            }
            """;
        var compilation = EfCoreReferences.Compile(ef, DatabaseProvider.Npgsql, TestModel.Entities, migration);
        AssertCompilesCleanly(compilation);
        var provider = compilation.ReferencedAssemblyNames.Single(a => a.Name == "Npgsql.EntityFrameworkCore.PostgreSQL");
        Assert.Equal(major, provider.Version.Major);

        // Without opting in, the provider is not there: IsCreatedConcurrently does not bind.
        Assert.NotEmpty(Errors(EfCoreReferences.Compile(ef, TestModel.Entities, migration)));
    }

    private static List<Diagnostic> Errors(Compilation compilation) =>
        [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    // Warnings count too: an assembly-unification warning (CS1701/CS1702/CS1705) would mean the set mixes versions.
    private static void AssertCompilesCleanly(Compilation compilation)
    {
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "Compiler errors and warnings:\n" + string.Join("\n", problems));
    }
}
