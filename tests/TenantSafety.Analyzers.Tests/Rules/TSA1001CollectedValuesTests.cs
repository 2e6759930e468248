using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Ids a method gathers into a collection of its own (a <c>HashSet&lt;Guid&gt;</c> filled in a loop from a query scoped to the
/// caller's organization, then <c>Single()</c>) are as loaded as the query's rows: a lookup by one reaches only that
/// organization's rows. A collection that also receives a value the caller gave, or that code the analysis does not read
/// could fill (a parameter typed <c>ICollection&lt;T&gt;</c>, an alias), holds anyone's ids, and the lookup stays reported.
/// </summary>
public sealed class TSA1001CollectedValuesTests
{
    private static string Source(string members) => $$"""
        {{BatchModel.Source}}

        public sealed class BatchService(BatchDb db)
        {
            private Guid[] Matches(Guid organizationId, string key) =>
                db.BatchKeys.Where(k => k.OrganizationId == organizationId && k.Key == key).Select(k => k.BatchId).ToArray();

            private static void Fill(ICollection<Guid> ids, Guid requested) => ids.Add(requested);

            private static int Count(IEnumerable<Guid> ids) => ids.Count();

            {{members}}
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task Ids_a_helper_gathers_in_a_loop_from_scoped_rows_and_hands_to_another_helper_are_loaded(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            Source("""
                public async Task<string?> ReplayAsync(Guid organizationId, IReadOnlyList<string> keys, CancellationToken ct)
                {
                    Guid? batchId = await FindBatchIdAsync(organizationId, keys, ct);
                    if (batchId is null)
                    {
                        return null;
                    }

                    var batch = await LoadBatchAsync(batchId.Value, ct);
                    return batch.State + await CountKeysAsync(batchId.Value, ct);
                }

                private async Task<Guid?> FindBatchIdAsync(Guid organizationId, IReadOnlyList<string> keys, CancellationToken ct)
                {
                    HashSet<Guid> ids = [];
                    foreach (var key in keys)
                    {
                        var matches = await db.BatchKeys
                            .Where(k => k.OrganizationId == organizationId && k.Key == key)
                            .Select(k => k.BatchId)
                            .Take(2)
                            .ToArrayAsync(ct);
                        foreach (var id in matches)
                        {
                            ids.Add(id);
                        }
                    }

                    return ids.Count switch
                    {
                        0 => null,
                        1 => ids.Single(),
                        _ => throw new InvalidOperationException("ambiguous keys"),
                    };
                }

                private Task<Batch> LoadBatchAsync(Guid batchId, CancellationToken ct) =>
                    db.Batches.AsNoTracking().SingleAsync(b => b.Id == batchId, ct);

                private Task<int> CountKeysAsync(Guid batchId, CancellationToken ct) =>
                    db.BatchKeys.Where(k => k.BatchId == batchId).CountAsync(ct);
                """),
            ef);

    public static TheoryData<string, EfCoreVersion> Loaded => RuleSources.WithEachEf(
        // UnionWith in a loop, read in the same method.
        """
        public Batch UnionInLoop(Guid organizationId, string[] keys)
        {
            var ids = new HashSet<Guid>();
            foreach (var key in keys)
            {
                ids.UnionWith(Matches(organizationId, key));
            }

            var id = ids.Single();
            return db.Batches.Single(b => b.Id == id);
        }
        """,

        // Created from loaded ids, read by index.
        "public Batch FromLoaded(Guid organizationId, string key) { var ids = new List<Guid>(Matches(organizationId, key)); return db.Batches.Single(b => b.Id == ids[0]); }",

        // A collection initializer of a loaded row's key, and AddRange of loaded ids.
        """
        public Batch Initialized(Guid organizationId, string key)
        {
            var first = db.BatchKeys.First(k => k.OrganizationId == organizationId && k.Key == key);
            var ids = new List<Guid> { first.BatchId };
            ids.AddRange(Matches(organizationId, key));
            ids.Insert(0, first.BatchId);
            return db.Batches.Single(b => b.Id == ids.Last());
        }
        """,

        // A collection expression, a spread of loaded ids, an indexer set to a loaded id.
        """
        public Batch Expression(Guid organizationId, string key)
        {
            List<Guid> ids = [.. Matches(organizationId, key)];
            ids[0] = Matches(organizationId, key)[0];
            return db.Batches.Single(b => b.Id == ids.First());
        }
        """,

        // Tests, removals and reads that put nothing in the set.
        """
        public Batch Read(Guid organizationId, string key, Guid requested)
        {
            HashSet<Guid> ids = [];
            ids.UnionWith(Matches(organizationId, key));
            if (ids.Contains(requested) || Count(ids) > 1 || string.Join(",", ids).Length == 0)
            {
                ids.Remove(requested);
            }

            ids.ExceptWith(new[] { requested });
            return db.Batches.Single(b => b.Id == ids.Min());
        }
        """);

    public static TheoryData<string, EfCoreVersion> Requested => RuleSources.WithEachEf(
        // A value the caller gave, added beside the loaded ones.
        """
        public Batch AddedRequest(Guid organizationId, string key, Guid requested)
        {
            var ids = new HashSet<Guid>();
            ids.UnionWith(Matches(organizationId, key));
            ids.Add(requested);
            var id = ids.First();
            return db.Batches.{|TSA1001:Single(b => b.Id == id)|};
        }
        """,
        "public Batch UnionOfRequested(Guid organizationId, string key, Guid[] requested) { var ids = new HashSet<Guid>(Matches(organizationId, key)); ids.UnionWith(requested); return db.Batches.{|TSA1001:Single(b => b.Id == ids.First())|}; }",
        "public Batch CreatedFromRequested(Guid[] requested) { var ids = new List<Guid>(requested); return db.Batches.{|TSA1001:Single(b => b.Id == ids[0])|}; }",
        "public Batch ExpressionOfRequested(Guid requested) { List<Guid> ids = [requested]; return db.Batches.{|TSA1001:Single(b => b.Id == ids[0])|}; }",
        "public Batch InsertedRequest(Guid organizationId, string key, Guid requested) { var ids = new List<Guid>(Matches(organizationId, key)); ids.Insert(0, requested); return db.Batches.{|TSA1001:Single(b => b.Id == ids[0])|}; }",
        "public Batch IndexerSet(Guid organizationId, string key, Guid requested) { var ids = new List<Guid>(Matches(organizationId, key)); ids[0] = requested; return db.Batches.{|TSA1001:Single(b => b.Id == ids[0])|}; }",

        // Handed to a method that may fill it, kept in another variable, filled by a lambda.
        "public Batch HandedToFiller(Guid organizationId, string key, Guid requested) { var ids = new List<Guid>(Matches(organizationId, key)); Fill(ids, requested); return db.Batches.{|TSA1001:Single(b => b.Id == ids[0])|}; }",
        "public Batch Aliased(Guid organizationId, string key, Guid requested) { var ids = new List<Guid>(Matches(organizationId, key)); var alias = ids; alias.Add(requested); return db.Batches.{|TSA1001:Single(b => b.Id == ids.Last())|}; }",
        "public Batch FilledByLambda(Guid organizationId, string key, List<Guid> requested) { var ids = new List<Guid>(Matches(organizationId, key)); requested.ForEach(r => ids.Add(r)); return db.Batches.{|TSA1001:Single(b => b.Id == ids.Last())|}; }",
        "public Batch HandedOutByLambda(Guid organizationId, string key, Guid requested) { var ids = new List<Guid>(Matches(organizationId, key)); Func<List<Guid>> get = () => { return ids; }; get().Add(requested); return db.Batches.{|TSA1001:Single(b => b.Id == ids.Last())|}; }",


        // An initializer of the caller's value.
        "public Batch InitializedWithRequest(Guid requested) { var ids = new HashSet<Guid> { requested }; return db.Batches.{|TSA1001:Single(b => b.Id == ids.First())|}; }");

    [Theory]
    [MemberData(nameof(Loaded))]
    public Task A_lookup_by_an_id_gathered_from_loaded_rows_is_scoped(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Requested))]
    public Task A_lookup_by_an_id_from_a_collection_that_may_hold_anyone_s_ids_is_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);
}
