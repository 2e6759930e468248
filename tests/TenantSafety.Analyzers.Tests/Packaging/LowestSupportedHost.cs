using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// The assemblies the oldest host the package supports is sure to provide, and their versions: a Roslyn 4.8 host
/// (.NET 8 SDK 8.0.1xx, Visual Studio 17.8). Read from Roslyn 4.8 itself rather than written down: such a host
/// loads Roslyn's own assemblies, so it provides each of them and each assembly they are bound to, at least at
/// the version they are bound to (Microsoft.CodeAnalysis.Workspaces 4.8 is bound to System.Composition.AttributedModel
/// 7.0.0.0, so that is what the host has; it may have a newer one, but nothing says so).
/// </summary>
internal static class LowestSupportedHost
{
    /// <summary>The Roslyn packages a code-fix host loads, and their assembly paths inside the package.</summary>
    private static readonly (string Package, string Assembly)[] RoslynAssemblies =
    [
        ("microsoft.codeanalysis.common", "Microsoft.CodeAnalysis.dll"),
        ("microsoft.codeanalysis.csharp", "Microsoft.CodeAnalysis.CSharp.dll"),
        ("microsoft.codeanalysis.workspaces.common", "Microsoft.CodeAnalysis.Workspaces.dll"),
        ("microsoft.codeanalysis.csharp.workspaces", "Microsoft.CodeAnalysis.CSharp.Workspaces.dll"),
    ];

    /// <summary>The Roslyn version the analyzers are built against (<c>RoslynVersion</c> in Directory.Packages.props).</summary>
    public static string RoslynVersion => RepositoryFiles.CentralPackageVersion("Microsoft.CodeAnalysis.CSharp");

    /// <summary>Assembly name → the version a Roslyn <see cref="RoslynVersion"/> host provides.</summary>
    public static IReadOnlyDictionary<string, Version> Assemblies()
    {
        var packages = RepositoryFiles.NuGetPackageRoot
            ?? throw new InvalidOperationException("The test assembly does not know the NuGet packages folder it was restored into.");
        var provided = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach (var (package, assembly) in RoslynAssemblies)
        {
            // Restored by the analyzer and code-fix projects, which build against this Roslyn.
            var path = Path.Combine(packages, package, RoslynVersion, "lib", "netstandard2.0", assembly);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Roslyn {RoslynVersion}'s {assembly} is not in the packages folder; restore the solution first.", path);
            }

            using var stream = File.OpenRead(path);
            var (identity, references) = AssemblyReferences.Read(stream);
            foreach (var name in references.Append(identity))
            {
                // Every Roslyn assembly must load, so the host has at least the highest version any of them is bound to.
                if (!provided.TryGetValue(name.Name!, out var known) || name.Version! > known)
                {
                    provided[name.Name!] = name.Version!;
                }
            }
        }

        return provided;
    }
}

/// <summary>An assembly's own name and the assemblies it references, with versions, read from its metadata.</summary>
internal static class AssemblyReferences
{
    public static (AssemblyName Identity, IReadOnlyList<AssemblyName> References) Read(Stream assembly)
    {
        using var buffer = new MemoryStream();
        assembly.CopyTo(buffer);
        buffer.Position = 0;

        using var peReader = new PEReader(buffer);
        var reader = peReader.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle).GetAssemblyName())
            .ToList();
        return (reader.GetAssemblyDefinition().GetAssemblyName(), references);
    }
}
