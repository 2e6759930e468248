using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using VerifyIndex = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;
using VerifyQuery = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// A generic base configuration class (<c>TenantConfig&lt;T&gt; where T : TenantBase</c>) configures the entities its
/// derived classes name (<c>InvoiceConfig : TenantConfig&lt;Invoice&gt;</c>): its index and its query filter hold for
/// those, not for every entity its constraint admits. An entity of the same base with a configuration of its own, or
/// none, has neither.
/// </summary>
public sealed class GenericBaseConfigurationTests
{
    private const string Model = """
        public abstract class TenantBase
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
        }

        public class Invoice : TenantBase
        {
            public decimal Total { get; set; }
        }

        public class Payment : TenantBase
        {
            public decimal Amount { get; set; }
        }

        public class {{REMINDER}} : TenantBase
        {
            public string Text { get; set; } = "";
        }

        public interface ICurrentTenant
        {
            Guid Id { get; }
        }

        public abstract class TenantConfig<T> : IEntityTypeConfiguration<T> where T : TenantBase
        {
            public static ICurrentTenant? Tenant { get; set; }

            public virtual void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder)
            {
                builder.HasIndex(x => x.TenantId);
                builder.HasQueryFilter(x => x.TenantId == Tenant!.Id);
            }
        }

        public class InvoiceConfig : TenantConfig<Invoice>
        {
        }

        // Through an intermediate generic class.
        public abstract class AuditedConfig<TEntity> : TenantConfig<TEntity> where TEntity : TenantBase
        {
        }

        public class PaymentConfig : AuditedConfig<Payment>
        {
        }

        public class ReminderConfig : IEntityTypeConfiguration<Reminder>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Reminder> builder) => builder.HasKey(r => r.Id);
        }

        public class BillingDb : DbContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<Payment> Payments => Set<Payment>();
            public DbSet<Reminder> Reminders => Set<Reminder>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(typeof(BillingDb).Assembly);
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task The_base_class_index_holds_for_the_entities_its_derived_classes_name(EfCoreVersion ef) =>
        VerifyIndex.VerifyAnalyzerAsync(Model.Replace("{{REMINDER}}", "{|TSA2001:Reminder|}"), ef);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task The_base_class_filter_scopes_the_entities_its_derived_classes_name(EfCoreVersion ef) =>
        VerifyQuery.VerifyAnalyzerAsync(
            Model.Replace("{{REMINDER}}", "Reminder") + """
                public class Billing(BillingDb db)
                {
                    public List<Invoice> Invoices() => db.Invoices.ToList();

                    public List<Payment> Payments() => db.Payments.ToList();

                    public List<Reminder> Reminders() => db.Reminders.{|TSA1001:ToList()|};
                }
                """,
            ef);
}
