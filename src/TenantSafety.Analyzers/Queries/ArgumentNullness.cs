namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// What one call tells a helper about its parameters: which it fills with a value that is never null (a lambda, a
/// <c>new</c>), and which with null (a <c>null</c> argument, an omitted one whose default is null). A bit per parameter
/// ordinal (the first 64); a parameter in neither set may be either.
/// </summary>
/// <remarks>
/// A helper summarised under a call's nullness follows only the branches that call can take: a store's
/// <c>if (filter != null) query = query.Where(filter);</c> applies the caller's predicate on every path of a call that
/// passes one, and on none of a call that passes nothing.
/// </remarks>
internal readonly record struct ArgumentNullness(ulong NonNull, ulong Null)
{
    public const int MaxParameters = 64;

    public static ArgumentNullness None => default;

    public bool IsEmpty => NonNull == 0 && Null == 0;

    /// <summary>True when the call passes a value that is never null, false when it passes null, null when it may be either.</summary>
    public bool? IsNonNull(int ordinal)
    {
        if (ordinal is < 0 or >= MaxParameters)
        {
            return null;
        }

        var bit = 1UL << ordinal;
        return (NonNull & bit) != 0 ? true : (Null & bit) != 0 ? false : null;
    }

    public ArgumentNullness With(int ordinal, bool nonNull)
    {
        if (ordinal is < 0 or >= MaxParameters)
        {
            return this;
        }

        var bit = 1UL << ordinal;
        return nonNull ? this with { NonNull = NonNull | bit } : this with { Null = Null | bit };
    }
}
