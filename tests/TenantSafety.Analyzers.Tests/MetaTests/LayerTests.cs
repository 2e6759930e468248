using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.MetaTests;

/// <summary>
/// The folders of the analyzer and code-fix projects are layers (docs/architecture.md): a file's namespace is its
/// folder, and it uses only the layers below its own. Read from the source text, so a new folder or a using that
/// climbs a layer fails here before anyone reads the code.
/// </summary>
public sealed partial class LayerTests
{
    /// <summary>Each layer of the analyzer project, bottom first; layers of one rank are peers and may not use each other.</summary>
    private static readonly Dictionary<string, int> AnalyzerLayers = new(StringComparer.Ordinal)
    {
        [""] = 0,
        ["Ef"] = 0,
        ["Configuration"] = 0,
        ["Model"] = 1,
        ["Tenancy"] = 2,
        ["Queries"] = 3,
        ["Sql"] = 3,
        ["Analysis"] = 4,
        ["Rules"] = 5,
    };

    /// <summary>The fixers sit on their support folders, which sit on the whole analyzer project.</summary>
    private static readonly Dictionary<string, int> CodeFixLayers = new(StringComparer.Ordinal)
    {
        ["Editing"] = 0,
        ["Scoping"] = 0,
        ["Migrations"] = 1,
        ["Model"] = 1,
        ["Rules"] = 2,
    };

    public static TheoryData<string> AnalyzerFiles => Files("TenantSafety.Analyzers");

    public static TheoryData<string> CodeFixFiles => Files("TenantSafety.Analyzers.CodeFixes");

    [Theory]
    [MemberData(nameof(AnalyzerFiles))]
    public void Analyzer_file_is_in_the_namespace_of_its_folder_and_uses_only_lower_layers(string path) =>
        AssertLayered(path, "TenantSafety.Analyzers", AnalyzerLayers, otherProjectLayers: null);

    [Theory]
    [MemberData(nameof(CodeFixFiles))]
    public void Code_fix_file_is_in_the_namespace_of_its_folder_and_uses_only_lower_layers(string path) =>
        AssertLayered(path, "TenantSafety.Analyzers.CodeFixes", CodeFixLayers, otherProjectLayers: AnalyzerLayers);

    private static void AssertLayered(string path, string project, Dictionary<string, int> layers, Dictionary<string, int>? otherProjectLayers)
    {
        var relative = Path.GetRelativePath(ShippedExtensions.RepositoryPath("src", project), ShippedExtensions.RepositoryPath(path)).Replace('\\', '/');
        var folders = Path.GetDirectoryName(relative)!.Replace('\\', '/');
        var layer = folders.Split('/')[0];
        Assert.True(layers.ContainsKey(layer), $"{path}: '{layer}' is not a layer of docs/architecture.md; add it there and here, or move the file.");

        var text = File.ReadAllText(ShippedExtensions.RepositoryPath(path));
        var expectedNamespace = folders.Length == 0 ? project : project + "." + folders.Replace('/', '.');
        Assert.Contains($"namespace {expectedNamespace};", text, StringComparison.Ordinal);

        foreach (Match reference in ProjectNamespace().Matches(text))
        {
            var name = reference.Groups[1].Value;
            if (name.StartsWith("CodeFixes", StringComparison.Ordinal))
            {
                Assert.True(otherProjectLayers is not null, $"{path} uses the code-fix project, which references it.");
                var used = name.Split('.').ElementAtOrDefault(1) ?? "";
                Assert.True(
                    used == layer || layers.GetValueOrDefault(used, int.MaxValue) < layers[layer],
                    $"{path} (layer {layer}) uses {reference.Value}, a layer that is not below it.");
            }
            else if (otherProjectLayers is null)
            {
                // A name that is no layer is a type of the root namespace (RuleIdentifiers), below every layer.
                var used = name.Split('.')[0];
                Assert.True(
                    used == layer || !AnalyzerLayers.TryGetValue(used, out var rank) || rank < layers[layer],
                    $"{path} (layer {layer}) uses {reference.Value}, a layer that is not below it.");
            }
        }
    }

    private static TheoryData<string> Files(string project)
    {
        var root = ShippedExtensions.RepositoryPath("src", project);
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                data.Add($"src/{project}/{relative}");
            }
        }

        return data;
    }

    /// <summary><c>TenantSafety.Analyzers.Tenancy</c> in a using or a qualified name: the part after the project's root.</summary>
    [GeneratedRegex(@"\bTenantSafety\.Analyzers\.([A-Z]\w*(?:\.[A-Z]\w*)?)")]
    private static partial Regex ProjectNamespace();
}
