using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// The IDE's edit cycle over filters set in two bodies: which one EF Core keeps depends on the order of calls in
/// <c>OnModelCreating</c> and on what the configuration class sets, each read once per file and reused while the file
/// is unchanged. After every edit, the findings must be those of a fresh compilation.
/// </summary>
public sealed class FilterOrderEditCycleTests
{
    private const string Invoices = """
        public class Invoice
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public bool IsDeleted { get; set; }
        }

        public static class Tenancy
        {
            public static Guid Current;
        }

        public class InvoiceService(AppContext db)
        {
            public List<Invoice> All() => db.Invoices.ToList();
        }
        """;

    private const string Context = """
        public class AppContext : DbContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == Tenancy.Current);
                modelBuilder.ApplyConfiguration(new InvoiceConfiguration());
            }
        }
        """;

    private const string Configuration = """
        public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Invoice> builder) =>
                builder.HasQueryFilter(i => !i.IsDeleted);
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Which_filter_runs_last_follows_every_edit(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Invoices, Context, Configuration);
        Assert.Contains("TSA1001", await DiagnosticsAsync(compilation), System.StringComparison.Ordinal);

        // Typing in the service: nothing about the filters changed.
        var typed = IdeEdits.Edit(compilation, 0, Invoices.Replace("All()", "Everything()", System.StringComparison.Ordinal));
        Assert.Contains("TSA1001", await DiagnosticsAsync(typed), System.StringComparison.Ordinal);

        // The configuration class puts the key into its filter: the filter EF Core keeps scopes again.
        var scoped = IdeEdits.Edit(typed, 2, Configuration.Replace("!i.IsDeleted", "!i.IsDeleted && i.TeamId == Tenancy.Current", System.StringComparison.Ordinal));
        await AssertAsFreshAsync(scoped, ef, expectFinding: false);

        // Back to soft delete only, then the two calls swapped in OnModelCreating: the tenant filter runs last.
        var unscoped = IdeEdits.Edit(scoped, 2, Configuration);
        await AssertAsFreshAsync(unscoped, ef, expectFinding: true);
        var swapped = IdeEdits.Edit(unscoped, 1, Context.Replace("""
                    modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == Tenancy.Current);
                    modelBuilder.ApplyConfiguration(new InvoiceConfiguration());
            """, """
                    modelBuilder.ApplyConfiguration(new InvoiceConfiguration());
                    modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == Tenancy.Current);
            """, System.StringComparison.Ordinal));
        await AssertAsFreshAsync(swapped, ef, expectFinding: false);
    }

    private const string LoopContext = """
        public class AppContext : DbContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TeamId == Tenancy.Current);
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    entityType.AddSoftDeleteFilter();
                }
            }
        }
        """;

    private const string LoopHelper = """
        public static class SoftDelete
        {
            public static void AddSoftDeleteFilter(this Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
            {
                var e = System.Linq.Expressions.Expression.Parameter(entityType.ClrType, "e");
                entityType.SetQueryFilter(System.Linq.Expressions.Expression.Lambda(System.Linq.Expressions.Expression.Not(System.Linq.Expressions.Expression.Property(e, "IsDeleted")), e));
            }
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_loop_follows_every_edit_of_the_method_it_hands_the_entity_type_to(EfCoreVersion ef)
    {
        var compilation = EfCoreReferences.Compile(ef, Invoices, LoopContext, LoopHelper);
        Assert.Contains("TSA1001", await DiagnosticsAsync(compilation), System.StringComparison.Ordinal);

        // The method stops setting the filter (a log line instead): OnModelCreating, unchanged, keeps its tenant filter.
        var logging = IdeEdits.Edit(compilation, 2, LoopHelper.Replace(
            "entityType.SetQueryFilter(",
            "System.Console.WriteLine(",
            System.StringComparison.Ordinal));
        await AssertAsFreshAsync(logging, ef, expectFinding: false);

        // It sets the filter again: the tenant filter is replaced again.
        var setting = IdeEdits.Edit(logging, 2, LoopHelper);
        await AssertAsFreshAsync(setting, ef, expectFinding: true);
    }

    private static async Task AssertAsFreshAsync(Compilation edited, EfCoreVersion ef, bool expectFinding)
    {
        var diagnostics = await DiagnosticsAsync(edited);
        Assert.Equal(await DiagnosticsAsync(IdeEdits.Fresh(edited, ef)), diagnostics);
        Assert.Equal(expectFinding, diagnostics.Contains("TSA1001", System.StringComparison.Ordinal));
    }

    private static Task<string> DiagnosticsAsync(Compilation compilation) =>
        AnalyzerHarness.DiagnosticLinesAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new UnscopedTenantQueryAnalyzer()));
}
