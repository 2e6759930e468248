namespace TenantSafety.Analyzers;

/// <summary>Every rule ID in one place. IDs are stable and never reused.</summary>
public static class RuleIdentifiers
{
    public const string NoTenantEntity = "TSA0001";
    public const string UnscopedTenantQuery = "TSA1001";
    public const string CrossTenantAggregate = "TSA1002";
    public const string UnscopedBulkOperation = "TSA1003";
    public const string UnscopedRawSql = "TSA1004";
    public const string IgnoredTenantFilter = "TSA1005";
    public const string BulkUpdateChangesTenantKey = "TSA1006";
    public const string MissingTenantFilter = "TSA1007";
    public const string FixedTenantFilterValue = "TSA1008";
    public const string ConditionalTenantFilter = "TSA1009";
    public const string MissingTenantKeyIndex = "TSA2001";
    public const string MissingCompositeIndex = "TSA2002";
    public const string UnindexedReference = "TSA2003";
    public const string RedundantIndex = "TSA2004";
    public const string IndexWithoutConcurrently = "TSA3001";
    public const string ConcurrentlyInsideTransaction = "TSA3002";
}
