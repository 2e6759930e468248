using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// Finbuckle's isolation by default in a base DbContext of another project (the fullstackhero layout): the loop that
/// makes every entity multi-tenant is compiled code this project cannot read, so TSA0001 says so at each module's
/// context, and hands over the one line to configure: the type all its entities share, else their names.
/// </summary>
public sealed class FinbuckleBaseContextTests
{
    private const string Platform = TenancyStandIns.Finbuckle10 + """
        namespace Platform.Data
        {
            using System.Linq;
            using Finbuckle.MultiTenant.Abstractions;
            using Finbuckle.MultiTenant.EntityFrameworkCore;
            using Finbuckle.MultiTenant.EntityFrameworkCore.Extensions;
            using Microsoft.EntityFrameworkCore;

            public abstract class AuditableEntity<TId>
            {
                public TId Id { get; set; } = default!;
                public bool IsDeleted { get; set; }
            }

            public abstract class BaseDbContext(IMultiTenantContextAccessor accessor) : MultiTenantDbContext(accessor)
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    foreach (var type in modelBuilder.Model.GetEntityTypes().ToList())
                    {
                        modelBuilder.Entity(type.ClrType).IsMultiTenant();
                    }
                }
            }
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task TSA0001_names_the_base_class_every_entity_of_the_context_shares(EfCoreVersion ef)
    {
        var message = await Tsa0001Async(ef, """
            public class StoredFile : Platform.Data.AuditableEntity<Guid> { public string Name { get; set; } = ""; }

            public class Folder : Platform.Data.AuditableEntity<int> { public string Path { get; set; } = ""; }

            public class FilesDb(Finbuckle.MultiTenant.Abstractions.IMultiTenantContextAccessor accessor) : Platform.Data.BaseDbContext(accessor)
            {
                public DbSet<StoredFile> Files => Set<StoredFile>();
                public DbSet<Folder> Folders => Set<Folder>();
            }
            """);

        Assert.EndsWith("); " + NoTenantEntityAnalyzer.FinbuckleIsolation("Platform.Data.AuditableEntity", NoTenantEntityAnalyzer.SetTheKey), message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task TSA0001_lists_the_entities_when_they_share_no_type(EfCoreVersion ef)
    {
        var message = await Tsa0001Async(ef, """
            public class Channel { public Guid Id { get; set; } public string Name { get; set; } = ""; }

            public class Message { public Guid Id { get; set; } public Guid ChannelId { get; set; } }

            public class ChatDb(Finbuckle.MultiTenant.Abstractions.IMultiTenantContextAccessor accessor) : Platform.Data.BaseDbContext(accessor)
            {
                public DbSet<Channel> Channels => Set<Channel>();
                public DbSet<Message> Messages => Set<Message>();
            }
            """);

        Assert.EndsWith("); " + NoTenantEntityAnalyzer.FinbuckleIsolation("Channel, Message", NoTenantEntityAnalyzer.SetTheKey), message, System.StringComparison.Ordinal);
    }

    /// <summary>The one TSA0001 message the analyzers report on <paramref name="source"/>, which references the platform project as a built assembly.</summary>
    private static async Task<string> Tsa0001Async(EfCoreVersion ef, string source)
    {
        var platform = ForeignProject.Built(ef, "Platform.Data", Platform);
        var compilation = EfCoreReferences.Compile(ef, source).AddReferences(platform);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var run = await AnalyzerHarness.RunAsync(compilation, ShippedExtensions.CreateAnalyzers(), null);
        Assert.Empty(run.Failures);
        return Assert.Single(run.Diagnostics, d => d.Id == "TSA0001").GetMessage(CultureInfo.InvariantCulture);
    }
}
