using System;
using System.Collections.Generic;
using System.Text;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The words messages use for the owner of a row, taken from the tenant key: <c>TeamId</c> → "team",
/// <c>OrganizationId</c> → "organization", <c>StoreId</c> → "store", <c>TenantId</c> → "tenant", <c>team_id</c> → "team".
/// </summary>
internal static class TenantWording
{
    /// <summary>The owner in the singular: "every team's rows".</summary>
    public static string Owner(string keyName)
    {
        var words = Words(keyName);
        return words.Count == 0 ? "tenant" : string.Join(" ", words);
    }

    /// <summary>The owners as a plural possessive: "all teams' rows", "all companies' rows".</summary>
    public static string OwnersPossessive(string keyName) => Plural(Owner(keyName)) + "'";

    private static List<string> Words(string keyName)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < keyName.Length; i++)
        {
            var c = keyName[i];
            var startsWord = char.IsUpper(c) && current.Length > 0
                && (char.IsLower(keyName[i - 1]) || (i + 1 < keyName.Length && char.IsLower(keyName[i + 1])));
            if (c is '_' or '-' || startsWord)
            {
                Flush();
            }

            if (c is not ('_' or '-'))
            {
                current.Append(char.ToLowerInvariant(c));
            }
        }

        Flush();

        // TeamId → team; StoreDataId → store (EF entity classes are often named XxxData).
        if (words.Count > 0 && words[words.Count - 1] == "id")
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count > 1 && words[words.Count - 1] == "data")
        {
            words.RemoveAt(words.Count - 1);
        }

        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static string Plural(string owner)
    {
        if (owner.EndsWith("y", StringComparison.Ordinal) && owner.Length > 1 && "aeiou".IndexOf(owner[owner.Length - 2]) < 0)
        {
            return owner.Substring(0, owner.Length - 1) + "ies";
        }

        return owner.EndsWith("s", StringComparison.Ordinal) || owner.EndsWith("x", StringComparison.Ordinal) || owner.EndsWith("ch", StringComparison.Ordinal) || owner.EndsWith("sh", StringComparison.Ordinal)
            ? owner + "es"
            : owner + "s";
    }
}
