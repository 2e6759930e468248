using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>
/// Writes a <see cref="ModelFix"/> as code: the EF Core builder calls and attributes the fixers insert and the report
/// prints, and the PostgreSQL DDL the report prints. The one place either is spelled.
/// </summary>
internal static class ModelFixRenderer
{
    /// <summary>Words PostgreSQL reserves as identifiers (a subset that table and column names meet in practice).</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "both", "case", "cast", "check", "collate", "column",
        "constraint", "create", "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default",
        "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant",
        "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp",
        "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
        "variadic", "when", "where", "window", "with",
    };

    /// <summary>
    /// <c>HasIndex(e =&gt; new { e.TeamId, e.Status }).IsDescending(false, true)</c>; <c>HasIndex(e =&gt; e.TeamId)</c> for one
    /// column; <c>HasIndex("TenantId", "Status")</c> when the tenant key among the columns is a shadow property.
    /// </summary>
    public static string IndexCall(IndexShape index, string parameter, TenantKeyReference? tenantKey)
    {
        var call = $"HasIndex({IndexArguments(index, parameter, tenantKey)})";
        if (index.HasDescending)
        {
            call += $".IsDescending({DescendingFlags(index)})";
        }

        return index.IsUnique ? call + ".IsUnique()" : call;
    }

    /// <summary>What goes between <c>HasIndex(</c> and <c>)</c>: a property lambda, or the names when one column is a shadow property.</summary>
    public static string IndexArguments(IndexShape index, string parameter, TenantKeyReference? tenantKey)
    {
        if (UsesShadowKey(index, tenantKey))
        {
            return IndexNames(index);
        }

        return index.Length == 1
            ? $"{parameter} => {parameter}.{index.Columns[0]}"
            : $"{parameter} => new {{ {string.Join(", ", index.Columns.Select(c => parameter + "." + c))} }}";
    }

    /// <summary><c>"TeamId", "Status"</c>: the columns as the names <c>HasIndex(params string[])</c> takes.</summary>
    public static string IndexNames(IndexShape index) => string.Join(", ", index.Columns.Select(Quote));

    /// <summary><c>false, true, false</c>: the arguments of <c>IsDescending</c>.</summary>
    public static string DescendingFlags(IndexShape index) =>
        string.Join(", ", index.Columns.Select((_, i) => index.IsDescendingAt(i) ? "true" : "false"));

    /// <summary><c>Index(nameof(TeamId), nameof(Status), IsDescending = new[] { false, true })</c>: the attribute, without brackets.</summary>
    public static string IndexAttribute(IndexShape index, TenantKeyReference? tenantKey)
    {
        var arguments = IndexAttributeColumns(index, tenantKey);
        if (index.HasDescending)
        {
            arguments += $", IsDescending = new[] {{ {DescendingFlags(index)} }}";
        }

        if (index.IsUnique)
        {
            arguments += ", IsUnique = true";
        }

        return $"Index({arguments})";
    }

    /// <summary><c>nameof(TeamId), nameof(Status)</c>; a shadow property by its name in quotes.</summary>
    public static string IndexAttributeColumns(IndexShape index, TenantKeyReference? tenantKey) =>
        string.Join(", ", index.Columns.Select(c => tenantKey is { IsShadow: true } key && c == key.Name ? Quote(c) : $"nameof({c})"));

    /// <summary><c>HasOne&lt;Campaign&gt;().WithMany().HasForeignKey(e =&gt; e.CampaignId)</c>.</summary>
    public static string RelationshipCall(string principal, string foreignKey, string parameter) =>
        $"HasOne<{principal}>().WithMany().HasForeignKey({parameter} => {parameter}.{foreignKey})";

    /// <summary><c>HasQueryFilter(e =&gt; e.TeamId == value)</c>; <c>EF.Property&lt;Guid&gt;(e, "TenantId")</c> for a shadow key.</summary>
    public static string QueryFilterCall(TenantKeyReference tenantKey, string parameter, string tenantValue) =>
        $"HasQueryFilter({parameter} => {KeyAccess(tenantKey, parameter)} == {tenantValue})";

    /// <summary><c>e.TeamId</c>, or <c>EF.Property&lt;Guid&gt;(e, "TenantId")</c> for a shadow key.</summary>
    public static string KeyAccess(TenantKeyReference tenantKey, string parameter) =>
        tenantKey.IsShadow ? $"EF.Property<{tenantKey.ClrType}>({parameter}, {Quote(tenantKey.Name)})" : $"{parameter}.{tenantKey.Name}";

    /// <summary>
    /// <c>CREATE INDEX CONCURRENTLY IF NOT EXISTS name ON table (col, col DESC);</c>: builds without blocking writes; must
    /// run outside a transaction, one statement at a time; re-runnable. <paramref name="columns"/> are the mapped column
    /// names of <paramref name="index"/>'s properties, in order.
    /// </summary>
    public static string CreateIndexConcurrently(string name, string table, IReadOnlyList<string> columns, IndexShape index)
    {
        var columnList = string.Join(", ", columns.Select((c, i) => SqlIdentifier(c) + (index.IsDescendingAt(i) ? " DESC" : string.Empty)));
        var unique = index.IsUnique ? "UNIQUE " : string.Empty;
        return $"CREATE {unique}INDEX CONCURRENTLY IF NOT EXISTS {SqlIdentifier(name)} ON {SqlIdentifier(table)} ({columnList});";
    }

    /// <summary>A PostgreSQL identifier, quoted when it is not a plain lower-case name or is a reserved word.</summary>
    public static string SqlIdentifier(string name) =>
        IsPlainIdentifier(name) && !s_reserved.Contains(name) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";

    private static bool IsPlainIdentifier(string name) =>
        name.Length > 0
        && (name[0] is (>= 'a' and <= 'z') or '_')
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '$');

    private static bool UsesShadowKey(IndexShape index, TenantKeyReference? tenantKey) =>
        tenantKey is { IsShadow: true } key && index.Columns.Contains(key.Name);

    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
