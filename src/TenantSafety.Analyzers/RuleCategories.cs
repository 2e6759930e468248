namespace TenantSafety.Analyzers;

internal static class RuleCategories
{
    /// <summary>The category users name in <c>[SuppressMessage("TenantSafety", "TSA1001")]</c>.</summary>
    public const string TenantSafety = "TenantSafety";
}
