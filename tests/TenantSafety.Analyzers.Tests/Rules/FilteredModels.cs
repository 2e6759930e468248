namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Contexts with global query filters, for the rules that depend on them. Each declares <c>Note</c>
/// (a tenant entity with a soft-delete flag) and <c>FilteredDbContext</c> with <c>Notes</c>; combine with
/// <see cref="Verifiers.TestModel.Entities"/> (which has no filters) when a test also needs <c>Lead</c>.
/// </summary>
internal static class FilteredModels
{
    private const string Note = """
        public class Note : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public bool IsDeleted { get; set; }
        }

        """;

    /// <summary>Tenant filter in <c>OnModelCreating</c>: <c>modelBuilder.Entity&lt;Note&gt;().HasQueryFilter(…)</c>.</summary>
    public const string TenantFilterInOnModelCreating = Note + """
        public class FilteredDbContext : DbContext
        {
            public Guid CurrentTeamId { get; set; }
            public DbSet<Note> Notes { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Note>().HasQueryFilter(x => x.TeamId == CurrentTeamId);
            }
        }

        """;

    /// <summary>Tenant filter in an <c>IEntityTypeConfiguration&lt;Note&gt;</c> applied by the context.</summary>
    public const string TenantFilterInEntityTypeConfiguration = Note + """
        public class FilteredDbContext : DbContext
        {
            public Guid CurrentTeamId { get; set; }
            public DbSet<Note> Notes { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.ApplyConfiguration(new NoteConfiguration(this));
            }
        }

        public sealed class NoteConfiguration(FilteredDbContext context) : IEntityTypeConfiguration<Note>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Note> builder)
            {
                builder.HasQueryFilter(x => x.TeamId == context.CurrentTeamId);
            }
        }

        """;

    /// <summary>Tenant filter in a <c>modelBuilder.Entity&lt;Note&gt;(b => …)</c> lambda.</summary>
    public const string TenantFilterInEntityLambda = Note + """
        public class FilteredDbContext : DbContext
        {
            public Guid CurrentTeamId { get; set; }
            public DbSet<Note> Notes { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Note>(b => b.HasQueryFilter(x => x.TeamId == CurrentTeamId));
            }
        }

        """;

    /// <summary>Only a soft-delete filter: it does not mention the tenant key, so it is not a tenant filter.</summary>
    public const string SoftDeleteFilterOnly = Note + """
        public class FilteredDbContext : DbContext
        {
            public DbSet<Note> Notes { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Note>().HasQueryFilter(x => !x.IsDeleted);
            }
        }

        """;

    /// <summary>EF Core 10 named filters: "Tenant" (on the key) and "SoftDelete".</summary>
    public const string NamedFilters = Note + """
        public class FilteredDbContext : DbContext
        {
            public Guid CurrentTeamId { get; set; }
            public DbSet<Note> Notes { get; set; } = null!;

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Note>()
                    .HasQueryFilter("Tenant", x => x.TeamId == CurrentTeamId)
                    .HasQueryFilter("SoftDelete", x => !x.IsDeleted);
            }
        }

        """;

    public static string Get(string name) => name switch
    {
        nameof(TenantFilterInOnModelCreating) => TenantFilterInOnModelCreating,
        nameof(TenantFilterInEntityTypeConfiguration) => TenantFilterInEntityTypeConfiguration,
        nameof(TenantFilterInEntityLambda) => TenantFilterInEntityLambda,
        nameof(SoftDeleteFilterOnly) => SoftDeleteFilterOnly,
        nameof(NamedFilters) => NamedFilters,
        _ => throw new System.ArgumentOutOfRangeException(nameof(name), name, "No such model."),
    };
}
