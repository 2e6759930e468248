using System.Collections.Immutable;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>One source file of the generated project.</summary>
internal sealed record GeneratedFile(string Path, string Text);

/// <summary>A generated EF Core project: its files, its size, and the files the IDE measure opens.</summary>
internal sealed record GeneratedSolution(
    int Scale,
    ImmutableArray<GeneratedFile> Files,
    int Entities,
    int TenantEntities,
    int QuerySites,
    int Migrations,
    string QueryHeavyFile,
    string EntityFile,
    string ModelFile,
    string EditorConfig)
{
    public int Lines => Files.Sum(f => f.Text.AsSpan().Count('\n') + 1);

    public int LinesOf(string path) => Files.Single(f => f.Path == path).Text.AsSpan().Count('\n') + 1;
}
