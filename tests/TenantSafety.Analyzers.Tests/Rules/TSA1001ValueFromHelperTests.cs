using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A value a helper reads from rows it loads (<c>FindBatchIdAsync</c> selecting <c>BatchId</c> from a query scoped to the
/// caller's organization) is as loaded as the same query written inline: a lookup by it, here or in another helper it is
/// handed to, reaches only that organization's rows. A helper whose returns are not all such values (an echo of the
/// request's id, a new id) hands out what the caller gave it, and a lookup by it stays reported.
/// </summary>
public sealed class TSA1001ValueFromHelperTests
{
    private static string Source(string members) => $$"""
        {{BatchModel.Source}}

        public sealed class BatchService(BatchDb db)
        {
            private async Task<Guid?> FindBatchIdAsync(Guid organizationId, string key, CancellationToken ct) =>
                await db.BatchKeys
                    .Where(k => k.OrganizationId == organizationId && k.Key == key)
                    .Select(k => (Guid?)k.BatchId)
                    .FirstOrDefaultAsync(ct);

            private Guid FindBatchId(Guid organizationId, string key)
            {
                var id = db.BatchKeys.Where(k => k.OrganizationId == organizationId && k.Key == key).Select(k => k.BatchId).First();
                return id;
            }

            private Guid FindThroughAnother(Guid organizationId, string key) => FindBatchId(organizationId, key);

            private Guid Echo(Guid batchId) => batchId;

            private Guid FoundOrRequested(Guid organizationId, string key, Guid requested, bool find)
            {
                if (find)
                {
                    return FindBatchId(organizationId, key);
                }

                return requested;
            }

            private async Task<Guid?> OnlyBatchIdAsync(Guid organizationId, string key, CancellationToken ct)
            {
                Guid[] ids = await db.BatchKeys.Where(k => k.OrganizationId == organizationId && k.Key == key).Select(k => k.BatchId).ToArrayAsync(ct);
                return ids.Length == 1 ? ids[0] : null;
            }

            private async Task<Guid?> SingleBatchIdAsync(Guid organizationId, string key, CancellationToken ct)
            {
                var ids = await db.BatchKeys.Where(k => k.OrganizationId == organizationId && k.Key == key).Select(k => k.BatchId).ToListAsync(ct);
                return ids.Count switch
                {
                    0 => null,
                    1 => ids.Single(),
                    _ => throw new InvalidOperationException("ambiguous key"),
                };
            }

            private Guid? OnlyOrRequested(Guid organizationId, string key, Guid requested)
            {
                var ids = db.BatchKeys.Where(k => k.OrganizationId == organizationId && k.Key == key).Select(k => k.BatchId).ToArray();
                return ids.Length == 1 ? ids[0] : requested;
            }

            private Guid Walk(Guid organizationId, string key, int depth) => depth == 0 ? FindBatchId(organizationId, key) : Walk(organizationId, key, depth - 1);

            {{members}}
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task An_id_a_helper_reads_from_scoped_rows_and_hands_to_another_helper_is_loaded(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source("""
                public async Task<string?> ReplayAsync(Guid organizationId, string key, CancellationToken ct)
                {
                    Guid? batchId = await FindBatchIdAsync(organizationId, key, ct);
                    if (batchId is null)
                    {
                        return null;
                    }

                    var batch = await LoadBatchAsync(batchId.Value, ct);
                    var keys = await CountKeysAsync(batchId.Value, ct);
                    return batch.State + keys;
                }

                private Task<Batch> LoadBatchAsync(Guid batchId, CancellationToken ct) =>
                    db.Batches.AsNoTracking().SingleAsync(b => b.Id == batchId, ct);

                private Task<int> CountKeysAsync(Guid batchId, CancellationToken ct) =>
                    db.BatchKeys.Where(k => k.BatchId == batchId).CountAsync(ct);
                """),
            ef);

    public static TheoryData<string, EfCoreVersion> Loaded => RuleSources.WithEachEf(
        "public Batch ByKey(Guid organizationId, string key) { var id = FindBatchId(organizationId, key); return db.Batches.Single(b => b.Id == id); }",
        "public Batch Chained(Guid organizationId, string key) { var id = FindThroughAnother(organizationId, key); return db.Batches.Single(b => b.Id == id); }",
        "public Batch Inline(Guid organizationId, string key) => db.Batches.Single(b => b.Id == FindBatchId(organizationId, key));",
        "public async Task<Batch?> Indexed(Guid organizationId, string key, CancellationToken ct) { var id = await OnlyBatchIdAsync(organizationId, key, ct); return id is null ? null : db.Batches.Single(b => b.Id == id.Value); }",
        "public async Task<Batch?> Switched(Guid organizationId, string key, CancellationToken ct) { var id = await SingleBatchIdAsync(organizationId, key, ct); return id is null ? null : db.Batches.Single(b => b.Id == id.Value); }");

    public static TheoryData<string, EfCoreVersion> Requested => RuleSources.WithEachEf(
        "public Batch Echoed(Guid batchId) { var id = Echo(batchId); return db.Batches.{|TSA1001:Single(b => b.Id == id)|}; }",
        "public Batch Either(Guid organizationId, string key, Guid requested, bool find) { var id = FoundOrRequested(organizationId, key, requested, find); return db.Batches.{|TSA1001:Single(b => b.Id == id)|}; }",
        "public Batch? OrRequested(Guid organizationId, string key, Guid requested) { var id = OnlyOrRequested(organizationId, key, requested); return id is null ? null : db.Batches.{|TSA1001:Single(b => b.Id == id.Value)|}; }",
        "public Batch Recursive(Guid organizationId, string key) { var id = Walk(organizationId, key, 2); return db.Batches.{|TSA1001:Single(b => b.Id == id)|}; }",
        "public Batch Fresh() { var id = NewId(); return db.Batches.{|TSA1001:Single(b => b.Id == id)|}; } private static Guid NewId() => Guid.NewGuid();");

    [Theory]
    [MemberData(nameof(Loaded))]
    public Task A_lookup_by_a_value_a_helper_loaded_is_scoped(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Requested))]
    public Task A_lookup_by_a_value_a_helper_did_not_load_is_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);
}
