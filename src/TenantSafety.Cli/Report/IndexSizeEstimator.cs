namespace TenantSafety.Cli.Report;

/// <summary>
/// B-tree index sizes from the key columns' types, for a freshly built index (docs/report.md states the formula):
/// a leaf tuple is an 8-byte header plus the keys, each at its type's alignment, the whole aligned to 8 bytes, plus a
/// 4-byte line pointer; a leaf page holds about 8,150 usable bytes (8 KiB less the page header and B-tree special
/// space), filled to the leaf fill factor of 90%. Internal pages and the metapage add a little on top.
/// </summary>
internal static class IndexSizeEstimator
{
    public const int PageBytes = 8192;

    /// <summary>8,192 − 24 (page header) − 16 (B-tree special space).</summary>
    public const int UsableLeafBytes = 8152;

    public const double LeafFillFactor = 0.90;

    private const double InternalFillFactor = 0.70;

    private const int TupleHeaderBytes = 8;
    private const int LinePointerBytes = 4;
    private const int HeapTidBytes = 6;

    /// <summary>The largest posting-list tuple a deduplicating index build writes: 10% of a page, aligned down, less a line pointer.</summary>
    private const int MaxPostingTupleBytes = (PageBytes * 10 / 100 / 8 * 8) - LinePointerBytes;

    /// <summary>Bytes one index entry costs on a leaf page: the aligned tuple and its line pointer.</summary>
    public static int LeafEntryBytes(IReadOnlyList<ColumnStorage> keys) => KeyTupleBytes(keys) + LinePointerBytes;

    /// <summary>Size of the index without deduplication (PostgreSQL 12 and older, unique indexes, or <c>deduplicate_items = off</c>).</summary>
    public static long Estimate(IReadOnlyList<ColumnStorage> keys, long rows) =>
        Pages(rows, EntriesPerPage(LeafEntryBytes(keys)), LeafEntryBytes(keys)) * PageBytes;

    /// <summary>
    /// Size with PostgreSQL 13+ deduplication when <paramref name="distinctKeys"/> values repeat: each key is stored once per
    /// posting-list tuple of up to ~130 heap pointers (6 bytes each), so a low-cardinality tenant key costs about 6 bytes a row.
    /// </summary>
    public static long EstimateDeduplicated(IReadOnlyList<ColumnStorage> keys, long rows, long distinctKeys)
    {
        if (rows == 0 || distinctKeys <= 0)
        {
            return Estimate(keys, rows);
        }

        var keyTuple = KeyTupleBytes(keys);
        var perPosting = Math.Max(1, (MaxPostingTupleBytes - keyTuple) / HeapTidBytes);
        var perKey = Math.Max(1, rows / distinctKeys);
        var tidsPerTuple = (int)Math.Min(perPosting, perKey);
        var tupleBytes = Align(keyTuple + (tidsPerTuple * HeapTidBytes), 8) + LinePointerBytes;
        var rowsPerPage = EntriesPerPage(tupleBytes) * (long)tidsPerTuple;
        return Pages(rows, rowsPerPage, keyTuple + LinePointerBytes) * PageBytes;
    }

    private static int KeyTupleBytes(IReadOnlyList<ColumnStorage> keys)
    {
        var offset = TupleHeaderBytes;
        foreach (var key in keys)
        {
            offset = Align(offset, key.Alignment) + key.Bytes;
        }

        return Align(offset, 8);
    }

    private static long EntriesPerPage(int entryBytes) => Math.Max(1, (long)(UsableLeafBytes * LeafFillFactor) / entryBytes);

    /// <summary>Leaf pages; above them one internal entry (a key tuple) per page of the level below, at the internal fill factor of 70%; and the metapage.</summary>
    private static long Pages(long rows, long perPage, int internalEntryBytes)
    {
        if (rows <= 0)
        {
            return 2;
        }

        var level = (rows + perPage - 1) / perPage;
        var pages = level;
        var perInternalPage = Math.Max(2, (long)(UsableLeafBytes * InternalFillFactor) / internalEntryBytes);
        while (level > 1)
        {
            level = (level + perInternalPage - 1) / perInternalPage;
            pages += level;
        }

        return pages + 1;
    }

    private static int Align(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
