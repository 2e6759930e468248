using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// One entity class mapped by two DbContexts, whose tenant filter only one of them sets in its own
/// <c>OnModelCreating</c>: EF Core builds a model per context, so the other context's queries read every tenant's rows
/// (a reporting or read-only context beside the application's). A filter in a configuration class any context may
/// apply, a context derived from the filtering one, and a variable of an interface or base class keep the filter.
/// </summary>
public sealed class TSA1001FilterOfOneContextTests
{
    private static string Source(string members) => $$"""
        public interface ICurrentOrg { Guid TenantId { get; } }

        public class Invoice
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public decimal Total { get; set; }
        }

        public interface IBillingData { DbSet<Invoice> Invoices { get; } }

        public class BillingDb(DbContextOptions options, ICurrentOrg org) : DbContext(options), IBillingData
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TenantId == org.TenantId);
        }

        public class AuditedBillingDb(DbContextOptions options, ICurrentOrg org) : BillingDb(options, org)
        {
        }

        public class ReportingDb(DbContextOptions options) : DbContext(options)
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
        }

        public sealed class Reads(BillingDb billing, AuditedBillingDb audited, IBillingData data, DbContext any, ReportingDb reporting)
        {
            {{members}}
        }
        """;

    public static TheoryData<string, EfCoreVersion> Reported => RuleSources.WithEachEf(
        "public Invoice? Leak(Guid id) => reporting.Invoices.{|TSA1001:FirstOrDefault(i => i.Id == id)|};",
        "public List<Invoice> LeakBySet() => reporting.Set<Invoice>().{|TSA1001:ToList()|};",
        "public int LeakCount() => reporting.Invoices.{|TSA1002:Count()|};");

    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "public Invoice? Filtered(Guid id) => billing.Invoices.FirstOrDefault(i => i.Id == id);",
        "public Invoice? Derived(Guid id) => audited.Invoices.FirstOrDefault(i => i.Id == id);",
        "public Invoice? ThroughInterface(Guid id) => data.Invoices.FirstOrDefault(i => i.Id == id);",
        "public Invoice? ThroughBase(Guid id) => any.Set<Invoice>().FirstOrDefault(i => i.Id == id);",
        "public Invoice? Rescoped(Guid id, Guid tenantId) => reporting.Invoices.FirstOrDefault(i => i.Id == id && i.TenantId == tenantId);");

    [Theory]
    [MemberData(nameof(Reported))]
    public Task A_context_that_sets_no_filter_reads_every_tenant_s_rows(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task The_filtering_context_its_derived_contexts_and_variables_that_may_hold_it_keep_the_filter(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_filter_in_a_configuration_class_filters_every_context(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public interface ICurrentOrg { Guid TenantId { get; } }

            public class Invoice
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
            }

            public sealed class InvoiceConfiguration(ICurrentOrg org) : IEntityTypeConfiguration<Invoice>
            {
                public void Configure(EntityTypeBuilder<Invoice> builder) => builder.HasQueryFilter(i => i.TenantId == org.TenantId);
            }

            public class BillingDb(DbContextOptions options, ICurrentOrg org) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new InvoiceConfiguration(org));
            }

            public class ReportingDb(DbContextOptions options) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();
            }

            public sealed class Reads(ReportingDb reporting)
            {
                public Invoice? Read(Guid id) => reporting.Invoices.FirstOrDefault(i => i.Id == id);
            }
            """,
            ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Another_context_s_unnamed_filter_replaces_nothing_of_this_one(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            """
            public interface ICurrentOrg { Guid TenantId { get; } }

            public class Invoice
            {
                public Guid Id { get; set; }
                public Guid TenantId { get; set; }
                public bool IsDeleted { get; set; }
            }

            public class BillingDb(DbContextOptions options, ICurrentOrg org) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.TenantId == org.TenantId);
            }

            public class ArchiveDb(DbContextOptions options) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Invoice>().HasQueryFilter(i => !i.IsDeleted);
            }

            public sealed class Reads(BillingDb billing, ArchiveDb archive)
            {
                public Invoice? Filtered(Guid id) => billing.Invoices.FirstOrDefault(i => i.Id == id);
                public Invoice? Archived(Guid id) => archive.Invoices.{|TSA1001:FirstOrDefault(i => i.Id == id)|};
            }
            """,
            ef);
}
