using System.Text.Json;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Analysis.Code;

/// <summary>
/// The connection strings of a project's <c>appsettings*.json</c> files (beside the project file and below it,
/// outside <c>bin</c> and <c>obj</c>): every value under <c>ConnectionStrings</c>, and every value whose key ends in
/// <c>ConnectionString</c>. Only their pool settings are kept (<see cref="ConnectionSettings"/>).
/// </summary>
internal static class AppSettingsReader
{
    private static readonly JsonReaderOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<ConnectionStringEntry> Read(string? projectFile)
    {
        var directory = Path.GetDirectoryName(projectFile);
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }

        var entries = new List<ConnectionStringEntry>();
        var files = Directory.EnumerateFiles(directory, "appsettings*.json", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(directory, f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                entries.AddRange(ReadFile(file));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                // A settings file that does not parse holds no connection string the report could read.
            }
        }

        return entries;
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static IEnumerable<ConnectionStringEntry> ReadFile(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var reader = new Utf8JsonReader(bytes, s_options);
        var path = new List<string>();
        string? property = null;
        var entries = new List<ConnectionStringEntry>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartObject:
                    path.Add(property ?? string.Empty);
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                    path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    property = null;
                    break;
                case JsonTokenType.String when property is not null:
                    var inSection = path.Count > 0 && string.Equals(path[^1], "ConnectionStrings", StringComparison.OrdinalIgnoreCase);
                    if ((inSection || property.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase))
                        && ConnectionSettings.Parse(reader.GetString()) is { } settings)
                    {
                        var name = string.Join(":", path.Skip(1).Append(property));
                        entries.Add(new ConnectionStringEntry(DisplayPaths.Of(file), name, LineOf(bytes, reader.TokenStartIndex), settings));
                    }

                    property = null;
                    break;
                default:
                    property = null;
                    break;
            }
        }

        return entries;
    }

    private static int LineOf(byte[] bytes, long offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }
}
