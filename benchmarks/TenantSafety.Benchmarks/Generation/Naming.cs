using System.Text;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>English plurals and snake_case table names, enough for the generated vocabulary.</summary>
internal static class Naming
{
    public static string Plural(string name)
    {
        if (name.EndsWith('y') && name.Length > 1 && !"aeiou".Contains(name[^2]))
        {
            return name[..^1] + "ies";
        }

        return name.EndsWith('s') || name.EndsWith('x') || name.EndsWith("ch") || name.EndsWith("sh") ? name + "es" : name + "s";
    }

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
