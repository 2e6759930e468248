namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The batches of an import keyed by organization, and the keys that find them: the model of the tests of values a
/// method reads from scoped rows and hands on (<see cref="TSA1001ValueFromHelperTests"/>, <see cref="TSA1001CollectedValuesTests"/>).
/// </summary>
internal static class BatchModel
{
    public const string Source = """
        public sealed class Batch
        {
            public Guid Id { get; set; }
            public Guid OrganizationId { get; set; }
            public string State { get; set; } = "";
        }

        public sealed class BatchKey
        {
            public Guid Id { get; set; }
            public Guid BatchId { get; set; }
            public Guid OrganizationId { get; set; }
            public string Key { get; set; } = "";
        }

        public sealed class BatchDb(DbContextOptions<BatchDb> options) : DbContext(options)
        {
            public DbSet<Batch> Batches => Set<Batch>();
            public DbSet<BatchKey> BatchKeys => Set<BatchKey>();
        }
        """;
}
