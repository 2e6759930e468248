namespace TenantSafety.Cli.Text;

/// <summary>Counted nouns as people write them: "1 error", "2 errors", "1 index", "3 indexes".</summary>
internal static class Plural
{
    public static string Of(long count, string singular, string? plural = null) =>
        $"{count:N0} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>The verb that agrees with the count: "1 table has", "2 tables have".</summary>
    public static string Verb(long count, string singular, string plural) => count == 1 ? singular : plural;
}
