namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// Stand-ins for the multi-tenancy libraries, which the offline package source does not serve: the public names the
/// analyzers recognise (namespaces, extension classes, the attribute, the DbContext base, ABP's marker), with bodies
/// that do nothing. Finbuckle 10 moved its extensions to <c>Finbuckle.MultiTenant.EntityFrameworkCore.Extensions</c>
/// and its attribute to <c>Finbuckle.MultiTenant.Abstractions</c>; versions 7 to 9 declared both in <c>Finbuckle.MultiTenant</c>.
/// </summary>
internal static class TenancyStandIns
{
    /// <summary>Finbuckle.MultiTenant 10: <c>IsMultiTenant()</c> adds the named filter <c>"__tenant__"</c> on a shadow <c>string TenantId</c>.</summary>
    public const string Finbuckle10 = """
        namespace Finbuckle.MultiTenant.Abstractions
        {
            public interface ITenantInfo { string? Id { get; } }
            public interface IMultiTenantContextAccessor { ITenantInfo? TenantInfo { get; } }

            [System.AttributeUsage(System.AttributeTargets.Class, Inherited = false)]
            public class MultiTenantAttribute : System.Attribute { }
        }

        namespace Finbuckle.MultiTenant.EntityFrameworkCore
        {
            using Finbuckle.MultiTenant.Abstractions;

            public interface IMultiTenantDbContext { ITenantInfo? TenantInfo { get; } }

            public abstract class MultiTenantDbContext : Microsoft.EntityFrameworkCore.DbContext, IMultiTenantDbContext
            {
                protected MultiTenantDbContext(IMultiTenantContextAccessor accessor) { TenantInfo = accessor.TenantInfo; }
                public ITenantInfo? TenantInfo { get; }
            }

            public class MultiTenantEntityTypeBuilder
            {
                public MultiTenantEntityTypeBuilder AdjustUniqueIndexes() => this;
            }
        }

        namespace Finbuckle.MultiTenant.EntityFrameworkCore.Extensions
        {
            using Microsoft.EntityFrameworkCore.Metadata.Builders;
            using Finbuckle.MultiTenant.EntityFrameworkCore;

            public static class EntityTypeBuilderExtensions
            {
                public static MultiTenantEntityTypeBuilder IsMultiTenant(this EntityTypeBuilder builder) => new();
                public static EntityTypeBuilder IsNotMultiTenant(this EntityTypeBuilder builder) => builder;
            }
        }

        namespace Finbuckle.MultiTenant.EntityFrameworkCore.Stores
        {
            public class EFCoreStoreDbContext<T> : Microsoft.EntityFrameworkCore.DbContext where T : class
            {
                public Microsoft.EntityFrameworkCore.DbSet<T> TenantInfo => Set<T>();
            }
        }

        """;

    /// <summary>Finbuckle.MultiTenant 9: the same call in <c>Finbuckle.MultiTenant</c>, adding an unnamed filter.</summary>
    public const string Finbuckle9 = """
        namespace Finbuckle.MultiTenant
        {
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class MultiTenantEntityTypeBuilder { }

            public static class EntityTypeBuilderExtensions
            {
                public static MultiTenantEntityTypeBuilder IsMultiTenant(this EntityTypeBuilder builder) => new();
            }
        }

        """;

    /// <summary>ABP's marker: implementers carry <c>Guid? TenantId</c> and ABP's tenant data filter.</summary>
    public const string Abp = """
        namespace Volo.Abp.MultiTenancy
        {
            public interface IMultiTenant
            {
                System.Guid? TenantId { get; }
            }
        }

        """;
}
