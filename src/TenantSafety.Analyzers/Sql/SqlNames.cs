using System;
using System.Collections.Immutable;

namespace TenantSafety.Analyzers.Sql;

/// <summary>A possibly schema-qualified name as written: <c>messages</c>, <c>public."Messages"</c>.</summary>
internal sealed record SqlQualifiedName(ImmutableArray<SqlToken> Parts)
{
    /// <summary>The last part: the object's own name (a quoted name unescaped).</summary>
    public string Name => Parts[Parts.Length - 1].Value;

    public SqlToken Last => Parts[Parts.Length - 1];
}

internal static class SqlNames
{
    /// <summary>Reads <c>name(.name)*</c> at <paramref name="index"/>, leaving it after the name; null (and index unchanged) when there is none.</summary>
    public static SqlQualifiedName? ReadQualifiedName(ImmutableArray<SqlToken> tokens, ref int index)
    {
        if (index >= tokens.Length || !tokens[index].IsName)
        {
            return null;
        }

        var parts = ImmutableArray.CreateBuilder<SqlToken>();
        parts.Add(tokens[index]);
        var i = index + 1;
        while (i + 1 < tokens.Length && tokens[i].IsPunctuation('.') && tokens[i + 1].IsName)
        {
            parts.Add(tokens[i + 1]);
            i += 2;
        }

        index = i;
        return new SqlQualifiedName(parts.ToImmutable());
    }

    /// <summary>
    /// Whether a name token means <paramref name="name"/>. PostgreSQL folds unquoted names to lower case and
    /// keeps quoted ones; code is matched case-insensitively either way, because a query that would fail on
    /// case still shows which table the author meant.
    /// </summary>
    public static bool Matches(SqlToken token, string name) =>
        token.IsName && string.Equals(token.Value, name, StringComparison.OrdinalIgnoreCase);
}
