using System;
using System.IO;
using System.Linq;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// A copy of the sample with the analyzer sources and the repository's build files, in a temporary folder, for
/// tests that rewrite or rebuild it without touching the repository.
/// </summary>
internal sealed class SampleCopy : IDisposable
{
    private SampleCopy(DirectoryInfo root)
    {
        Root = root.FullName;
    }

    public string Root { get; }

    public string SampleDirectory => Path.Combine(Root, "samples", "Outreach");

    /// <summary>The sample project, relative to <see cref="Root"/>.</summary>
    public static string SampleProject => "samples/Outreach/Outreach.csproj";

    public static SampleCopy Create(string prefix)
    {
        var copy = new SampleCopy(Directory.CreateTempSubdirectory(prefix));
        // The build files and what they name: the style the build enforces, the APIs it bans.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "nuget.config", "global.json", ".editorconfig", Path.Combine("src", "BannedSymbols.txt") })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy.Root, file))!);
            File.Copy(Path.Combine(RepositoryFiles.Root, file), Path.Combine(copy.Root, file));
        }

        CopySources(Path.Combine(RepositoryFiles.Root, "src", "TenantSafety.Analyzers"), Path.Combine(copy.Root, "src", "TenantSafety.Analyzers"));
        CopySources(Path.Combine(RepositoryFiles.Root, "src", "TenantSafety.Analyzers.CodeFixes"), Path.Combine(copy.Root, "src", "TenantSafety.Analyzers.CodeFixes"));
        CopySources(Path.Combine(RepositoryFiles.Root, "samples", "Outreach"), copy.SampleDirectory);
        return copy;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar).First();
            if (first is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
